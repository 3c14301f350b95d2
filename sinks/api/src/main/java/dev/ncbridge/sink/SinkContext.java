package dev.ncbridge.sink;

import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.sink.encode.RecordEncoder;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.OutputStream;

/**
 * What a sink is made with.
 *
 * @param name the sink's name in the configuration
 * @param settings the sink's own keys; the runner's keys (format, queue, batch...) are removed
 * @param encoder the record encoding its {@code format} key chose
 * @param registry where the sink registers its own meters, tagged with its name
 * @param stdout the process's standard output, for sinks that write there
 */
public record SinkContext(String name, ConfigSection settings, RecordEncoder encoder, MeterRegistry registry,
                          OutputStream stdout) {
}
