package dev.ncbridge.app.blast;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Sends netconsole traffic from many simulated hosts, round-robin, at a target rate or as fast as
 * one thread can. The engine of {@code ncbridge blast} and of the load harness in {@code bench}.
 */
public final class Blaster implements AutoCloseable {
    private static final long SECOND = 1_000_000_000L;

    private final InetSocketAddress target;
    private final SimulatedHosts hosts;
    private final MessageMaker messages;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(65_536);

    private Blaster(InetSocketAddress target, SimulatedHosts hosts, MessageMaker messages) {
        this.target = target;
        this.hosts = hosts;
        this.messages = messages;
    }

    /**
     * @param distinctAddresses hosts on distinct loopback addresses (the target must be loopback);
     *     otherwise distinct ports on the address that reaches the target
     * @param sizes message body sizes, drawn uniformly
     * @param fragmented the fraction of messages long enough to be fragmented
     */
    public static Blaster open(InetSocketAddress target, int hostCount, boolean distinctAddresses, int[] sizes,
                               double fragmented, boolean legacy) throws IOException {
        if (distinctAddresses && !target.getAddress().isLoopbackAddress()) {
            throw new IOException("hosts on distinct 127.x addresses can only reach a loopback target, not " + target);
        }
        InetAddress local = target.getAddress().isLoopbackAddress() ? target.getAddress() : null;
        SimulatedHosts hosts = SimulatedHosts.open(hostCount, distinctAddresses, local);
        return new Blaster(target, hosts, new MessageMaker(hostCount, sizes, fragmented, legacy, 42));
    }

    /**
     * Sends until {@code maxMessages} were sent or {@code maxNanos} passed, whichever comes first.
     *
     * @param ratePerSecond messages per second; 0 for as fast as possible
     * @param everySecond told the totals so far, once a second
     */
    public BlastTotals run(long maxMessages, long maxNanos, double ratePerSecond, Consumer<BlastTotals> everySecond)
            throws IOException {
        long start = System.nanoTime();
        long nextReport = start + SECOND;
        long sent = 0;
        long datagrams = 0;
        long bytes = 0;
        int host = 0;
        while (sent < maxMessages) {
            long now = System.nanoTime();
            if (now - start >= maxNanos) {
                break;
            }
            if (now >= nextReport) {
                everySecond.accept(new BlastTotals(sent, datagrams, bytes, now - start));
                nextReport += SECOND;
            }
            if (ratePerSecond > 0) {
                long due = start + (long) (sent * (SECOND / ratePerSecond));
                if (due - now > 50_000) {
                    // Ahead of the rate: wait in slices long enough to be worth a park.
                    LockSupport.parkNanos(due - now);
                    continue;
                }
            }
            List<byte[]> message = messages.next(host);
            for (byte[] d : message) {
                buffer.clear();
                buffer.put(d).flip();
                hosts.send(host, buffer, target);
                bytes += d.length;
            }
            datagrams += message.size();
            sent++;
            host = host + 1 == hosts.count() ? 0 : host + 1;
        }
        return new BlastTotals(sent, datagrams, bytes, System.nanoTime() - start);
    }

    @Override
    public void close() throws IOException {
        hosts.close();
    }
}
