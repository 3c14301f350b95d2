package dev.ncbridge.app.metrics;

import dev.ncbridge.ingest.codec.DecodeCounter;
import dev.ncbridge.ingest.codec.DecodeCounters;
import dev.ncbridge.ingest.codec.LimitReason;
import dev.ncbridge.sink.InternalErrorMeters;
import dev.ncbridge.ingest.codec.MalformedReason;
import dev.ncbridge.ingest.crash.CrashKind;
import dev.ncbridge.ingest.memory.ByteBudget;
import dev.ncbridge.ingest.memory.MemoryBudgets;
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
    private final MemoryBudgets budgets;
    private final KernelUdpDrops kernelDrops;

    /**
     * @param decode the counters every decoder of {@code workers} writes to
     * @param kernelDrops the kernel's drop count for the receive sockets' ports
     */
    public IngestMetrics(ReceiveCounters receive, DecodeCounters decode, WorkerPool workers, MemoryBudgets budgets,
                         KernelUdpDrops kernelDrops) {
        this.receive = receive;
        this.decode = decode;
        this.workers = workers;
        this.budgets = budgets;
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
        bindBudgets(registry);
        InternalErrorMeters.bind(registry, workers.errors());
    }

    private void bindBudgets(MeterRegistry registry) {
        for (ByteBudget budget : budgets.all()) {
            Gauge.builder("ncbridge.memory.used", budget, ByteBudget::used).tag("budget", budget.name())
                    .baseUnit("bytes")
                    .description("Bytes held in memory, by budget (docs/operations.md, Memory)")
                    .register(registry);
            Gauge.builder("ncbridge.memory.limit", budget, ByteBudget::limit).tag("budget", budget.name())
                    .baseUnit("bytes")
                    .description("The configured limit of each memory budget")
                    .register(registry);
        }
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
        FunctionCounter.builder("ncbridge.receive.pauses", receive, ReceiveCounters::pauses)
                .description("Times a receiver stopped reading its socket because the decode rings were full")
                .register(registry);
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
        for (LimitReason reason : LimitReason.values()) {
            FunctionCounter.builder("ncbridge.decode.limited", decode, d -> d.limitedCount(reason))
                    .tag("reason", reason.label())
                    .description("Times a bound acted (a source forgotten, data emitted early or dropped), by reason")
                    .register(registry);
        }
        for (CrashKind kind : CrashKind.values()) {
            FunctionCounter.builder("ncbridge.crashes", decode, d -> d.crashes(kind))
                    .tag("kind", kind.wireName())
                    .description("Crash records: kernel reports (oops, panic...) gathered from the sources' messages")
                    .register(registry);
        }
        FunctionCounter.builder("ncbridge.unexplained.reboots", decode, DecodeCounters::unexplainedReboots)
                .description("Kernel restarts whose last words before had no panic and no orderly shutdown")
                .register(registry);
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
        // Micrometer holds a counter's object weakly and its function strongly, and nothing else
        // holds the reader: the function captures both, or after a garbage collection the counter
        // would have stayed at its last value while the kernel went on dropping.
        KernelUdpDrops reader = kernelDrops;
        FunctionCounter.builder("ncbridge.kernel.udp.drops", lastKnown, ignored -> {
                    long now = reader.read();
                    if (now >= 0) {
                        lastKnown.set(now);
                    }
                    return lastKnown.get();
                })
                .description("Datagrams the kernel dropped on the receive sockets (receive buffer full)")
                .register(registry);
    }
}
