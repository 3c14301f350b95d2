package dev.ncbridge.ingest.record;

import io.netty.util.NetUtil;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Addresses as text, one spelling everywhere (records, file names, the API): IPv6 in the
 * RFC 5952 form ({@code ::1}, {@code 2001:db8::7}), not the JDK's long form
 * ({@code 0:0:0:0:0:0:0:1}), so that a search for the address people write finds it.
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
}
