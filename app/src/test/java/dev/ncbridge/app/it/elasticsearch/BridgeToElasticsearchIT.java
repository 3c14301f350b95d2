package dev.ncbridge.app.it.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ncbridge.app.run.Bridge;
import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.Substitution;
import dev.ncbridge.ingest.testing.RealServers;
import dev.ncbridge.ingest.wire.ExtendedMessage;
import dev.ncbridge.ingest.wire.NetconsoleEncoder;
import dev.ncbridge.sink.elasticsearch.testing.ElasticsearchServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Netconsole datagrams into a bridge running in-process, searchable documents out of a real Elasticsearch. */
class BridgeToElasticsearchIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final RealServers SERVERS = new RealServers();
    private static ElasticsearchServer server;
    private static ElasticsearchClient es;
    private Bridge bridge;

    @BeforeAll
    static void startServer() {
        server = SERVERS.start(ElasticsearchServer::start);
        es = server.client();
    }

    @AfterEach
    void stopBridge() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void datagramsBecomeSearchableDocumentsWithTheirFieldsAndTypes(@TempDir Path dir) throws Exception {
        Path names = dir.resolve("hosts");
        Files.writeString(names, "127.0.0.1 web-42\n");
        start("""
                listen: ["127.0.0.1:0"]
                http: {listen: "127.0.0.1:0"}
                sources: {names: "%s"}
                sinks:
                  search: {type: elasticsearch, hosts: ["%s"], data_stream: logs-netconsole-e2e, batch: {linger: 50ms}}
                routes:
                  - to: [search]
                """.formatted(names, server.url()));
        ExtendedMessage oops = ExtendedMessage.builder().release("6.14.0").prefix(3).seq(607).tsUs(22085407756L)
                .flag('-').body("BUG: kernel NULL pointer dereference, address: 0000000000000008".getBytes(StandardCharsets.UTF_8))
                .subsystem("pci".getBytes(StandardCharsets.UTF_8)).device("+pci:0000:00:1f.2".getBytes(StandardCharsets.UTF_8))
                .addUserdata("rack", "r7").cpu(42).taskname("echo").msgid(12L).build();
        ExtendedMessage longOne = ExtendedMessage.builder().prefix(6).seq(608).tsUs(22085407800L).flag('-')
                .body("x".repeat(2500).getBytes(StandardCharsets.UTF_8)).build();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress udp = bridge.udpAddresses().get(0);
            for (ExtendedMessage m : List.of(oops, longOne)) {
                for (byte[] datagram : NetconsoleEncoder.extended(m)) {
                    socket.send(new DatagramPacket(datagram, datagram.length, udp));
                }
            }
            byte[] legacy = NetconsoleEncoder.consoleText(12_000_001L, "e1000e: eth0 NIC Link is Up".getBytes(StandardCharsets.UTF_8));
            for (byte[] datagram : NetconsoleEncoder.legacy(legacy)) {
                socket.send(new DatagramPacket(datagram, datagram.length, udp));
            }
        }
        // Three messages, and the oops line is also the start of a kernel report: a crash record.
        server.await("3 messages and 1 crash record indexed", Duration.ofSeconds(120))
                .until(() -> count("logs-netconsole-e2e", "message") == 3 && count("logs-netconsole-e2e", "crash") == 1);
        assertThat(ready()).as("/health/ready with the cluster up").isEqualTo(200);

        SearchResponse<JsonNode> hits = es.search(s -> s.index("logs-netconsole-e2e")
                .query(q -> q.bool(b -> b.must(m -> m.match(t -> t.field("message").query("NULL pointer")))
                        .filter(f -> f.term(t -> t.field("netconsole.kind").value("message"))))), JsonNode.class);
        assertThat(hits.hits().hits()).hasSize(1);
        JsonNode doc = hits.hits().hits().get(0).source();
        assertThat(doc.at("/host/name").asText()).isEqualTo("web-42");
        assertThat(doc.at("/host/ip").asText()).isEqualTo("127.0.0.1");
        assertThat(doc.at("/log/level").asText()).isEqualTo("err");
        assertThat(doc.at("/event/sequence").asLong()).isEqualTo(607);
        assertThat(doc.at("/host/os/kernel").asText()).isEqualTo("6.14.0");
        assertThat(doc.at("/process/name").asText()).isEqualTo("echo");
        assertThat(doc.at("/netconsole/subsystem").asText()).isEqualTo("pci");
        assertThat(doc.at("/netconsole/userdata/rack").asText()).isEqualTo("r7");
        assertThat(doc.get("@timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");

        // The fleet question: which hosts logged this, searched by keyword and numeric fields.
        assertThat(es.count(c -> c.index("logs-netconsole-e2e").query(q -> q.bool(b -> b
                .filter(f -> f.term(t -> t.field("host.name").value("web-42")))
                .filter(f -> f.range(r -> r.number(n -> n.field("event.sequence").gte(607.0).lte(608.0)))))))
                .count()).isEqualTo(2);
        JsonNode crash = es.search(s -> s.index("logs-netconsole-e2e")
                .query(q -> q.term(t -> t.field("netconsole.kind").value("crash"))), JsonNode.class).hits().hits().get(0)
                .source();
        assertThat(crash.at("/error/message").asText()).isEqualTo("BUG: kernel NULL pointer dereference, address: 0000000000000008");
        assertThat(crash.at("/netconsole/crash/first_seq").asLong()).isEqualTo(607);
        JsonNode reassembled = es.search(s -> s.index("logs-netconsole-e2e")
                .query(q -> q.term(t -> t.field("event.sequence").value(608))), JsonNode.class).hits().hits().get(0).source();
        assertThat(reassembled.at("/message").asText()).hasSize(2500);
        assertThat(reassembled.at("/netconsole/fragments").asInt()).isGreaterThan(1);

        Map<String, String> types = types(es.indices().getMapping(m -> m.index("logs-netconsole-e2e")).result()
                .values().iterator().next().mappings());
        assertThat(types).containsEntry("@timestamp", "date_nanos").containsEntry("host.name", "keyword")
                .containsEntry("host.ip", "ip").containsEntry("event.sequence", "long")
                .containsEntry("netconsole.kernel_ts_us", "long").containsEntry("log.level", "keyword")
                .containsEntry("message", "text").containsEntry("netconsole.userdata", "flattened");
    }

    @Test
    void aDocumentTheMappingRefusesIsCountedAndDeadLetteredWhileTheOthersAreIndexed(@TempDir Path dir) throws Exception {
        String conflicting = "{\"properties\": {\"@timestamp\": {\"type\": \"date_nanos\"},"
                + " \"process\": {\"properties\": {\"name\": {\"type\": \"long\"}}}}}";
        es.indices().putIndexTemplate(t -> t.name("ncbridge-logs-netconsole-e2e-conflict")
                .indexPatterns("logs-netconsole-e2e-conflict").dataStream(d -> d).priority(200L)
                .template(m -> m.mappings(TypeMapping.of(tm -> tm.withJson(new StringReader(conflicting))))));
        Path rejected = dir.resolve("rejected.jsonl");
        start("""
                listen: ["127.0.0.1:0"]
                http: {enabled: false}
                sinks:
                  search:
                    type: elasticsearch
                    hosts: ["%s"]
                    data_stream: logs-netconsole-e2e-conflict
                    dead_letter: rejected
                    batch: {linger: 200ms}
                  rejected: {type: file, path: "%s"}
                routes:
                  - to: [search]
                """.formatted(server.url(), rejected));
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress udp = bridge.udpAddresses().get(0);
            for (int seq = 1; seq <= 10; seq++) {
                ExtendedMessage.Builder m = ExtendedMessage.builder().prefix(4).seq(seq).tsUs(1000L * seq).flag('-')
                        .body(("message " + seq).getBytes(StandardCharsets.UTF_8));
                if (seq == 4) {
                    m.taskname("kworker/0:1");
                }
                for (byte[] datagram : NetconsoleEncoder.extended(m.build())) {
                    socket.send(new DatagramPacket(datagram, datagram.length, udp));
                }
            }
        }
        server.await("9 documents indexed, 1 dead-lettered", Duration.ofSeconds(120)).until(() -> Files.exists(rejected)
                && !Files.readString(rejected).isBlank() && count("logs-netconsole-e2e-conflict") == 9);
        List<String> lines = Files.readAllLines(rejected);
        assertThat(lines).hasSize(1);
        JsonNode dead = JSON.readTree(lines.get(0));
        assertThat(dead.at("/event/sequence").asLong()).isEqualTo(4);
        assertThat(dead.at("/process/name").asText()).isEqualTo("kworker/0:1");
        assertThat(bridge.registry().get("ncbridge.sink.records.failed").tag("sink", "search").tag("reason", "mapping")
                .counter().count()).isEqualTo(1);
        assertThat(bridge.registry().get("ncbridge.sink.records.sent").tag("sink", "search").counter().count())
                .isEqualTo(9);
    }

    private void start(String yaml) throws Exception {
        bridge = Bridge.build(new ConfigLoader(new Substitution(k -> null)).load("test.yaml", yaml),
                new ByteArrayOutputStream());
        bridge.start();
    }

    private int ready() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + bridge.httpAddress().getPort() + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }

    private static long count(String index) throws IOException {
        server.refresh(index);
        return es.count(c -> c.index(index).allowNoIndices(true).ignoreUnavailable(true)).count();
    }

    /** Documents of one kind of record ({@code message}, {@code event}, {@code crash}). */
    private static long count(String index, String kind) throws IOException {
        server.refresh(index);
        return es.count(c -> c.index(index).allowNoIndices(true).ignoreUnavailable(true)
                .query(q -> q.term(t -> t.field("netconsole.kind").value(kind)))).count();
    }

    /** Field path to mapped type, objects flattened into their fields. */
    private static Map<String, String> types(TypeMapping mapping) {
        Map<String, String> types = new TreeMap<>();
        collect("", mapping.properties(), types);
        return types;
    }

    private static void collect(String prefix, Map<String, Property> properties, Map<String, String> out) {
        properties.forEach((name, p) -> {
            if (p.isObject()) {
                collect(prefix + name + ".", p.object().properties(), out);
            } else {
                out.put(prefix + name, p._kind().jsonValue());
            }
        });
    }
}
