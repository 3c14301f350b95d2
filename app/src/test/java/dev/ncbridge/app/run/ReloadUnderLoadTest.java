package dev.ncbridge.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ncbridge.app.testing.StdoutRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload of a bridge under steady load (docs/operations.md, "Reloading"): the routes change, a
 * sink is added and one removed, a listen address is added, and nothing is lost: every datagram
 * sent is received, the unchanged sink writes every message once and in order, the removed sink
 * wrote all it was given, and the added one gets what the new route sends it. An invalid reload
 * then changes nothing and says why.
 */
class ReloadUnderLoadTest {
    private static final Pattern MESSAGE = Pattern.compile("src-(\\d) (\\d+)$");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private Bridge bridge;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    private static String config(Path dir, String listen, String sinks, String routes) {
        return """
                listen: [%s]
                http: {listen: "127.0.0.1:0"}
                shutdown: {drain_timeout: 10s}
                sinks:
                  all: {type: file, path: "%s/all.log", format: text}
                %s
                routes:
                  - {to: [all], continue: true}
                %s
                """.formatted(listen, dir, sinks.formatted(dir), routes);
    }

    @Test
    void routesAndSinksChangeUnderLoadWithNothingLost(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ncbridge.yaml");
        Files.writeString(file, config(dir, "\"127.0.0.1:0\"",
                "  errors: {type: file, path: \"%s/errors.log\", format: text}",
                "  - {match: {level: \"<=err\"}, to: [errors]}"));
        bridge = Bridge.build(ConfigSource.load(file), new StdoutRecords()).reloadingFrom(() -> ConfigSource.load(file));
        bridge.start();
        InetSocketAddress udp = bridge.udpAddresses().get(0);

        Sender sender = new Sender(udp);
        sender.start();
        // Half a fragmented message before the reload, half after: the decoder's per-source state must survive.
        DatagramSocket fragments = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        try (fragments) {
            await().atMost(Duration.ofSeconds(30)).until(() -> lines(dir.resolve("errors.log")).size() >= 200);
            send(fragments, udp, "6,1,1000,-,ncfrag=0/27;assembled across ");

            Files.writeString(file, config(dir, "\"127.0.0.1:0\", \"[::1]:0\"",
                    "  warnings: {type: file, path: \"%s/warnings.log\", format: text}",
                    "  - {match: {level: \"<=warning\"}, to: [warnings]}"));
            HttpResponse<String> applied = postReload();
            assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
            assertThat(JSON.readTree(applied.body()).get("changes")).extracting(JsonNode::asText).containsExactly(
                    "listen: added [::1]:0", "sinks.warnings: added",
                    "sinks.errors: removed (drained)", "routes: changed");
            assertThat(bridge.udpAddresses().get(0)).as("the socket that stays is the same socket").isEqualTo(udp);
            assertThat(gauge("ncbridge.sink.queue.size", "errors")).as("a removed sink leaves /metrics' gauges")
                    .isNull();
            long afterReload = sender.sent();
            send(fragments, udp, "6,1,1000,-,ncfrag=17/27;the reload");
            await().atMost(Duration.ofSeconds(30)).until(() -> lines(dir.resolve("warnings.log")).size() >= 200);

            Files.writeString(file, Files.readString(file).replace("type: file, path", "type: file, paht"));
            HttpResponse<String> invalid = postReload();
            assertThat(invalid.statusCode()).isEqualTo(400);
            JsonNode problem = JSON.readTree(invalid.body()).get("problems").get(0);
            assertThat(problem.get("file").asText()).isEqualTo(file.toString());
            assertThat(problem.get("line").asInt()).isEqualTo(5);
            assertThat(problem.get("key").asText()).isEqualTo("sinks.all.paht");
            assertThat(counter("ncbridge.config.reloads", "result", "rejected")).isEqualTo(1);
            assertThat(counter("ncbridge.config.reloads", "result", "applied")).isEqualTo(1);
            assertThat(bridge.registry().get("ncbridge.config.last.reload.successful").gauge().value()).isZero();
            long afterInvalid = lines(dir.resolve("warnings.log")).size();
            await("the old configuration goes on").atMost(Duration.ofSeconds(30))
                    .until(() -> lines(dir.resolve("warnings.log")).size() >= afterInvalid + 100);

            try (DatagramSocket v6 = new DatagramSocket(new InetSocketAddress("::1", 0))) {
                send(v6, bridge.udpAddresses().get(1), "6,1,1000,-;over the added address\n");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> lines(dir.resolve("all.log")).stream()
                    .anyMatch(l -> l.endsWith("over the added address")));
            assertThat(afterReload).isPositive();
        } finally {
            sender.stop();
        }

        // The sender's, two fragments and the one to the added address; the fragments make one record.
        long sent = sender.sent() + 3;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(bridge.registry().get("ncbridge.datagrams.received").functionCounter().count())
                    .as("datagrams received").isEqualTo(sent);
            assertThat(lines(dir.resolve("all.log"))).hasSize((int) sent - 1);
        });
        assertThat(lines(dir.resolve("all.log"))).as("one message from two fragments, one each side of the reload")
                .anyMatch(l -> l.endsWith("assembled across the reload"));
        assertThat(bridge.registry().find("ncbridge.datagrams.dropped").functionCounters())
                .allSatisfy(c -> assertThat(c.count()).as(c.getId().toString()).isZero());
        assertThat(dropped("all")).isZero();

        Map<String, List<Long>> all = bySource(lines(dir.resolve("all.log")));
        assertThat(all.keySet()).containsExactly("0", "1");
        all.values().forEach(seqs -> assertThat(seqs).as("every message once, in order")
                .isEqualTo(Stream.iterate(1L, n -> n + 1).limit(seqs.size()).toList()));
        assertThat(all.values().stream().mapToLong(List::size).sum()).isEqualTo(sent - 3);

        List<String> errors = lines(dir.resolve("errors.log"));
        assertThat(errors).as("the removed sink wrote everything routed to it")
                .hasSize((int) counter("ncbridge.sink.records.accepted", "errors"));
        assertThat(counter("ncbridge.sink.records.sent", "errors")).isEqualTo(errors.size());
        assertThat(errors).allSatisfy(l -> assertThat(l).contains(".err "));
        bySource(errors).values().forEach(seqs -> assertThat(seqs).isSorted().doesNotHaveDuplicates());

        List<String> warnings = lines(dir.resolve("warnings.log"));
        assertThat(warnings).as("the added sink has what the new route sent it, err and warning")
                .anyMatch(l -> l.contains(".err ")).anyMatch(l -> l.contains(".warning "));
        // Every err message went to exactly one of the two sinks: none lost in the swap, none twice.
        long errWritten = errors.size() + warnings.stream().filter(l -> l.contains(".err ")).count();
        assertThat(errWritten).isEqualTo(lines(dir.resolve("all.log")).stream().filter(l -> l.contains(".err ")).count());
        assertThat(dropped("errors")).isZero();
    }

    private double counter(String meter, String tag, String value) {
        return bridge.registry().get(meter).tag(tag, value).counter().count();
    }

    private double counter(String meter, String sink) {
        return counter(meter, "sink", sink);
    }

    @Test
    void aChangedSpoolingSinkIsReplacedUnderLoadWithNothingLostOrReordered(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ncbridge.yaml");
        String v1 = """
                listen: ["127.0.0.1:0"]
                http: {listen: "127.0.0.1:0"}
                sinks:
                  all: {type: file, path: "%s/all.log", format: text, overflow: spool, spool: {dir: "%s/spool"}}
                """.formatted(dir, dir);
        Files.writeString(file, v1);
        bridge = Bridge.build(ConfigSource.load(file), new StdoutRecords()).reloadingFrom(() -> ConfigSource.load(file));
        bridge.start();
        Sender sender = new Sender(bridge.udpAddresses().get(0));
        sender.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> lines(dir.resolve("all.log")).size() >= 200);
            // The replacement spools to the same directory, which one runner at a time may hold.
            Files.writeString(file, v1.replace("format: text,", "format: text, queue_size: 4096,"));
            assertThat(bridge.reload().changes()).containsExactly("sinks.all: changed (replaced)");
            assertThat(gauge("ncbridge.sink.queue.capacity", "all")).as("the gauges are the replacement's")
                    .isEqualTo(4096);
            long before = lines(dir.resolve("all.log")).size();
            await().atMost(Duration.ofSeconds(30)).until(() -> lines(dir.resolve("all.log")).size() >= before + 200);
        } finally {
            sender.stop();
        }
        long sent = sender.sent();
        await().atMost(Duration.ofSeconds(30)).until(() -> lines(dir.resolve("all.log")).size() >= sent);
        Map<String, List<Long>> all = bySource(lines(dir.resolve("all.log")));
        all.values().forEach(seqs -> assertThat(seqs).as("every message once, in order, across the replacement")
                .isEqualTo(Stream.iterate(1L, n -> n + 1).limit(seqs.size()).toList()));
        assertThat(all.values().stream().mapToLong(List::size).sum()).isEqualTo(sent);
        assertThat(dropped("all")).isZero();
    }

    /** Over every reason. */
    private double dropped(String sink) {
        return bridge.registry().get("ncbridge.sink.records.dropped").tag("sink", sink).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private Double gauge(String meter, String sink) {
        var g = bridge.registry().find(meter).tag("sink", sink).gauge();
        return g == null ? null : g.value();
    }

    private HttpResponse<String> postReload() throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + bridge.httpAddress().getPort() + "/api/v1/reload");
        return http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void send(DatagramSocket from, InetSocketAddress to, String payload) throws IOException {
        byte[] d = payload.getBytes(StandardCharsets.UTF_8);
        from.send(new DatagramPacket(d, d.length, to));
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The message numbers of each source, in the order written. */
    private static Map<String, List<Long>> bySource(List<String> lines) {
        Map<String, List<Long>> out = new TreeMap<>();
        for (String line : lines) {
            Matcher m = MESSAGE.matcher(line);
            if (m.find()) {
                out.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(Long.parseLong(m.group(2)));
            }
        }
        return out;
    }

    /**
     * Two sources on loopback sending one message each per millisecond, err and warning in turn, each
     * numbered; the pause paces the load, it synchronises nothing.
     */
    private static final class Sender {
        private final InetSocketAddress to;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong sent = new AtomicLong();
        private final Thread thread = new Thread(this::run, "sender");

        Sender(InetSocketAddress to) {
            this.to = to;
        }

        void start() {
            thread.start();
        }

        private void run() {
            try (DatagramSocket a = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
                 DatagramSocket b = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                DatagramSocket[] sources = {a, b};
                for (long n = 1; running.get(); n++) {
                    for (int s = 0; s < 2; s++) {
                        int level = n % 2 == 0 ? 3 : 4;
                        send(sources[s], to, level + "," + n + "," + n * 1000 + ",-;src-" + s + " " + n + "\n");
                        sent.incrementAndGet();
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        long sent() {
            return sent.get();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }
}
