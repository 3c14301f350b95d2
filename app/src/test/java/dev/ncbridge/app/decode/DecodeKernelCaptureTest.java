package dev.ncbridge.app.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ncbridge.app.CommandRun;
import dev.ncbridge.app.ExitCodes;
import dev.ncbridge.ingest.testing.KernelCaptures;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code ncbridge decode} on the real capture of kernel 7.3.4 (see fixtures/kernel/README.md). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DecodeKernelCaptureTest {
    /** The scripted long message, 1013 bytes: fragmented on extended targets, split on legacy ones. */
    private static final String LONG1000 = "NCB-LONG1000 " + IntStream.range(0, 100)
            .mapToObj(i -> String.format("L%04dabcd|", i)).collect(Collectors.joining());
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CommandRun run;
    private List<JsonNode> records;

    @BeforeAll
    void decodeTheCapture() throws Exception {
        String capture = KernelCaptures.directory().resolve(KernelCaptures.RECENT + ".jsonl").toString();
        run = CommandRun.of("decode", "--stats", capture);
        records = new ArrayList<>();
        for (String line : run.lines()) {
            records.add(MAPPER.readTree(line));
        }
    }

    @Test
    void everyDatagramDecodesAndTheRunSucceeds() {
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCodes.OK);
        assertThat(stat("datagrams")).isEqualTo(1820);
        assertThat(stat("malformed")).isZero();
        assertThat(run.stderr()).doesNotContain("ncbridge decode:");
    }

    @Test
    void oneJsonRecordPerLineForEveryRecordTheDecoderCounted() {
        assertThat(records).hasSize((int) (stat("messages") + stat("events")));
        assertThat(records).allSatisfy(r -> assertThat(r.at("/netconsole/kind").asText()).isIn("message", "event"));
    }

    @Test
    void theLongMessageArrivesWholeFromEveryTarget() {
        List<JsonNode> long1000 = records.stream()
                .filter(r -> r.path("message").asText().startsWith("NCB-LONG1000"))
                .collect(Collectors.toList());

        assertThat(long1000).hasSize(4);
        assertThat(long1000).allSatisfy(r -> assertThat(r.path("message").asText()).isEqualTo(LONG1000));
        assertThat(long1000).extracting(r -> r.path("source").path("port").asInt())
                .containsExactlyInAnyOrder(KernelCaptures.EXTENDED_RELEASE_PORT, KernelCaptures.EXTENDED_USERDATA_PORT,
                        KernelCaptures.LEGACY_PARAM_PORT, KernelCaptures.LEGACY_CONFIGFS_PORT);
    }

    @Test
    void eachCapturedPortIsASourceAtTheDefaultAddress() {
        Set<String> sources = records.stream()
                .map(r -> r.path("source").path("ip").asText() + ":" + r.path("source").path("port").asInt())
                .collect(Collectors.toSet());

        assertThat(sources).containsExactlyInAnyOrder("127.0.0.1:16666", "127.0.0.1:16667", "127.0.0.1:16668",
                "127.0.0.1:16669");
    }

    @Test
    void recordsCarryTheCapturedReceiveTime() {
        // recv_ns of the capture's first datagram, 1795314022370511791, to the microsecond.
        assertThat(records.get(0).path("@timestamp").asText()).isEqualTo("2026-11-22T02:20:22.370511Z");
    }

    /** A counter from the {@code --stats} table on standard error. */
    private long stat(String name) {
        Matcher m = Pattern.compile("(?m)^\\s+" + Pattern.quote(name) + "\\s+(\\d+)$").matcher(run.stderr());
        assertThat(m.find()).as("stat %s in %s", name, run.stderr()).isTrue();
        return Long.parseLong(m.group(1));
    }
}
