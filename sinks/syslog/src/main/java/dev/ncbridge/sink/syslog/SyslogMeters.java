package dev.ncbridge.sink.syslog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/** The syslog sink's own meters, tagged {@code sink=<name>}; the runner counts records. */
final class SyslogMeters {
    private final MeterRegistry registry;
    private final List<Meter> meters;
    final Counter bytesWritten;
    final Counter connections;
    final Counter connectFailures;
    final Counter disconnects;
    final Counter replayed;
    final Counter replayLost;
    final Counter truncated;
    final Counter split;

    SyslogMeters(MeterRegistry registry, String sink) {
        this.registry = registry;
        // No base units: Prometheus would append them to the names.
        bytesWritten = Counter.builder("ncbridge.syslog.bytes.written").tag("sink", sink)
                .description("Bytes of framed messages or datagrams handed to the network").register(registry);
        connections = Counter.builder("ncbridge.syslog.connections").tag("sink", sink)
                .description("TCP or TLS connections opened to the server").register(registry);
        connectFailures = Counter.builder("ncbridge.syslog.connect.failures").tag("sink", sink)
                .description("Attempts to connect (or to complete a TLS handshake) that failed").register(registry);
        disconnects = Counter.builder("ncbridge.syslog.disconnects").tag("sink", sink)
                .description("Connections found broken: closed or reset by the server, or timed out").register(registry);
        replayed = Counter.builder("ncbridge.syslog.replayed").tag("sink", sink)
                .description("Records sent again after a broken connection (possible duplicates)").register(registry);
        replayLost = Counter.builder("ncbridge.syslog.replay.lost").tag("sink", sink)
                .description("Records waiting to be sent again when the sink closed without a connection").register(registry);
        truncated = Counter.builder("ncbridge.syslog.oversize").tag("sink", sink).tag("action", "truncated")
                .description("UDP messages larger than max_message_size, by what was done").register(registry);
        split = Counter.builder("ncbridge.syslog.oversize").tag("sink", sink).tag("action", "split")
                .description("UDP messages larger than max_message_size, by what was done").register(registry);
        meters = List.of(bytesWritten, connections, connectFailures, disconnects, replayed, replayLost, truncated, split);
    }

    /** Takes the meters out of the registry, so a sink of the same name can be made again. */
    void remove() {
        meters.forEach(registry::remove);
    }
}
