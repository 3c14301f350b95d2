package dev.ncbridge.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** One sink's meters read back, to check that every record accepted is accounted for. */
record SinkCounts(double accepted, double replayed, double sent, double dropped, double failed, double queued,
                  double spooled) {
    static SinkCounts of(MeterRegistry registry, String sink) {
        return new SinkCounts(sum(registry, "ncbridge.sink.records.accepted", sink),
                sum(registry, "ncbridge.sink.spool.replayed", sink),
                sum(registry, "ncbridge.sink.records.sent", sink),
                sum(registry, "ncbridge.sink.records.dropped", sink),
                sum(registry, "ncbridge.sink.records.failed", sink),
                gauge(registry, "ncbridge.sink.queue.size", sink),
                gauge(registry, "ncbridge.sink.spool.records", sink));
    }

    /** accepted (and replayed from the spool) = sent + dropped + failed + queued + spooled. */
    boolean balanced() {
        return accepted + replayed == sent + dropped + failed + queued + spooled;
    }

    private static double sum(MeterRegistry registry, String name, String sink) {
        return registry.find(name).tag("sink", sink).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static double gauge(MeterRegistry registry, String name, String sink) {
        Gauge g = registry.find(name).tag("sink", sink).gauge();
        return g == null ? 0 : g.value();
    }
}
