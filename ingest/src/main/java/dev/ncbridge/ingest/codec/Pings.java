package dev.ncbridge.ingest.codec;

import dev.ncbridge.ingest.record.Ping;
import java.nio.charset.StandardCharsets;

/**
 * Recognises liveness pings, for the decoder alone: it classifies each message once, as it builds
 * the record, and every later layer reads {@link dev.ncbridge.ingest.record.KernelMessage#ping()}.
 */
final class Pings {
    private static final String MARKER_WORD = Ping.MARKER + " ";
    private static final byte[] USER_SPACE_PREFIX = (Ping.MARKER + " nonce=").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] USER_SPACE_VIA = (" via=" + Ping.VIA_UDP + " ").getBytes(StandardCharsets.US_ASCII);

    private Pings() {
    }

    /** The ping {@code message} is, or null when it is not one. */
    static Ping parse(String message) {
        if (!message.startsWith(MARKER_WORD)) {
            return null;
        }
        String[] words = message.strip().split(" ");
        if (words.length != 4 || !words[1].startsWith("nonce=") || !words[2].startsWith("via=")
                || !words[3].startsWith("target=")) {
            return null;
        }
        try {
            return new Ping(words[1].substring(6), words[2].substring(4), words[3].substring(7));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Whether an extended message body (before unescaping; the first line is the text) is a ping
     * sent from user space. The decoder keeps such a message out of the source's sequence tracking:
     * its sequence number was made up by the sender, and counting it would report false gaps and
     * kernel restarts on the host's real stream. This runs before the body is decoded, on every
     * message, so it reads bytes in place.
     */
    static boolean isUserSpace(byte[] body, int from, int to) {
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
