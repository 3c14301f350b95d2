package dev.ncbridge.sink.syslog;

import dev.ncbridge.sink.Sink;
import dev.ncbridge.sink.SinkContext;
import dev.ncbridge.sink.encode.RecordEncoder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Makes syslog sinks from YAML the way the bridge does: through the provider. */
final class SyslogSinks {
    private SyslogSinks() {
    }

    /** A started sink named {@code s} with these keys (a YAML flow mapping's content). */
    static Sink started(String keys, MeterRegistry registry) throws Exception {
        Sink sink = new SyslogSinkProvider().create(new SinkContext("s",
                Fixtures.sinkSection("sinks:\n  s: {type: syslog, " + keys + "}\n"),
                RecordEncoder.forName("json"), registry, System.out));
        sink.start();
        return sink;
    }

    static Sink started(String keys) throws Exception {
        return started(keys, new SimpleMeterRegistry());
    }
}
