package dev.ncbridge.app.ping;

import java.net.InetAddress;

/**
 * A ping that left the host, and the source the bridge should see it come from.
 *
 * @param fromAddress null when unknown (the kernel picks the device's address)
 * @param fromPort null when unknown (an ephemeral port)
 */
public record SentPing(NetconsoleTarget target, String nonce, PingVia via, InetAddress fromAddress,
                       Integer fromPort) {
}
