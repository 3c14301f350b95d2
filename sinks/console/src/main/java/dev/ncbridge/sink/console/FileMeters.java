package dev.ncbridge.sink.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The file sink's own meters, tagged {@code sink=<name>}; the runner counts records. */
final class FileMeters {
    private final MeterRegistry registry;
    private final List<Meter> meters;
    final Counter rotations;
    final Counter bytesWritten;

    FileMeters(MeterRegistry registry, String sink, AtomicInteger openFiles) {
        this.registry = registry;
        Gauge open = Gauge.builder("ncbridge.file.open", openFiles, AtomicInteger::get).tag("sink", sink)
                .description("Files the sink has open").strongReference(true).register(registry);
        rotations = Counter.builder("ncbridge.file.rotations").tag("sink", sink)
                .description("Files rotated, by size or by age").register(registry);
        // No base unit: Prometheus would append it, making ncbridge_file_bytes_written_bytes_total.
        bytesWritten = Counter.builder("ncbridge.file.bytes.written").tag("sink", sink)
                .description("Bytes of encoded lines written to files, newlines included").register(registry);
        meters = List.of(open, rotations, bytesWritten);
    }

    /** Takes the meters out of the registry, so a sink of the same name can be made again. */
    void remove() {
        meters.forEach(registry::remove);
    }
}
