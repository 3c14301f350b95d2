package dev.ncbridge.bench.load;

import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.sink.BatchResult;
import dev.ncbridge.sink.Sink;
import dev.ncbridge.sink.SinkContext;
import dev.ncbridge.sink.SinkProvider;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code type: load-count}: the load harness's destination. Counts messages and events and samples
 * the latency from receive to delivery, so the harness measures the bridge and not an encoder.
 */
public final class CountingSinkProvider implements SinkProvider {
    /** Shared with the harness, which runs one bridge at a time. */
    static final LongAdder MESSAGES = new LongAdder();
    static final LongAdder EVENTS = new LongAdder();
    static volatile long[] latencies = new long[0];
    static final AtomicInteger SAMPLED = new AtomicInteger();

    static void reset(int maxSamples) {
        MESSAGES.reset();
        EVENTS.reset();
        latencies = new long[maxSamples];
        SAMPLED.set(0);
    }

    @Override
    public String type() {
        return "load-count";
    }

    @Override
    public Sink create(SinkContext context) {
        context.settings().bind(NoSettings.class);
        return new Sink() {
            @Override
            public CompletionStage<BatchResult> write(List<Record> batch) {
                long now = dev.ncbridge.ingest.receive.WallClock.nowNanos();
                long[] samples = latencies;
                for (Record r : batch) {
                    if (!(r instanceof KernelMessage)) {
                        EVENTS.increment();
                        continue;
                    }
                    MESSAGES.increment();
                    int i = SAMPLED.getAndIncrement();
                    if (i < samples.length) {
                        samples[i] = now - r.receivedAtNanos();
                    }
                }
                return CompletableFuture.completedFuture(BatchResult.ok());
            }

            @Override
            public void close() {
            }
        };
    }

    record NoSettings() {
    }
}
