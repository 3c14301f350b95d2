package dev.ncbridge.app.sources;

import dev.ncbridge.config.SocketAddresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Which sources a caller asks for: one source ({@code 10.0.0.5:6665}, {@code [::1]:6665}) or
 * every source of an address ({@code 10.0.0.5}, {@code ::1}, {@code [::1]}). Only IP literals
 * are accepted, so a lookup never waits for DNS.
 *
 * @param port the source port, or {@link #ANY_PORT}
 */
public record SourceQuery(InetAddress address, int port) {
    public static final int ANY_PORT = -1;

    /** @throws IllegalArgumentException when {@code text} is not an IP address with an optional port */
    public static SourceQuery parse(String text) {
        boolean bracketedAlone = text.startsWith("[") && text.endsWith("]");
        boolean bareIpv6 = !text.startsWith("[") && text.indexOf(':') != text.lastIndexOf(':');
        try {
            if (bracketedAlone || bareIpv6 || !text.contains(":")) {
                // Reuse the listen-address parser, which wants a port: give it one and drop it.
                String withPort = (bareIpv6 ? "[" + text + "]" : text) + ":0";
                return new SourceQuery(SocketAddresses.parseLiteral(withPort).getAddress(), ANY_PORT);
            }
            InetSocketAddress source = SocketAddresses.parseLiteral(text);
            return new SourceQuery(source.getAddress(), source.getPort());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP address with an optional port,"
                    + " like 10.0.0.5, 10.0.0.5:6665, ::1 or [::1]:6665");
        }
    }

    public boolean hasPort() {
        return port != ANY_PORT;
    }

    /** The one source asked for; only when {@link #hasPort()}. */
    InetSocketAddress source() {
        return new InetSocketAddress(address, port);
    }

    /** Whether {@code source} has the asked-for address; InetAddress equality ignores IPv6 scopes. */
    boolean matchesAddress(InetSocketAddress source) {
        return source.getAddress().equals(address);
    }
}
