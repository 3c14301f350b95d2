package dev.ncbridge.ingest.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SenderAddressTest {
    @Test
    void dropsAZeroScopeAndUnmapsIpv4() throws Exception {
        byte[] loopback6 = new byte[16];
        loopback6[15] = 1;
        InetSocketAddress scoped = new InetSocketAddress(Inet6Address.getByAddress(null, loopback6, 0), 6665);
        assertThat(SenderAddress.normalize(scoped)).isEqualTo(new InetSocketAddress("::1", 6665));
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 5};
        InetSocketAddress v4 = SenderAddress.normalize(
                new InetSocketAddress(Inet6Address.getByAddress(null, mapped, -1), 6665));
        assertThat(v4.getAddress()).isInstanceOf(Inet4Address.class);
        assertThat(v4.getAddress().getHostAddress()).isEqualTo("10.0.0.5");
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

    /**
     * The epoll transport's {@code ::1%0} reaches the decoder as it is: the source it starts is
     * spelled without the scope, and the same sender without one is the same source.
     */
    @Test
    void theDecoderSpellsASourceOnceWhateverScopeTheTransportGaveIt() throws Exception {
        byte[] loopback6 = new byte[16];
        loopback6[15] = 1;
        InetSocketAddress scoped = new InetSocketAddress(Inet6Address.getByAddress(null, loopback6, 0), 6665);
        DecoderHarness harness = new DecoderHarness();
        InetSocketAddress[] senders = {scoped, scoped, new InetSocketAddress("::1", 6665)};
        for (int seq = 1; seq <= senders.length; seq++) {
            byte[] d = ("6," + seq + ",100" + seq + ",-;m\n").getBytes(StandardCharsets.US_ASCII);
            harness.decoder.decodeOwned(d, senders[seq - 1], DecoderHarness.nanos(seq), harness.out::add);
        }

        assertThat(harness.decoder.sourceCount()).isEqualTo(1);
        assertThat(harness.messages()).hasSize(3).allSatisfy(r -> {
            assertThat(r.source().getAddress().getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
            assertThat(r.hostName()).doesNotContain("%");
        });
    }
}
