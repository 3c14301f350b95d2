package dev.ncbridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrTest {
    private static boolean in(String block, String address) throws Exception {
        return Cidr.parse(block).contains(InetAddress.getByName(address));
    }

    @Test
    void matchesByPrefix() throws Exception {
        assertThat(in("10.0.0.0/8", "10.255.1.2")).isTrue();
        assertThat(in("10.0.0.0/8", "11.0.0.1")).isFalse();
        assertThat(in("192.168.4.0/22", "192.168.7.255")).isTrue();
        assertThat(in("192.168.4.0/22", "192.168.8.0")).isFalse();
        assertThat(in("10.1.2.3", "10.1.2.3")).isTrue();
        assertThat(in("10.1.2.3", "10.1.2.4")).isFalse();
        assertThat(in("0.0.0.0/0", "203.0.113.9")).isTrue();
        assertThat(in("2001:db8::/32", "2001:db8:ffff::1")).isTrue();
        assertThat(in("2001:db8::/32", "2001:db9::1")).isFalse();
        assertThat(in("10.0.0.0/8", "2001:db8::1")).isFalse();
    }

    @Test
    void ipv4MappedAddressesMatchIpv4Blocks() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 5};
        assertThat(Cidr.parse("10.0.0.0/8").contains(java.net.Inet6Address.getByAddress(null, mapped, -1))).isTrue();
    }

    @Test
    void badBlocksAreExplained() {
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> Cidr.parse("web-42")).hasMessageContaining("not an address block");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.300")).hasMessageContaining("not an address block");
    }
}
