package dev.ncbridge.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.indices.GetMappingResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ncbridge.ingest.record.Fields;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.RealServers;
import dev.ncbridge.ingest.testing.Records;
import dev.ncbridge.sink.BatchResult;
import dev.ncbridge.sink.Overflow;
import dev.ncbridge.sink.RunnerSettings;
import dev.ncbridge.sink.SinkRunner;
import dev.ncbridge.sink.elasticsearch.testing.ElasticsearchServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sink against a real Elasticsearch: what is indexed, with which mapping, and what happens on failures. */
class ElasticsearchSinkIT {
    @RegisterExtension
    static final RealServers SERVERS = new RealServers();
    private static ElasticsearchServer server;
    private static ElasticsearchClient es;

    @BeforeAll
    static void startServer() {
        server = SERVERS.start(ElasticsearchServer::start);
        es = server.client();
    }

    @Test
    void recordsBecomeSearchableDocumentsOfTheDataStreamWithTheTemplatesTypesAndLifecycle() throws Exception {
        ElasticsearchSink sink = Fixtures.sink("hosts: [\"" + server.url() + "\"], data_stream: logs-netconsole-it,"
                + " retention: 7d");
        sink.start();
        try {
            BatchResult result = sink.write(List.of(Records.fullTruncated("web-42", 607).build(),
                    Records.lossOf("seq", 5, 7).message("3 messages lost from web-42").hostName("web-42").build(),
                    Records.restart("web-42"))).toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertThat(result.isOk()).as("%s %s", result.retry(), result.rejected()).isTrue();
        } finally {
            sink.close();
        }
        server.awaitSearchable("logs-netconsole-it");

        SearchResponse<JsonNode> found = es.search(s -> s.index("logs-netconsole-it")
                .query(q -> q.term(t -> t.field("event.sequence").value(607))), JsonNode.class);
        assertThat(found.hits().hits()).hasSize(1);
        Hit<JsonNode> hit = found.hits().hits().get(0);
        assertThat(hit.index()).as("a backing index of the data stream").startsWith(".ds-logs-netconsole-it-");
        JsonNode doc = hit.source();
        assertThat(doc.path("@timestamp").asText()).isEqualTo(Fixtures.T0);
        assertThat(doc.path("host").path("name").asText()).isEqualTo("web-42");
        assertThat(doc.path("log").path("level").asText()).isEqualTo("err");
        assertThat(doc.path("ecs").path("version").asText()).isEqualTo(Fields.ECS_VERSION);
        assertThat(doc.path("netconsole").path("userdata").path("rack").toString()).isEqualTo("[\"r1\",\"r2\"]");

        // Searches that only work with the intended types: keyword terms, ip ranges, date_nanos ranges, flattened keys.
        assertThat(count(q -> q.term(t -> t.field("host.name").value("web-42")))).isEqualTo(3);
        assertThat(count(q -> q.term(t -> t.field("host.ip").value("10.0.0.0/8")))).isEqualTo(3);
        assertThat(count(q -> q.term(t -> t.field("event.action").value("loss")))).isEqualTo(1);
        assertThat(count(q -> q.term(t -> t.field("event.kind").value("event")))).isEqualTo(3);
        assertThat(count(q -> q.range(r -> r.untyped(u -> u.field("event.sequence")
                .gte(co.elastic.clients.json.JsonData.of(600)))))).as("a long, not a keyword").isEqualTo(1);
        assertThat(count(q -> q.term(t -> t.field("netconsole.userdata.rack").value("r2")))).isEqualTo(1);
        assertThat(count(q -> q.term(t -> t.field("host.os.kernel").value("6.14.0")))).isEqualTo(1);
        assertThat(count(q -> q.match(m -> m.field("message").query("page fault")))).isEqualTo(1);
        assertThat(count(q -> q.range(r -> r.untyped(u -> u.field("@timestamp")
                .gt(co.elastic.clients.json.JsonData.of("2026-11-21T10:15:30.123455Z")))))).isEqualTo(3);

        GetMappingResponse mapping = es.indices().getMapping(m -> m.index("logs-netconsole-it"));
        TypeMapping served = mapping.result().values().iterator().next().mappings();
        Map<String, String> types = MappingPaths.of(served);
        assertThat(types).containsEntry("@timestamp", "date_nanos")
                .containsEntry("event.sequence", "long")
                .containsEntry("event.action", "keyword")
                .containsEntry("ecs.version", "keyword")
                .containsEntry("host.name", "keyword")
                .containsEntry("host.ip", "ip")
                .containsEntry("host.os.kernel", "keyword")
                .containsEntry("log.level", "keyword")
                .containsEntry("message", "text")
                .containsEntry("netconsole.userdata", "flattened")
                .containsEntry("netconsole.event.missing", "long")
                .containsEntry("netconsole.event.counter", "keyword");
        assertThat(types).as("nothing mapped dynamically: the server's mapping is the template's")
                .isEqualTo(MappingPaths.of(TemplateInstaller.mappings()));

        // The data stream's lifecycle as the cluster keeps it. The test distribution (integ-test-zip) lacks
        // the data-streams module that serves GET _data_stream/<name>/_lifecycle (and runs the lifecycle);
        // the cluster state it reads from is the same in every distribution.
        JsonNode stream = new ObjectMapper().readTree(es.cluster().state(c -> c.metric("metadata"))
                .valueBody().toJson().toString()).at("/metadata/data_stream/data_stream/logs-netconsole-it");
        assertThat(stream.isMissingNode()).as("the data stream exists").isFalse();
        assertThat(stream.at("/lifecycle/enabled").asBoolean()).as("managed by a lifecycle: %s", stream).isTrue();
        assertThat(stream.at("/lifecycle/data_retention").asText()).isEqualTo("7d");
    }

