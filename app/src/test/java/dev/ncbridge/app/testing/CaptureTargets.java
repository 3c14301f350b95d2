package dev.ncbridge.app.testing;

import static org.awaitility.Awaitility.await;

import dev.ncbridge.app.run.Bridge;
import dev.ncbridge.ingest.testing.KernelCaptures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The netconsole targets of a kernel capture, played on loopback into a running bridge: each
 * target port of the capture sends from a UDP socket of its own, kept across replays as a
 * machine keeps its address across boots.
 *
 * <p>A replay runs at most {@value #AHEAD} datagrams ahead of what the bridge has read. Sent at
 * once, a capture is a burst of a few thousand datagrams, larger than a stock kernel's socket
 * buffer ({@code net.core.rmem_max}, 208 KiB), and the kernel drops part of it before a bridge
 * just started reads it; the tests that replay captures are about what the bridge makes of every
 * line, not about bursts. The waits are short (the bridge reads within milliseconds), but under
 * load they can reach a second: a test with time-outs of its own (the crash reports') keeps them
 * well above that.
 */
public final class CaptureTargets implements AutoCloseable {
    /** 32 datagrams of at most about 2 KiB each in the kernel's count: a sixth of a stock buffer. */
    private static final int AHEAD = 32;

    private final Bridge bridge;
    private final Map<Integer, DatagramSocket> sockets = new HashMap<>();

    public CaptureTargets(Bridge bridge) {
        this.bridge = bridge;
    }

    /** Sends the capture to the bridge's first UDP address, each datagram from its target's socket. */
    public void replay(List<KernelCaptures.Datagram> capture) throws IOException {
        InetSocketAddress udp = bridge.udpAddresses().get(0);
        double readBefore = datagramsRead();
        int sent = 0;
        for (KernelCaptures.Datagram d : capture) {
            double readAtLeast = readBefore + sent - AHEAD;
            if (datagramsRead() < readAtLeast) {
                await("the bridge reads what was sent").atMost(Duration.ofSeconds(30)).pollInSameThread()
                        .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                        .until(() -> datagramsRead() >= readAtLeast);
            }
            DatagramSocket s = sockets.computeIfAbsent(d.port(), p -> open());
            s.send(new DatagramPacket(d.payload(), d.payload().length, udp));
            sent++;
        }
    }

    /** The capture's target port that the socket bound to {@code localPort} plays. */
    public int targetOf(int localPort) {
        return sockets.entrySet().stream().filter(e -> e.getValue().getLocalPort() == localPort).findFirst()
                .orElseThrow(() -> new AssertionError("no target sends from port " + localPort)).getKey();
    }

    private double datagramsRead() {
        return bridge.registry().get("ncbridge.datagrams.received").functionCounter().count();
    }

    private static DatagramSocket open() {
        try {
            return new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        sockets.values().forEach(DatagramSocket::close);
    }
}
