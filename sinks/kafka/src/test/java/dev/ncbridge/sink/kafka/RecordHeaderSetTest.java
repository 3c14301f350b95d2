package dev.ncbridge.sink.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.Records;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class RecordHeaderSetTest {
    private static Map<String, String> asText(List<Header> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach(h -> out.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void levelHostAndSeqAsText() {
        Record r = Records.extended().hostName("web-42").seq(607).level(3).build();

        assertThat(asText(RecordHeaderSet.of(r))).containsExactly(Map.entry("level", "err"),
                Map.entry("host", "web-42"), Map.entry("seq", "607"));
    }

    @Test
    void everyLevelHasItsKeyword() {
        String[] keywords = {"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"};
        for (int level = 0; level < 8; level++) {
            assertThat(asText(RecordHeaderSet.of(Records.extended().hostName("h").level(level).build())))
                    .containsEntry("level", keywords[level]);
        }
    }

    @Test
    void aLegacyRecordHasOnlyTheHostHeader() {
        Record legacy = Records.legacy().message("x").source(new InetSocketAddress("2001:db8::5", 6665)).build();

        assertThat(asText(RecordHeaderSet.of(legacy))).containsExactly(Map.entry("host", "2001:db8::5"));
    }

    @Test
    void aUtf8HostNameSurvives() {
        Record r = Records.extended().hostName("wébserver-ü").build();

        assertThat(asText(RecordHeaderSet.of(r))).containsEntry("host", "wébserver-ü");
    }
}