    @Test
    void anIndexTemplateNamesIndicesByHostAndDayAndTheyGetTheMappings() throws Exception {
        ElasticsearchSink sink = Fixtures.sink("hosts: [\"" + server.url() + "\"], index: \"nc-{host}-{yyyy}.{MM}.{dd}\"");
        sink.start();
        try {
            BatchResult result = sink.write(List.of(Records.fullTruncated("Web-42", 1).build(),
                    Records.fullTruncated("db/1", 2).build()))
                    .toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertThat(result.isOk()).isTrue();
        } finally {
            sink.close();
        }
        server.awaitSearchable("nc-*");
        assertThat(es.count(c -> c.index("nc-web-42-2026.11.21")).count()).isEqualTo(1);
        assertThat(es.count(c -> c.index("nc-db_1-2026.11.21")).count()).isEqualTo(1);
        TypeMapping served = es.indices().getMapping(m -> m.index("nc-web-42-2026.11.21")).result()
                .get("nc-web-42-2026.11.21").mappings();
        assertThat(MappingPaths.of(served)).containsEntry("event.sequence", "long").containsEntry("host.name", "keyword");
    }

    @Test
    void aDocumentTheMappingRefusesIsRejectedAsMappingWhileTheRestOfItsBatchIsIndexed() throws Exception {
        // Someone else's template for the data stream, where process.name is a number: the sink leaves an
        // existing template alone by default, so records with a task name cannot be indexed.
        String conflicting = "{\"properties\": {\"@timestamp\": {\"type\": \"date_nanos\"},"
                + " \"process\": {\"properties\": {\"name\": {\"type\": \"long\"}}}}}";
        es.indices().putIndexTemplate(t -> t.name("ncbridge-logs-netconsole-conflict")
                .indexPatterns("logs-netconsole-conflict").dataStream(d -> d).priority(200L)
                .template(m -> m.mappings(TypeMapping.of(tm -> tm.withJson(new StringReader(conflicting))))));
        // Small bulk requests, two at a time: the verdict must come back to the right record of the batch.
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ElasticsearchSink sink = Fixtures.sink("hosts: [\"" + server.url() + "\"], data_stream: logs-netconsole-conflict,"
                + " bulk: {max_actions: 2, concurrent_requests: 2}", meters);
        sink.start();
        List<Record> batch = new ArrayList<>();
        for (int seq = 0; seq < 7; seq++) {
            batch.add(Records.fullTruncated("web-42", seq).taskname(seq == 3 ? "kworker/0:1" : null).build());
        }
        try {
            BatchResult result = sink.write(batch).toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertThat(result.rejected()).isEqualTo(Map.of(3, "mapping"));
            assertThat(result.retry()).isEmpty();
            // Requests of documents 0-1, 2-3 (3 refused), 4-5 and 6.
            assertThat(meters.counter("ncbridge.elasticsearch.bulk.requests", "sink", "es", "result", "ok").count())
                    .isEqualTo(3);
            assertThat(meters.counter("ncbridge.elasticsearch.bulk.requests", "sink", "es", "result", "partial").count())
                    .isEqualTo(1);
        } finally {
            sink.close();
        }
        server.awaitSearchable("logs-netconsole-conflict");
        assertThat(es.count(c -> c.index("logs-netconsole-conflict")).count()).isEqualTo(6);
        assertThat(es.count(c -> c.index("logs-netconsole-conflict")
                .query(q -> q.term(t -> t.field("event.sequence").value(3)))).count()).isZero();

        // manage_template: true replaces the template with the sink's own.
        ElasticsearchSink managing = Fixtures.sink("hosts: [\"" + server.url() + "\"], data_stream: logs-netconsole-conflict,"
                + " manage_template: true");
        managing.start();
        managing.close();
        assertThat(es.indices().getIndexTemplate(g -> g.name("ncbridge-logs-netconsole-conflict"))
                .indexTemplates().get(0).indexTemplate().composedOf())
                .containsExactly("ncbridge-logs-netconsole-conflict@mappings", "ncbridge-logs-netconsole-conflict@lifecycle",
                        "ncbridge-logs-netconsole-conflict@custom");
        TypeMapping replaced = es.cluster().getComponentTemplate(g -> g.name("ncbridge-logs-netconsole-conflict@mappings"))
                .componentTemplates().get(0).componentTemplate().template().mappings();
        assertThat(MappingPaths.of(replaced)).containsEntry("process.name", "keyword");
    }

