package dev.ncbridge.config;

import java.net.InetAddress;

/**
 * An address block such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}; a bare address is a block of
 * one. IPv4-mapped IPv6 addresses match the IPv4 blocks, since a dual-stack socket reports IPv4
 * senders that way.
 */
public final class Cidr {
    private final byte[] network;
    private final int prefix;
    private final String text;

    private Cidr(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    public static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String host = slash < 0 ? t : t.substring(0, slash);
        byte[] address = literal(host, text);
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("\"" + text + "\": the prefix length must be from 0 to " + bits);
            }
        }
        return new Cidr(address, prefix, t);
    }

    private static byte[] literal(String host, String text) {
        InetAddress address = IpLiterals.parse(host);
        if (address == null) {
            throw new IllegalArgumentException("\"" + text + "\" is not an address block: write 10.0.0.0/8 or 2001:db8::/32");
        }
        return address.getAddress();
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            a = unmapped(a);
            if (a == null || a.length != network.length) {
                return false;
            }
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (a[full] & mask) == (network[full] & mask);
    }

    /** The IPv4 address inside an IPv4-mapped IPv6 address, or null. */
    private static byte[] unmapped(byte[] a) {
        if (a.length != 16) {
            return null;
        }
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return null;
            }
        }
        if (a[10] != (byte) 0xff || a[11] != (byte) 0xff) {
            return null;
        }
        return new byte[] {a[12], a[13], a[14], a[15]};
    }

    @Override
    public String toString() {
        return text;
    }
}
