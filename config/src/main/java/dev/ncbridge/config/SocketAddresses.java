package dev.ncbridge.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Parses {@code host:port} and {@code [v6]:port}, as written in listen lists. */
public final class SocketAddresses {
    private SocketAddresses() {
    }

    /** A literal address and port; host names are refused so a bad DNS answer cannot move a listener. */
    public static InetSocketAddress parseLiteral(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("\"" + text + "\" is not an address: write 0.0.0.0:6666 or [::]:6666");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("\"" + text + "\": put an IPv6 address in brackets, as [::1]:6666");
        }
        int port = port(text, text.substring(colon + 1));
        InetAddress address = IpLiterals.parse(host);
        if (address == null) {
            throw new IllegalArgumentException("\"" + text + "\": the address must be an IP literal, not a name");
        }
        return new InetSocketAddress(address, port);
    }

    private static int port(String text, String digits) {
        try {
            int port = Integer.parseInt(digits);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("\"" + text + "\": the port must be a number from 0 to 65535");
    }
}