    @Test
    void withBlockNothingIsLostWhenTheServerStopsMidStreamAndComesBack() throws Exception {
        ElasticsearchSink sink = Fixtures.sink("hosts: [\"" + server.url() + "\"], data_stream: logs-netconsole-fault,"
                + " health_check_interval: 500ms, request_timeout: 5s");
        Set<String> rejected = ConcurrentHashMap.newKeySet();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RunnerSettings settings = new RunnerSettings("elasticsearch", "json", null, 500, null, Overflow.BLOCK, null,
                new RunnerSettings.Batching(200, null, Duration.ofMillis(20)),
                new RunnerSettings.Retry(Duration.ofMillis(100), Duration.ofSeconds(1), 0), null);
        SinkRunner runner = new SinkRunner("es", sink, settings, registry,
                (name, record, reason) -> rejected.add(reason));
        runner.start();
        int perHost = 3000;
        Thread producer = new Thread(() -> {
            for (int seq = 0; seq < perHost; seq++) {
                runner.offer(Records.fullTruncated("web-1", seq).build());
                runner.offer(Records.fullTruncated("web-2", seq).build());
            }
        }, "producer");
        producer.start();
        try {
            await().atMost(Duration.ofMinutes(2))
                    .until(() -> registry.counter("ncbridge.sink.records.sent", "sink", "es").count() >= 1000);
            server.stop();
            await("readiness turns false").atMost(Duration.ofSeconds(60)).until(() -> !sink.healthy());
            assertThat(producer.isAlive()).as("block: the producer waits for the sink").isTrue();
            server.restart();
            producer.join(TimeUnit.MINUTES.toMillis(3));
            await("readiness turns true").atMost(Duration.ofSeconds(60)).until(sink::healthy);
            server.await("every record indexed", Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> distinctHostSeq("logs-netconsole-fault").size() == 2 * perHost);
        } finally {
            runner.close(Duration.ofSeconds(10));
        }
        assertThat(rejected).isEmpty();
        assertThat(registry.counter("ncbridge.sink.records.retried", "sink", "es", "reason", "unreachable").count())
                .as("the outage was retried as such").isPositive();
    }

    private static long count(java.util.function.Function<co.elastic.clients.elasticsearch._types.query_dsl.Query.Builder,
            co.elastic.clients.util.ObjectBuilder<co.elastic.clients.elasticsearch._types.query_dsl.Query>> query)
            throws IOException {
        return es.count(c -> c.index("logs-netconsole-it").query(query)).count();
    }

    /** host.name/seq of every document, duplicates (from retried requests) counted once. */
    private static Set<String> distinctHostSeq(String index) throws IOException {
        server.refresh(index);
        SearchResponse<JsonNode> all = es.search(s -> s.index(index).size(10_000)
                .source(src -> src.filter(f -> f.includes("host.name", "event.sequence"))), JsonNode.class);
        Set<String> seen = new HashSet<>();
        for (Hit<JsonNode> hit : all.hits().hits()) {
            seen.add(hit.source().path("host").path("name").asText() + "/" + hit.source().path("event").path("sequence").asLong());
        }
        return seen;
    }
}
