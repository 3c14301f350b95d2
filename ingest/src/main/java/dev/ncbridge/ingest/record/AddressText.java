package dev.ncbridge.ingest.record;

import io.netty.util.NetUtil;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Addresses as text, one spelling everywhere (records, file names, the API, logs): IPv6 in the
 * RFC 5952 form ({@code ::1}, {@code 2001:db8::7}), not the JDK's long form
 * ({@code 0:0:0:0:0:0:0:1}), so that a search for the address people write finds it; with a port,
 * an IPv6 address in brackets ({@code [::1]:6666}), as URLs and configurations write it.
 */
public final class AddressText {
    private AddressText() {
    }

    public static String of(InetAddress address) {
        String text = NetUtil.toAddressString(address);
        if (address instanceof Inet6Address v6 && v6.getScopeId() != 0) {
            return text + "%" + v6.getScopeId();
        }
        return text;
    }

    /** The socket's address, or its host string when it was never resolved (no name lookup). */
    public static String of(InetSocketAddress socket) {
        InetAddress address = socket.getAddress();
        return address != null ? of(address) : socket.getHostString();
    }

    /** {@code 10.0.0.5:6666}, {@code [2001:db8::5]:6666}: the socket's {@linkplain #of address} and port. */
    public static String withPort(InetSocketAddress socket) {
        return withPort(of(socket), socket.getPort());
    }

    /** {@code host:port}, with a host that holds a colon (an IPv6 address) in brackets. */
    public static String withPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
