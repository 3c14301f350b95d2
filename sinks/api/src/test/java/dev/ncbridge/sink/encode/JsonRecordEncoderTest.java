package dev.ncbridge.sink.encode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ncbridge.ingest.record.ContinuationFlag;
import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.KeyValue;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.Records;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRecordEncoderTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonRecordEncoder encoder = new JsonRecordEncoder();

    private String json(Record record) {
        return new String(encoder.encode(record), StandardCharsets.UTF_8);
    }

    private JsonNode parse(Record record) throws IOException {
        return MAPPER.readTree(encoder.encode(record));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void writesTheDesignExampleExactly() {
        assertThat(json(Records.full().build())).isEqualTo("{"
                + "\"@timestamp\":\"2026-11-21T10:15:30.123456Z\","
                + "\"ecs\":{\"version\":\"8.17.0\"},"
                + "\"message\":\"the decoded body text\","
                + "\"event\":{\"kind\":\"event\",\"module\":\"netconsole\",\"sequence\":607},"
                + "\"host\":{\"ip\":\"10.0.0.5\",\"name\":\"web-42\",\"os\":{\"kernel\":\"6.14.0\"}},"
                + "\"source\":{\"ip\":\"10.0.0.5\",\"port\":6665},"
                + "\"log\":{\"level\":\"err\",\"syslog\":{\"severity\":{\"code\":3,\"name\":\"Error\"},"
                + "\"facility\":{\"code\":0,\"name\":\"kern\"}}},"
                + "\"process\":{\"name\":\"echo\"},"
                + "\"netconsole\":{\"kind\":\"message\",\"format\":\"extended\",\"kernel_ts_us\":22085407756,"
                + "\"cont\":\"none\",\"msgid\":12,\"cpu\":42,"
                + "\"fragments\":3,\"seq_reset\":false,\"out_of_order\":false,"
                + "\"subsystem\":\"pci\",\"device\":\"+pci:0000:00:1f.2\","
                + "\"userdata\":{\"foo\":\"bar\"}}"
                + "}");
    }

    @Test
    void legacyRecordOmitsWhatLegacyTextLacks() throws IOException {
        JsonNode root = parse(Records.fullLegacy().build());

        assertThat(fieldNames(root)).containsExactly("@timestamp", "ecs", "message", "event", "host", "source",
                "netconsole");
        assertThat(fieldNames(root.get("event"))).containsExactly("kind", "module");
        assertThat(fieldNames(root.get("host"))).containsExactly("ip", "name");
        assertThat(fieldNames(root.get("netconsole")))
                .containsExactly("kind", "format", "kernel_ts_us", "fragments", "seq_reset", "out_of_order");
        assertThat(root.get("netconsole").get("format").asText()).isEqualTo("legacy");
        assertThat(root.get("netconsole").get("kernel_ts_us").asLong()).isEqualTo(5_000_042L);
        assertThat(root.get("message").asText()).isEqualTo("e1000e: eth0 NIC Link is Up");
    }

    @Test
    void everyExtendedMessageHasSeverityAndFacility() throws IOException {
        JsonNode log = parse(Records.full().facility(1).level(6).build()).get("log");

        assertThat(log.get("level").asText()).isEqualTo("info");
        assertThat(fieldNames(log.get("syslog"))).containsExactly("severity", "facility");
        assertThat(log.get("syslog").get("severity").get("name").asText()).isEqualTo("Informational");
        assertThat(log.get("syslog").get("facility").get("code").asInt()).isEqualTo(1);
    }

    @Test
    void facilityAboveTheStandardNamesIsNamedByNumber() throws IOException {
        JsonNode facility = parse(Records.full().facility(200).build()).get("log").get("syslog").get("facility");

        assertThat(facility.get("code").asInt()).isEqualTo(200);
        assertThat(facility.get("name").asText()).isEqualTo("facility200");
    }

    @Test
    void flagsAndContinuationAreWritten() throws IOException {
        JsonNode nc = parse(Records.full()
                .cont(ContinuationFlag.MERGED).seqReset(true).outOfOrder(true).incomplete(true).truncated(true).build())
                .get("netconsole");

        assertThat(nc.get("cont").asText()).isEqualTo("merged");
        assertThat(nc.get("seq_reset").booleanValue()).isTrue();
        assertThat(nc.get("out_of_order").booleanValue()).isTrue();
        assertThat(nc.get("incomplete").booleanValue()).isTrue();
        assertThat(nc.get("truncated").booleanValue()).isTrue();
        assertThat(fieldNames(nc)).containsSubsequence("out_of_order", "incomplete", "truncated", "subsystem");
    }

    @Test
    void dictionaryFieldsAreWrittenOnlyWhenPresent() throws IOException {
        assertThat(fieldNames(parse(Records.full().subsystem(null).build()).get("netconsole")))
                .contains("device").doesNotContain("subsystem");
        assertThat(fieldNames(parse(Records.full().subsystem(null).device(null).build()).get("netconsole")))
                .doesNotContain("subsystem", "device");
    }

    @Test
    void withoutSysdataThereIsNoProcessOrKernelRelease() throws IOException {
        JsonNode root = parse(Records.full().taskname(null).release(null).build());

        assertThat(root.has("process")).isFalse();
        assertThat(fieldNames(root.get("host"))).containsExactly("ip", "name");
    }

    @Test
    void repeatedUserdataKeysBecomeArraysInArrivalOrder() {
        Record record = Records.full().userdata(List.of(
                new KeyValue("cpu", "1"),
                new KeyValue("role", "db"),
                new KeyValue("cpu", "42"),
                new KeyValue("zone", "a"),
                new KeyValue("cpu", "7"))).build();

        assertThat(json(record)).contains("\"userdata\":{\"cpu\":[\"1\",\"42\",\"7\"],\"role\":\"db\",\"zone\":\"a\"}");
    }

    @Test
    void eventRecordHasItsTypeAsActionAndItsDetailsUnderNetconsole() throws IOException {
        String json = json(Records.loss().build());

        assertThat(json).contains("\"event\":{\"kind\":\"event\",\"action\":\"loss\",\"module\":\"netconsole\"}")
                .endsWith(",\"netconsole\":{\"kind\":\"event\",\"event\":{\"missing\":3,\"from_msgid\":13,"
                + "\"by\":\"msgid\",\"after_reset\":false}}}");
        JsonNode root = MAPPER.readTree(json);
        assertThat(fieldNames(root)).containsExactly("@timestamp", "ecs", "message", "event", "host", "source",
                "netconsole");
        assertThat(root.get("message").asText()).isEqualTo("3 messages missing (msgid 13..15)");
    }

    @Test
    void eventTiedToATargetKeepsItsFormatButNoMessageCounters() throws IOException {
        JsonNode root = parse(Records.event(EventType.SOURCE_RESET).put("previous_seq", 900).build());

        assertThat(root.get("event").get("action").asText()).isEqualTo("source_reset");
        assertThat(root.get("event").has("sequence")).isFalse();
        assertThat(fieldNames(root.get("netconsole"))).containsExactly("kind", "format", "event");
        assertThat(root.get("netconsole").get("format").asText()).isEqualTo("extended");
    }

    @Test
    void theOriginalIsWrittenOnlyWhenAskedFor() throws IOException {
        assertThat(parse(Records.full().build()).get("event").has("original")).isFalse();

        JsonNode event = MAPPER.readTree(new JsonRecordEncoder(true).encode(Records.full().build()))
                .get("event");
        assertThat(event.get("original").asText()).isEqualTo(Records.FULL_RAW);
        assertThat(fieldNames(event)).containsExactly("kind", "module", "sequence", "original");
        assertThat(MAPPER.readTree(new JsonRecordEncoder(true).encode(Records.loss().build())).get("event")
                .has("original")).as("events have no wire bytes").isFalse();
    }

    /**
     * Layouts are made per set of present fields and kept: every set of the optional parts a
     * kernel message can have (more sets than a type keeps layouts for), events with and without
     * a format, crash reports full and bare, each written twice, interleaved, with and without
     * the original, must come out byte for byte as written member by member from the tree.
     */
    @Test
    void everySetOfFieldsIsWrittenAsMemberByMember() {
        List<Record> records = new ArrayList<>();
        for (int parts = 0; parts < 1 << 9; parts++) {
            Records.MessageBuilder b = Records.extended().message("m" + parts).hostName("web-" + parts % 3);
            if ((parts & 1) != 0) {
                b.release("6.14.0");
            }
            if ((parts & 2) != 0) {
                b.taskname("kworker/0:1");
            }
            if ((parts & 4) != 0) {
                b.msgid(parts).cpu(1);
            }
            if ((parts & 8) != 0) {
                b.subsystem("net");
            }
            if ((parts & 16) != 0) {
                b.device("+net:eth0");
            }
            if ((parts & 32) != 0) {
                b.userdata(List.of(new KeyValue("rack", "r1"), new KeyValue("rack", "r2")));
            }
            if ((parts & 64) != 0) {
                b.incomplete(true).truncated(true);
            }
            if ((parts & 128) != 0) {
                b.raw(("6,1,2,-;m" + parts + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            if ((parts & 256) != 0) {
                b.kernelTsUs(5);
            }
            records.add(b.build());
        }
        records.addAll(List.of(Records.fullLegacy().build(), Records.legacy().message("bare").build(),
                Records.loss().build(), Records.event(EventType.SOURCE_SILENT).format(null).build(),
                Records.crash(), Records.bareCrash()));
        List<Record> twiceInterleaved = new ArrayList<>(records);
        twiceInterleaved.addAll(records);
        for (boolean original : new boolean[] {false, true}) {
            JsonRecordEncoder memberByMember = new JsonRecordEncoder(original, 0);
            JsonRecordEncoder everyLayout = new JsonRecordEncoder(original, Integer.MAX_VALUE);
            JsonRecordEncoder shipped = new JsonRecordEncoder(original);
            for (Record r : twiceInterleaved) {
                String expected = new String(memberByMember.encode(r), StandardCharsets.UTF_8);
                assertThat(new String(everyLayout.encode(r), StandardCharsets.UTF_8)).as("%s", r)
                        .isEqualTo(expected);
                assertThat(new String(shipped.encode(r), StandardCharsets.UTF_8)).as("%s", r).isEqualTo(expected);
            }
        }
    }

    @Test
    void ipv6SourceIsWrittenWithoutBrackets() throws IOException {
        InetSocketAddress v6 = new InetSocketAddress("[2001:db8::5]", 6666);
        JsonNode root = parse(Records.full().source(v6).hostName(null).build());

        assertThat(root.get("host").get("ip").asText()).isEqualTo("2001:db8::5");
        assertThat(root.get("host").get("name").asText()).isEqualTo("2001:db8::5");
        assertThat(root.get("source").get("ip").asText()).isEqualTo("2001:db8::5");
        assertThat(root.get("source").get("port").asInt()).isEqualTo(6666);
    }

    @Test
    void ipv4AddressesOfEveryDigitCountAreWrittenRight() throws IOException {
        for (String ip : List.of("0.0.0.0", "1.22.100.255", "192.168.9.10", "127.0.0.1")) {
            JsonNode root = parse(Records.full().source(new InetSocketAddress(ip, 1)).build());
            assertThat(root.get("host").get("ip").asText()).isEqualTo(ip);
        }
    }

    @Test
    void numbersOfEveryLengthAreWrittenRight() throws IOException {
        for (long seq : new long[] {0, 9, 10, 99, 100, 1_000_000_007L, Long.MAX_VALUE}) {
            assertThat(parse(Records.full().seq(seq).build()).get("event").get("sequence").asLong())
                    .isEqualTo(seq);
        }
    }

    @Test
    void aHugeMessageIsWrittenWholeAndTheNextRecordIsUnaffected() throws IOException {
        String message = "x\"".repeat(200_000);

        assertThat(parse(Records.full().message(message).build()).get("message").asText()).isEqualTo(message);
        assertThat(json(Records.full().build())).contains("\"message\":\"the decoded body text\"");
    }

    @Test
    void awkwardMessageTextRoundTrips() throws IOException {
        String message = "say \"hi\"\\ \n\r\t\u0000\u0001\u001f\u007f é 日本 \uD83D\uDE00 </script>";
        byte[] bytes = encoder.encode(Records.full().message(message).build());
        String json = new String(bytes, StandardCharsets.UTF_8);

        assertThat(MAPPER.readTree(bytes).get("message").asText()).isEqualTo(message);
        // Escaped control characters keep the record on one line; non-ASCII in the BMP stays UTF-8,
        // characters beyond it are written as escaped surrogate pairs.
        assertThat(json).doesNotContain("\n", "\r", "\u0000", "\u0001")
                .contains("\\u0000\\u0001\\u001F\u007f é 日本 \\uD83D\\uDE00 </script>");
    }

    @Test
    void loneSurrogateSurvivesInsteadOfSwallowingTheNextCharacter() throws IOException {
        String message = "x\uD83Dy \uDE00z";

        assertThat(parse(Records.full().message(message).build()).get("message").asText())
                .isEqualTo(message);
    }

    @Test
    void userdataAndDetailKeysAreEscapedToo() throws IOException {
        JsonNode root = parse(Records.full().userdata(List.of(new KeyValue("a\"b", "c\nd"))).build());

        assertThat(root.get("netconsole").get("userdata").get("a\"b").asText()).isEqualTo("c\nd");
    }

    @Test
    void writesOneValueWithoutNewlineAndLeavesTheStreamOpenAndUnflushed() throws IOException {
        TrackingStream out = new TrackingStream();
        encoder.encode(Records.full().build(), out);
        encoder.encode(Records.fullLegacy().build(), out);

        String written = out.toString(StandardCharsets.UTF_8);
        assertThat(written).startsWith("{\"@timestamp\"").contains("}{\"@timestamp\"").endsWith("}");
        assertThat(out.flushes).isZero();
        assertThat(out.closed).isFalse();
    }

    @Test
    void isNamedJson() {
        assertThat(encoder.name()).isEqualTo("json");
    }

    /** Records whether the encoder flushed or closed the sink's stream. */
    private static final class TrackingStream extends ByteArrayOutputStream {
        int flushes;
        boolean closed;

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
