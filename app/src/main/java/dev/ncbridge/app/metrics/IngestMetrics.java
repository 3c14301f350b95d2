package dev.ncbridge.app.metrics;

import dev.ncbridge.ingest.codec.DecodeCounter;
import dev.ncbridge.ingest.codec.DecodeCounters;
import dev.ncbridge.ingest.codec.MalformedReason;
import dev.ncbridge.ingest.receive.KernelUdpDrops;
import dev.ncbridge.ingest.receive.ReceiveCounters;
import dev.ncbridge.ingest.receive.WorkerPool;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The receive and decode counts as meters. Every meter reads a counter the ingest path already
 * keeps, and only when the registry is scraped, so metrics add nothing per datagram.
 */
public final class IngestMetrics implements MeterBinder {
    private final ReceiveCounters receive;
    private final DecodeCounters decode;
    private final WorkerPool workers;
    private final KernelUdpDrops kernelDrops;

    /**
     * @param decode the counters every decoder of {@code workers} writes to
     * @param kernelDrops the kernel's drop count for the receive sockets' ports
     */
    public IngestMetrics(ReceiveCounters receive, DecodeCounters decode, WorkerPool workers, KernelUdpDrops kernelDrops) {
        this.receive = receive;
        this.decode = decode;
        this.workers = workers;
        this.kernelDrops = kernelDrops;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        bindReceive(registry);
        bindDecode(registry);
        Gauge.builder("ncbridge.ring.occupancy", workers, WorkerPool::queued)
                .description("Datagrams waiting in the decode workers' rings")
                .register(registry);
        Gauge.builder("ncbridge.ring.capacity", workers, WorkerPool::capacity)
                .description("Slots in all decode worker rings together")
                .register(registry);
        Gauge.builder("ncbridge.sources.tracked", workers, WorkerPool::sourceCount)
                .description("Sources the decoders hold sequence and reassembly state for")
                .register(registry);
        bindKernelDrops(registry);
    }

    private void bindReceive(MeterRegistry registry) {
        FunctionCounter.builder("ncbridge.datagrams.received", receive, ReceiveCounters::datagrams)
                .description("Datagrams read from the UDP sockets, before the allow list")
                .register(registry);
        FunctionCounter.builder("ncbridge.datagrams.bytes", receive, ReceiveCounters::bytes)
                .baseUnit("bytes")
                .description("Payload bytes of the datagrams read from the UDP sockets")
                .register(registry);
        for (ReceiveCounters.Drop drop : ReceiveCounters.Drop.values()) {
            FunctionCounter.builder("ncbridge.datagrams.dropped", receive, c -> c.dropped(drop))
                    .tag("reason", drop.label())
                    .description("Datagrams received but never decoded, by reason")
                    .register(registry);
        }
    }

    private void bindDecode(MeterRegistry registry) {
        for (DecodeCounter counter : DecodeCounter.values()) {
            FunctionCounter.builder("ncbridge.decode." + counter.metricName(), decode, d -> d.get(counter))
                    .description(counter.description())
                    .register(registry);
        }
        for (MalformedReason reason : MalformedReason.values()) {
            FunctionCounter.builder("ncbridge.decode.malformed", decode, d -> d.malformedCount(reason))
                    .tag("reason", reason.label())
                    .description("Datagrams rejected as malformed, by reason")
                    .register(registry);
        }
    }

    /** Registered only where the kernel's count is readable: an absent series beats a false zero. */
    private void bindKernelDrops(MeterRegistry registry) {
        long first = kernelDrops.read();
        if (first < 0) {
            return;
        }
        // Should /proc stop answering, repeat the last count: a counter that fell to zero and came
        // back would look to Prometheus like a reset followed by a burst of drops.
        AtomicLong lastKnown = new AtomicLong(first);
        FunctionCounter.builder("ncbridge.kernel.udp.drops", kernelDrops, k -> {
                    long now = k.read();
                    if (now >= 0) {
                        lastKnown.set(now);
                    }
                    return lastKnown.get();
                })
                .description("Datagrams the kernel dropped on the receive sockets (receive buffer full)")
                .register(registry);
    }
}
