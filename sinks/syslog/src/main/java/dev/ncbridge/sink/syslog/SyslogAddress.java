package dev.ncbridge.sink.syslog;

import dev.ncbridge.ingest.record.AddressText;

/**
 * A syslog server as written in {@code address}: {@code host:port}, with an IPv6 literal in
 * brackets ({@code [2001:db8::1]:514}). The host may be a name; it is resolved at each connect,
 * so a server that moves is found again.
 */
record SyslogAddress(String host, int port) {

    static SyslogAddress parse(String text) {
        String t = text.trim();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new IllegalArgumentException("\"" + text + "\" is not an address: write host:port, as logs:6514"
                    + " or [2001:db8::1]:514");
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("\"" + text + "\": put an IPv6 address in brackets, as [2001:db8::1]:514");
        }
        if (host.isEmpty() || host.chars().anyMatch(c -> c <= ' ' || c == '[' || c == ']' || c == '/')) {
            throw new IllegalArgumentException("\"" + text + "\": \"" + host + "\" is not a host name or address");
        }
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("\"" + text + "\": the port must be a number from 1 to 65535");
        }
        return new SyslogAddress(host, port);
    }

    @Override
    public String toString() {
        return AddressText.withPort(host, port);
    }
}
