package dev.ncbridge.sink.syslog;

import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.config.Substitution;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.sink.RunnerSettings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/** What the syslog tests share: configuration sections, options and a formatter's output as text. */
final class Fixtures {
    private Fixtures() {
    }

    static String format(MessageFormatter f, Record r) {
        ByteBuf out = Unpooled.buffer();
        f.write(r, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Sink {@code s} of a configuration with this text, without the runner's keys (format stays). */
    static ConfigSection sinkSection(String yaml) {
        return new ConfigLoader(new Substitution(k -> null)).load("t.yaml", yaml).sinks().get("s")
                .without(RunnerSettings.KEYS_WITHOUT_FORMAT);
    }

    static SyslogOptions options(String keys) {
        return SyslogOptions.from(sinkSection("sinks:\n  s: {type: syslog, " + keys + "}\n"));
    }
}
