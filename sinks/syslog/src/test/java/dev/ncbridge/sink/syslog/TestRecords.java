package dev.ncbridge.sink.syslog;

import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.config.Substitution;
import dev.ncbridge.ingest.record.KeyValue;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.Records;
import dev.ncbridge.sink.RunnerSettings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Records and configuration sections the syslog tests share. */
final class TestRecords {
    static final Instant T0 = Instant.parse("2026-11-21T10:15:30.123456789Z");

    private TestRecords() {
    }

    static long nanos(Instant at) {
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }

    /** An extended kernel message with every sysdata field and one userdata entry. */
    static Records.MessageBuilder extended(String message) {
        return Records.extended()
                .receivedAtNanos(nanos(T0))
                .message(message)
                .source(new InetSocketAddress("10.0.0.5", 6665))
                .hostName("web-42")
                .level(3)
                .facility(0)
                .seq(607)
                .kernelTsUs(22_085_407_756L)
                .release("6.14.0")
                .msgid(12)
                .cpu(42)
                .taskname("echo")
                .userdata(List.of(new KeyValue("foo", "bar")));
    }

    /** A legacy console line: no level, no facility, no sequence. */
    static Records.MessageBuilder legacy(String message) {
        return Records.legacy()
                .receivedAtNanos(nanos(T0))
                .message(message)
                .source(new InetSocketAddress("10.0.0.5", 6665))
                .hostName("web-42");
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
