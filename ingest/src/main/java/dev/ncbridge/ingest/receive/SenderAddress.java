package dev.ncbridge.ingest.receive;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * One address per sender, since the address keys all per-source state: a dual-stack socket
 * reports IPv4 senders as IPv4-mapped IPv6 addresses, which become IPv4 ones here.
 *
 * <p>The native transport reports every IPv6 sender with a scope id of 0 ({@code ::1%0}), which the
 * NIO one does not. That address is kept as it is: a scope id of 0 is no scope, the address equals
 * the same one without it (the JDK compares the bytes), and {@link
 * dev.ncbridge.ingest.record.AddressText} spells both {@code ::1}. Making it again for every
 * datagram cost five objects and two copies of its bytes, on the receive loop's one core.
 */
final class SenderAddress {
    private SenderAddress() {
    }

    static InetSocketAddress normalize(InetSocketAddress sender) {
        // A link-local address needs its scope: fe80::1 on two interfaces are two hosts.
        if (!(sender.getAddress() instanceof Inet6Address v6) || v6.isLinkLocalAddress()) {
            return sender;
        }
        byte[] bytes = v6.getAddress();
        if (v6.getScopeId() == 0 && !ipv4Mapped(bytes)) {
            return sender;
        }
        try {
            // getByAddress turns an IPv4-mapped address into an Inet4Address and drops the scope.
            return new InetSocketAddress(InetAddress.getByAddress(bytes), sender.getPort());
        } catch (UnknownHostException e) {
            return sender;
        }
    }

    /** {@code ::ffff:a.b.c.d}: ten zero bytes, two of 0xff, then the IPv4 address. */
    private static boolean ipv4Mapped(byte[] v6) {
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return false;
            }
        }
        return v6[10] == (byte) 0xff && v6[11] == (byte) 0xff;
    }
}
