package dev.ncbridge.ingest.record;

import java.util.regex.Pattern;

/**
 * A liveness ping, as {@code ncbridge ping} sends it and the decoder recognises it (the decoder
 * classifies every message once; see {@link KernelMessage#ping()}). Its text is
 * {@code ncbridge-ping nonce=<32 hex digits> via=<udp|kmsg|send_msg> target=<configfs target>}:
 * the marker is the first word of the message; the fields follow in this order, one space apart.
 *
 * @param nonce what identifies this ping, so the sender can ask the bridge whether it arrived
 * @param via how it left the host: {@code udp} from user space, or through the kernel's own path
 * @param target the configfs target it was sent for
 */
public record Ping(String nonce, String via, String target) {
    public static final String MARKER = "ncbridge-ping";
    /** Sent from a user-space socket: its header's sequence number and time are not the kernel's. */
    public static final String VIA_UDP = "udp";

    private static final Pattern NONCE = Pattern.compile("[0-9a-f]{8,64}");
    private static final Pattern WORD = Pattern.compile("[!-~]{1,64}");

    public Ping {
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

    /** Whether it was sent from a user-space socket rather than through the kernel. */
    public boolean fromUserSpace() {
        return VIA_UDP.equals(via);
    }
}
