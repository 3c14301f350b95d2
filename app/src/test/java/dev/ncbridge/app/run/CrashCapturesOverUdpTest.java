package dev.ncbridge.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ncbridge.app.testing.CaptureTargets;
import dev.ncbridge.app.testing.StdoutRecords;
import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.NcbridgeConfig;
import dev.ncbridge.config.Substitution;
import dev.ncbridge.ingest.codec.DecodeCounters;
import dev.ncbridge.ingest.codec.NetconsoleDecoder;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.testing.KernelCaptures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every crash capture of fixtures/kernel-crash replayed over UDP on loopback into a running
 * bridge, each target from its own socket, the records read from its stdout sink and its API.
 * The crash time-outs are the default {@code crash_grace} (2 s) and a {@code crash_silence} of
 * 4 s, shorter than the default 10 s to keep the waits short, and both well above the pauses of
 * a replay that waits for the bridge to read (a report split by a pause would give two records).
 */
class CrashCapturesOverUdpTest {
    private static final String NULL_DEREF = "BUG: kernel NULL pointer dereference, address: 0000000000000000";
    private static final String SYSRQ_PANIC = "Kernel panic - not syncing: sysrq triggered crash";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final StdoutRecords stdout = new StdoutRecords();
    private CaptureTargets targets;
    private Bridge bridge;

    @AfterEach
    void stop() {
        if (targets != null) {
            targets.close();
        }
        if (bridge != null) {
            bridge.close();
        }
    }

