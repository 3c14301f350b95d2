package dev.ncbridge.ingest.codec;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * One spelling per sender: the native transport reports IPv6 senders with a scope id of 0
 * ({@code ::1%0}), which the NIO one does not, and a dual-stack socket reports IPv4 senders as
 * IPv4-mapped IPv6 addresses.
 *
 * <p>The decoder spells each source this way once, when it first sees it: records carry that
 * address, so plugin sinks read one text for a sender whatever the transport. A zero scope can
 * stay on the way there, since {@link Inet6Address} compares and hashes the bytes alone. A mapped
 * address cannot: it is another key than the IPv4 one, so a receiver whose socket can deliver one
 * spells each datagram's sender this way before anything keys on it.
 */
public final class SenderAddress {
    private SenderAddress() {
    }

    public static InetSocketAddress normalize(InetSocketAddress sender) {
        // A link-local address needs its scope: fe80::1 on two interfaces are two hosts.
        if (!(sender.getAddress() instanceof Inet6Address v6) || v6.isLinkLocalAddress()) {
            return sender;
        }
        try {
            // getByAddress turns an IPv4-mapped address into an Inet4Address and drops the scope.
            return new InetSocketAddress(InetAddress.getByAddress(v6.getAddress()), sender.getPort());
        } catch (UnknownHostException e) {
            return sender;
        }
    }
}
