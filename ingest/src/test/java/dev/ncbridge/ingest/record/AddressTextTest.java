package dev.ncbridge.ingest.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class AddressTextTest {
    @Test
    void ipv6IsWrittenShortAndWithItsScope() throws Exception {
        assertThat(AddressText.of(InetAddress.getByName("0:0:0:0:0:0:0:1"))).isEqualTo("::1");
        assertThat(AddressText.of(InetAddress.getByName("fe80::1%3"))).isEqualTo("fe80::1%3");
        assertThat(AddressText.of(InetAddress.getByName("10.0.0.5"))).isEqualTo("10.0.0.5");
    }

    @Test
    void anUnresolvedSocketGivesItsHostStringWithoutALookup() {
        assertThat(AddressText.of(InetSocketAddress.createUnresolved("logs.example", 514))).isEqualTo("logs.example");
        assertThat(AddressText.of(new InetSocketAddress("2001:db8:0:0:0:0:0:5", 1))).isEqualTo("2001:db8::5");
    }

    @Test
    void withAPortAnIpv6AddressIsBracketed() {
        assertThat(AddressText.withPort(new InetSocketAddress("10.0.0.5", 6666))).isEqualTo("10.0.0.5:6666");
        assertThat(AddressText.withPort(new InetSocketAddress("::1", 6666))).isEqualTo("[::1]:6666");
        assertThat(AddressText.withPort(InetSocketAddress.createUnresolved("logs", 514))).isEqualTo("logs:514");
        assertThat(AddressText.withPort("2001:db8::1", 514)).isEqualTo("[2001:db8::1]:514");
    }
}
