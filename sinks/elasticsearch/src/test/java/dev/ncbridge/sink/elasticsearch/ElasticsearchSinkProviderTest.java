package dev.ncbridge.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.sink.Sink;
import dev.ncbridge.sink.SinkContext;
import dev.ncbridge.sink.SinkProvider;
import dev.ncbridge.sink.encode.RecordEncoder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ElasticsearchSinkProviderTest {
    @Test
    void foundByServiceLoaderAsElasticsearch() {
        assertThat(ServiceLoader.load(SinkProvider.class).stream().map(p -> p.get().type()))
                .contains("elasticsearch");
    }

    @Test
    void createOpensNoConnectionSoValidateWorksOffline() throws Exception {
        // Nothing listens on port 1: creating must still succeed, and the sink is not healthy before start().
        Sink sink = new ElasticsearchSinkProvider().create(new SinkContext("es",
                Fixtures.sinkSection("sinks:\n  es: {type: elasticsearch, hosts: [\"127.0.0.1:1\"]}\n"),
                RecordEncoder.forName("json"), new SimpleMeterRegistry(), new ByteArrayOutputStream()));
        assertThat(sink.healthy()).isFalse();
        sink.close();
    }
}