    private void start() {
        NcbridgeConfig config = ImplicitDefaults.apply(new ConfigLoader(new Substitution(k -> null)).load("test.yaml", """
                listen: ["127.0.0.1:0"]
                http: {listen: "127.0.0.1:0"}
                receive: {workers: 2}
                decoder: {crash_silence: 4s}
                """));
        bridge = Bridge.build(config, stdout);
        try {
            bridge.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        targets = new CaptureTargets(bridge);
    }

    /** The capture's target port for a record, from the socket that sent it. */
    private int targetOf(JsonNode r) {
        return targets.targetOf(r.at("/source/port").asInt());
    }

    private List<JsonNode> records(String kind) throws IOException {
        return stdout.records().stream().filter(r -> r.at("/netconsole/kind").asText().equals(kind)).collect(Collectors.toList());
    }

    private List<JsonNode> unexplainedReboots() throws IOException {
        return records("event").stream().filter(r -> r.at("/event/action").asText().equals("unexplained_reboot"))
                .collect(Collectors.toList());
    }

    /** The texts the decoder makes of each target's datagrams after {@code NCB-BEFORE-CRASH}: what the kernel sent. */
    private static Map<Integer, List<String>> sentAfterTheMarker(List<KernelCaptures.Datagram> capture) {
        Map<Integer, List<String>> texts = new HashMap<>();
        NetconsoleDecoder decoder = NetconsoleDecoder.withDefaults(new DecodeCounters());
        for (KernelCaptures.Datagram d : capture) {
            decoder.decode(d.payload(), 0, d.payload().length, d.source(), d.receivedAtNanos(), r -> {
                if (r instanceof KernelMessage m) {
                    texts.computeIfAbsent(d.port(), p -> new ArrayList<>()).add(m.message());
                }
            });
        }
        decoder.flushAll(Long.MAX_VALUE / 2, r -> {
            if (r instanceof KernelMessage m) {
                texts.computeIfAbsent(m.source().getPort(), p -> new ArrayList<>()).add(m.message());
            }
        });
        texts.replaceAll((port, all) -> afterTheMarker(all));
        return texts;
    }

    private static List<String> afterTheMarker(List<String> texts) {
        int marker = -1;
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i).contains("NCB-BEFORE-CRASH")) {
                marker = i;
            }
        }
        assertThat(marker).as("the capture has its marker").isNotNegative();
        return List.copyOf(texts.subList(marker + 1, texts.size()));
    }

    private Map<Integer, List<String>> arrivedAfterTheMarker() throws IOException {
        Map<Integer, List<String>> arrived = new HashMap<>();
        for (JsonNode r : records("message")) {
            arrived.computeIfAbsent(targetOf(r), p -> new ArrayList<>()).add(r.get("message").asText());
        }
        arrived.replaceAll((port, all) -> afterTheMarker(all));
        return arrived;
    }

    /**
     * What each crash capture must give, per target.
     *
     * @param frames the frames of the first call trace
     * @param firstSeq the seq of the report's first line, on the extended targets
     * @param lastSeq the seq of its last line
     */
    record Expected(String run, String kind, String title, String panicReason, String function, String task,
                    int frames, long firstSeq, long lastSeq, String closeReason, boolean complete) {
    }

    static List<Arguments> crashes() {
        return List.of(
                Arguments.of(new Expected(KernelCaptures.DEBIAN12_OOPS, "oops", NULL_DEREF, "Fatal exception",
                        "ncb_oops_init", "insmod", 7, 461, 512, "panic_grace", true)),
                Arguments.of(new Expected(KernelCaptures.DEBIAN12_SYSRQ, "panic", SYSRQ_PANIC,
                        "sysrq triggered crash", null, "sh", 16, 460, 490, "panic_grace", true)),
                Arguments.of(new Expected(KernelCaptures.DEBIAN12_TAIL_LOST, "panic", SYSRQ_PANIC,
                        "sysrq triggered crash", null, "sh", 17, -1, -1, "silence", false)),
                Arguments.of(new Expected(KernelCaptures.RECENT_OOPS_HALTED, "oops", NULL_DEREF, "Fatal exception",
                        "ncb_oops_init", "insmod", 19, 465, 522, "end_marker", true)),
                Arguments.of(new Expected(KernelCaptures.RECENT_OOPS_PARTIAL, "oops", NULL_DEREF, null,
                        "ncb_oops_init", "insmod", -1, -1, -1, "end_marker", true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crashes")
    void everyLineArrivesAndEachTargetGivesOneCrashRecord(Expected x) throws Exception {
        start();
        List<KernelCaptures.Datagram> capture = KernelCaptures.loadCrash(x.run());
        Map<Integer, List<String>> sent = sentAfterTheMarker(capture);
        targets.replay(capture);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(records("crash")).hasSize(4);
            assertThat(arrivedAfterTheMarker()).as("every line after NCB-BEFORE-CRASH, per target").isEqualTo(sent);
        });

        for (JsonNode r : records("crash")) {
            JsonNode c = r.at("/netconsole/crash");
            boolean extended = r.at("/netconsole/format").asText().equals("extended");
            assertThat(r.at("/error/type").asText()).isEqualTo(x.kind());
            assertThat(r.get("message").asText()).isEqualTo(x.title());
            assertThat(c.path("panic_reason").textValue()).isEqualTo(x.panicReason());
            assertThat(c.path("function").textValue()).isEqualTo(x.function());
            assertThat(c.get("task").asText()).isEqualTo(x.task());
            if (x.frames() >= 0) {
                assertThat(c.get("frames")).hasSize(x.frames());
            } else {
                assertThat(c.get("frames")).isNotEmpty();
            }
            assertThat(c.get("close_reason").asText()).isEqualTo(x.closeReason());
            assertThat(c.get("complete").asBoolean()).isEqualTo(x.complete());
            List<String> lines = List.of(r.at("/error/stack_trace").asText().split("\n"));
            assertThat(sent.get(targetOf(r))).as("the report's lines are lines the target sent")
                    .containsSubsequence(lines);
            if (extended && x.firstSeq() >= 0) {
                assertThat(c.get("first_seq").asLong()).isEqualTo(x.firstSeq());
                assertThat(c.get("last_seq").asLong()).isEqualTo(x.lastSeq());
            } else if (!extended) {
                assertThat(c.has("first_seq")).as("legacy lines have no seq").isFalse();
            }
        }
        assertThat(records("crash").stream().map(this::targetOf)).containsExactlyInAnyOrder(
                KernelCaptures.EXTENDED_RELEASE_PORT, KernelCaptures.EXTENDED_USERDATA_PORT,
                KernelCaptures.LEGACY_PARAM_PORT, KernelCaptures.LEGACY_CONFIGFS_PORT);
        assertThat(scrape()).contains("ncbridge_crashes_total{kind=\"" + x.kind() + "\"} 4.0");
        assertTheApiShowsTheCrashes(x);
    }

    private void assertTheApiShowsTheCrashes(Expected x) throws Exception {
        JsonNode crashes = get("/api/v1/crashes").get("crashes");
        assertThat(crashes).hasSize(4).allSatisfy(c -> {
            assertThat(c.get("kind").asText()).isEqualTo(x.kind());
            assertThat(c.get("title").asText()).isEqualTo(x.title());
            assertThat(c.get("host").asText()).isEqualTo("127.0.0.1");
            assertThat(c.has("time")).isTrue();
        });
        JsonNode sources = get("/api/v1/sources");
        List<JsonNode> withCrash = StreamSupport.stream(sources.spliterator(), false)
                .filter(s -> !s.path("last_crash").isNull() && !s.path("last_crash").isMissingNode())
                .collect(Collectors.toList());
        assertThat(withCrash).hasSize(4).allSatisfy(s -> {
            assertThat(s.at("/last_crash/kind").asText()).isEqualTo(x.kind());
            assertThat(s.at("/last_crash/title").asText()).isEqualTo(x.title());
            assertThat(s.get("crashes").asLong()).isEqualTo(1);
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {KernelCaptures.RECENT_OOPS_SILENT, KernelCaptures.RECENT_OOPS_PARTIAL})
    void aRecentKernelThatRebootsWithoutItsPanicGivesAnUnexplainedRebootAtItsNextBoot(String run) throws Exception {
        start();
        targets.replay(KernelCaptures.loadCrash(run));
        await().atMost(Duration.ofSeconds(30)).until(() -> stdout.records().stream()
                .filter(r -> r.get("message").asText().contains("NCB-BEFORE-CRASH")).count() == 4);
        assertThat(unexplainedReboots()).as("not before the next boot").isEmpty();

        targets.replay(KernelCaptures.load(KernelCaptures.RECENT));
        await().atMost(Duration.ofSeconds(30)).until(() -> unexplainedReboots().size() == 4);
        String lastWords = run.equals(KernelCaptures.RECENT_OOPS_SILENT) ? "ncb_oops: reading through a NULL pointer"
                : "---[ end trace 0000000000000000 ]---";
        assertThat(unexplainedReboots()).allSatisfy(e -> {
            assertThat(e.at("/netconsole/event/last_message").asText()).isEqualTo(lastWords);
            assertThat(e.at("/netconsole/event/silence_ms").isNumber()).isTrue();
        });
        assertThat(unexplainedReboots().stream().map(this::targetOf)).containsExactlyInAnyOrder(
                KernelCaptures.EXTENDED_RELEASE_PORT, KernelCaptures.EXTENDED_USERDATA_PORT,
                KernelCaptures.LEGACY_PARAM_PORT, KernelCaptures.LEGACY_CONFIGFS_PORT);
        assertThat(scrape()).contains("ncbridge_unexplained_reboots_total 4.0");
    }

    private String scrape() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bridge.httpAddress().getPort()
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + bridge.httpAddress().getPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
