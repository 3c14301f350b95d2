package dev.ncbridge.app.it.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import dev.ncbridge.app.testing.SpoolOutage;
import dev.ncbridge.ingest.testing.RealServers;
import dev.ncbridge.sink.elasticsearch.testing.ElasticsearchServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The 60-second outage ({@link SpoolOutage}) for the Elasticsearch sink: the cluster stopped and started. */
class ElasticsearchSpoolOutageIT {
    private static final String STREAM = "logs-netconsole-outage";

    @TempDir
    Path dir;
    @RegisterExtension
    final RealServers servers = new RealServers();
    private ElasticsearchServer server;
    private SpoolOutage outage;

    @AfterEach
    void stop() {
        if (outage != null) {
            outage.close();
        }
    }

    @Test
    void nothingIsLostOverAMinuteWithoutTheCluster() throws Exception {
        server = servers.start(ElasticsearchServer::start);
        outage = new SpoolOutage(dir, """
                    type: elasticsearch
                    hosts: ["%s"]
                    data_stream: %s
                """.formatted(server.url(), STREAM));
        outage.run(server::stop, server::restart);
        outage.assertNothingLost(() -> delivered(server));
    }

    /**
     * Distinct (host.ip, event.sequence) pairs indexed, paged through with a composite aggregation:
     * exact, unlike a cardinality aggregation, and without fetching 150,000 documents.
     */
    private static long delivered(ElasticsearchServer server) throws IOException {
        server.refresh(STREAM);
        ElasticsearchClient es = server.client();
        Map<String, CompositeAggregationSource> host = Map.of("host",
                CompositeAggregationSource.of(s -> s.terms(t -> t.field("host.ip"))));
        Map<String, CompositeAggregationSource> seq = Map.of("seq",
                CompositeAggregationSource.of(s -> s.terms(t -> t.field("event.sequence"))));
        long pairs = 0;
        Map<String, FieldValue> after = null;
        while (true) {
            Map<String, FieldValue> from = after;
            CompositeAggregate page = es.search(s -> s.index(STREAM).size(0).aggregations("pairs",
                    a -> a.composite(c -> {
                        c.size(10_000).sources(host, seq);
                        return from == null ? c : c.after(from);
                    })), Void.class).aggregations().get("pairs").composite();
            if (page.buckets().array().isEmpty()) {
                return pairs;
            }
            pairs += page.buckets().array().size();
            after = page.afterKey();
        }
    }
}
