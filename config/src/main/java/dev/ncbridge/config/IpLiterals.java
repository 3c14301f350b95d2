package dev.ncbridge.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IP address literals, parsed without ever asking DNS: {@link InetAddress#getByName} takes
 * anything that is not a valid literal (even {@code 10.0.0.300}) for a host name and looks it up.
 */
public final class IpLiterals {
    private IpLiterals() {
    }

    /** The address, or null when {@code text} is not an IPv4 or IPv6 literal. */
    public static InetAddress parse(String text) {
        if (!(text.contains(":") ? isIpv6Shape(text) : isIpv4(text))) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** Hex digits, colons and an optional dotted tail; the JDK parses literals of this shape itself. */
    private static boolean isIpv6Shape(String text) {
        return text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
    }
}
