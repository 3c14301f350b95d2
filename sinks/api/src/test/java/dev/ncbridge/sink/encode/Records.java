package dev.ncbridge.sink.encode;

import dev.ncbridge.ingest.record.ContinuationFlag;
import dev.ncbridge.ingest.record.Event;
import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.Format;
import dev.ncbridge.ingest.record.KeyValue;
import dev.ncbridge.ingest.record.Record;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Records the encoder tests share. */
final class Records {
    /** 2026-11-21T10:15:30.123456789Z: the nanoseconds below the microsecond must be dropped. */
    static final long RECEIVED_AT_NANOS = nanos("2026-11-21T10:15:30Z") + 123_456_789L;
    static final InetSocketAddress SOURCE = new InetSocketAddress("10.0.0.5", 6665);
    static final String EXTENDED_RAW = "3,607,22085407756,-,caller=T1;the decoded body text\n"
            + " SUBSYSTEM=pci\n DEVICE=+pci:0000:00:1f.2\n";

    private Records() {
    }

    /** An extended message with every field the json encoding has (docs/encodings.md). */
    static Record.Builder designExample() {
        return Record.builder()
                .receivedAtNanos(RECEIVED_AT_NANOS)
                .message("the decoded body text")
                .source(SOURCE)
                .hostName("web-42")
                .level(3)
                .facility(0)
                .format(Format.EXTENDED)
                .seq(607)
                .kernelTsUs(22085407756L)
                .cont(ContinuationFlag.NONE)
                .release("6.14.0")
                .msgid(12)
                .cpu(42)
                .taskname("echo")
                .fragments(3)
                .subsystem("pci")
                .device("+pci:0000:00:1f.2")
                .userdata(List.of(new KeyValue("foo", "bar")))
                .raw(EXTENDED_RAW.getBytes(StandardCharsets.UTF_8));
    }

    /** A legacy line: no level, facility, seq or continuation flag, but a parsed kernel time. */
    static Record.Builder legacy() {
        return Record.builder()
                .receivedAtNanos(RECEIVED_AT_NANOS)
                .message("e1000e: eth0 NIC Link is Up")
                .source(SOURCE)
                .hostName("web-42")
                .format(Format.LEGACY)
                .kernelTsUs(5_000_042L)
                .raw("[    5.000042] e1000e: eth0 NIC Link is Up\n".getBytes(StandardCharsets.UTF_8));
    }

    /** A loss event: no format, no wire bytes. */
    static Record.Builder lossEvent() {
        return Record.builder()
                .receivedAtNanos(RECEIVED_AT_NANOS)
                .message("3 messages missing (msgid 13..15)")
                .source(SOURCE)
                .hostName("web-42")
                .event(Event.builder(EventType.LOSS)
                        .put("missing", 3)
                        .put("from_msgid", 13)
                        .put("by", "msgid")
                        .put("after_reset", false)
                        .build());
    }

    static long nanos(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
