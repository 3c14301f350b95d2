package dev.ncbridge.ingest.receive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.record.AddressText;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SenderAddressTest {
    @Test
    void keepsAZeroScopeAsNoScope() throws Exception {
        byte[] loopback6 = new byte[16];
        loopback6[15] = 1;
        InetSocketAddress native6 = new InetSocketAddress(Inet6Address.getByAddress(null, loopback6, 0), 6665);
        InetSocketAddress nio6 = new InetSocketAddress("::1", 6665);
        // As the epoll transport reports it: no new address for it, one source with NIO's, one spelling.
        assertThat(SenderAddress.normalize(native6)).isSameAs(native6)
                .isEqualTo(nio6).hasSameHashCodeAs(nio6);
        assertThat(AddressText.withPort(SenderAddress.normalize(native6))).isEqualTo("[::1]:6665");
    }

    @Test
    void unmapsIpv4AndDropsAScopeOutsideTheLink() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 5};
        for (int scope : new int[] {-1, 0}) {
            InetSocketAddress v4 = SenderAddress.normalize(
                    new InetSocketAddress(Inet6Address.getByAddress(null, mapped, scope), 6665));
            assertThat(v4.getAddress()).isInstanceOf(Inet4Address.class);
            assertThat(AddressText.withPort(v4)).isEqualTo("10.0.0.5:6665");
        }
        byte[] global = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7};
        InetSocketAddress scoped = SenderAddress.normalize(
                new InetSocketAddress(Inet6Address.getByAddress(null, global, 3), 6665));
        assertThat(((Inet6Address) scoped.getAddress()).getScopeId()).isZero();
        assertThat(AddressText.withPort(scoped)).isEqualTo("[2001:db8::7]:6665");
    }

    @Test
    void keepsIpv4AndLinkLocalScopes() throws Exception {
        InetSocketAddress v4 = new InetSocketAddress("10.1.2.3", 6665);
        assertThat(SenderAddress.normalize(v4)).isSameAs(v4);
        byte[] ll = new byte[16];
        ll[0] = (byte) 0xfe;
        ll[1] = (byte) 0x80;
        ll[15] = 7;
        InetSocketAddress linkLocal = new InetSocketAddress(Inet6Address.getByAddress(null, ll, 2), 6665);
        assertThat(SenderAddress.normalize(linkLocal)).isSameAs(linkLocal);
    }
}
