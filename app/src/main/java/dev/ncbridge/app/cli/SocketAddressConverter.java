package dev.ncbridge.app.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import picocli.CommandLine;

/**
 * {@code ADDR:PORT}, with an IPv6 address in brackets: {@code 10.0.0.5:6665}, {@code [::1]:6665}.
 * A host name is resolved once, here.
 */
public final class SocketAddressConverter implements CommandLine.ITypeConverter<InetSocketAddress> {

    @Override
    public InetSocketAddress convert(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw invalid(value);
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            // An IPv6 address without brackets: which colon starts the port is ambiguous.
            throw invalid(value);
        }
        if (host.isEmpty()) {
            throw invalid(value);
        }
        int port = parsePort(value, value.substring(colon + 1));
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new CommandLine.TypeConversionException("unknown host '" + host + "' in '" + value + "'");
        }
    }

    private static int parsePort(String value, String port) {
        if (!port.chars().allMatch(c -> c >= '0' && c <= '9') || port.length() > 5) {
            throw invalid(value);
        }
        int n = Integer.parseInt(port);
        if (n > 65535) {
            throw new CommandLine.TypeConversionException("port " + n + " is out of range (0..65535) in '"
                    + value + "'");
        }
        return n;
    }

    private static CommandLine.TypeConversionException invalid(String value) {
        return new CommandLine.TypeConversionException(
                "'" + value + "' is not ADDR:PORT (for example 127.0.0.1:6665 or [::1]:6665)");
    }
}
