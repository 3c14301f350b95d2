package dev.ncbridge.sink.kafka;

import dev.ncbridge.ingest.record.Extended;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.record.Severity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The headers a Kafka record carries, so that consumers can filter and route without parsing the
 * value: {@code level} (the severity keyword, {@code err}), {@code host} (the host name) and
 * {@code seq} (the kernel's sequence number, in decimal). A header whose value the record lacks is
 * left out. All values are UTF-8 text.
 */
final class RecordHeaderSet {
    static final String LEVEL = "level";
    static final String HOST = "host";
    static final String SEQ = "seq";

    private static final byte[][] LEVELS = new byte[Severity.values().length][];

    static {
        for (Severity s : Severity.values()) {
            LEVELS[s.code()] = s.keyword().getBytes(StandardCharsets.UTF_8);
        }
    }

    private RecordHeaderSet() {
    }

    static List<Header> of(Record record) {
        List<Header> headers = new ArrayList<>(3);
        Extended x = Extended.of(record);
        if (x != null) {
            headers.add(new RecordHeader(LEVEL, LEVELS[x.level()]));
        }
        headers.add(new RecordHeader(HOST, record.hostName().getBytes(StandardCharsets.UTF_8)));
        if (x != null) {
            headers.add(new RecordHeader(SEQ, Long.toString(x.seq()).getBytes(StandardCharsets.US_ASCII)));
        }
        return headers;
    }
}
