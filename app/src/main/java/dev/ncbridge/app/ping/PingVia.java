package dev.ncbridge.app.ping;

import dev.ncbridge.ingest.record.Ping;

/** How a ping leaves the host. */
public enum PingVia {
    /** A UDP socket in user space, in the target's format: checks the network path and the bridge. */
    UDP(Ping.VIA_UDP),
    /** Written to {@code /dev/kmsg}: the kernel's own netconsole sends it, to every enabled target. */
    KMSG("kmsg"),
    /** Written to the target's configfs {@code send_msg} attribute, where the kernel offers one. */
    SEND_MSG("send_msg");

    private final String wireName;

    PingVia(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
