package dev.ncbridge.ingest.ping;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The text of a liveness ping, as {@code ncbridge ping} sends it and the bridge recognises it:
 * {@code ncbridge-ping nonce=<32 hex digits> via=<udp|kmsg|send_msg> target=<configfs target>}.
 * The marker is the first word of the message; the fields follow in this order, one space apart.
 *
 * @param nonce what identifies this ping, so the sender can ask the bridge whether it arrived
 * @param via how it left the host: {@code udp} from user space, or through the kernel's own path
 * @param target the configfs target it was sent for
 */
public record PingText(String nonce, String via, String target) {
    public static final String MARKER = "ncbridge-ping";
    /** Sent from a user-space socket: its header's sequence number and time are not the kernel's. */
    public static final String VIA_UDP = "udp";

    private static final Pattern NONCE = Pattern.compile("[0-9a-f]{8,64}");
    private static final Pattern WORD = Pattern.compile("[!-~]{1,64}");
    private static final byte[] USER_SPACE_PREFIX = (MARKER + " nonce=").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] USER_SPACE_VIA = (" via=" + VIA_UDP + " ").getBytes(StandardCharsets.US_ASCII);

    public PingText {
        if (!NONCE.matcher(nonce).matches()) {
            throw new IllegalArgumentException("a ping nonce is 8 to 64 lowercase hex digits: " + nonce);
        }
        if (!WORD.matcher(via).matches() || !WORD.matcher(target).matches()) {
            throw new IllegalArgumentException("via and target must be printable ASCII without spaces");
        }
    }

    public String text() {
        return MARKER + " nonce=" + nonce + " via=" + via + " target=" + target;
    }

    /** The ping {@code message} is, or null when it is not one. */
    public static PingText parse(String message) {
        if (message == null || !message.startsWith(MARKER + " ")) {
            return null;
        }
        String[] words = message.strip().split(" ");
        if (words.length != 4 || !words[1].startsWith("nonce=") || !words[2].startsWith("via=")
                || !words[3].startsWith("target=")) {
            return null;
        }
        try {
            return new PingText(words[1].substring(6), words[2].substring(4), words[3].substring(7));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Whether an extended message body (before unescaping; the first line is the text) is a ping
     * sent from user space. The decoder keeps such a message out of the source's sequence tracking:
     * its sequence number was made up by the sender, and counting it would report false gaps and
     * kernel restarts on the host's real stream. Runs per message, so it reads bytes in place.
     */
    public static boolean isUserSpace(byte[] body, int from, int to) {
        int n = USER_SPACE_PREFIX.length;
        if (to - from < n || body[from] != 'n') {
            return false;
        }
        for (int i = 1; i < n; i++) {
            if (body[from + i] != USER_SPACE_PREFIX[i]) {
                return false;
            }
        }
        int lineEnd = from + n;
        while (lineEnd < to && body[lineEnd] != '\n') {
            lineEnd++;
        }
        outer:
        for (int i = from + n; i + USER_SPACE_VIA.length <= lineEnd; i++) {
            for (int j = 0; j < USER_SPACE_VIA.length; j++) {
                if (body[i + j] != USER_SPACE_VIA[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
