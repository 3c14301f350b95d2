package dev.ncbridge.app.it.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ncbridge.app.testing.BridgeProcess;
import dev.ncbridge.app.testing.SpoolCrash;
import dev.ncbridge.ingest.testing.RealServers;
import dev.ncbridge.sink.elasticsearch.testing.ElasticsearchServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code kill -9} scenario ({@link SpoolCrash}) for the Elasticsearch sink: the cluster down
 * while the messages are spooled, the bridge killed, the cluster started, the bridge started again.
 */
class ElasticsearchSpoolCrashIT {
    private static final String STREAM = "logs-netconsole-spool";

    @TempDir
    Path dir;
    @RegisterExtension
    final RealServers servers = new RealServers();
    private ElasticsearchServer server;
    private SpoolCrash crash;

    @AfterEach
    void stop() {
        if (crash != null) {
            crash.close();
        }
    }

    @Test
    void everyMessageSpooledWhileTheClusterWasDownArrivesAfterAKill() throws Exception {
        server = servers.start(ElasticsearchServer::start);
        server.stop();
        crash = new SpoolCrash(dir, """
                    type: elasticsearch
                    hosts: ["%s"]
                    data_stream: %s
                """.formatted(server.url(), STREAM));
        crash.spoolAndKill();

        server.restart();
        BridgeProcess again = crash.restart();
        ElasticsearchClient es = server.client();
        server.await("every spooled message indexed", Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> crash.allArrived(seqsByHost(es).values()));
        crash.assertEveryIntactMessageArrived("elasticsearch", seqsByHost(es).values());
        crash.stopAndCheckAccounting(again);
    }

    private Map<String, List<Long>> seqsByHost(ElasticsearchClient es) throws IOException {
        server.refresh(STREAM);
        Map<String, List<Long>> out = new HashMap<>();
        for (Hit<JsonNode> hit : es.search(s -> s.index(STREAM).size(5000), JsonNode.class).hits().hits()) {
            JsonNode doc = hit.source();
            if (doc != null && doc.at("/event/sequence").isNumber()) {
                out.computeIfAbsent(doc.at("/host/ip").asText(), k -> new ArrayList<>())
                        .add(doc.at("/event/sequence").asLong());
            }
        }
        return out;
    }
}
