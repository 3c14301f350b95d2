package dev.ncbridge.sink.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.sink.Sink;
import dev.ncbridge.sink.SinkProvider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ProvidersTest {
    @Test
    void theKafkaSinkIsFoundByTheServiceLoader() {
        assertThat(ServiceLoader.load(SinkProvider.class).stream().map(p -> p.get().type())).contains("kafka");
    }

    @Test
    void creatingASinkOpensNoConnectionAndItIsNotHealthyBeforeStart() throws Exception {
        // Nothing listens on port 1: a connection attempt at create() would fail or hang.
        Sink sink = Fixtures.sink("bootstrap_servers: \"127.0.0.1:1\", topic: nc", "json", new SimpleMeterRegistry());

        assertThat(sink.healthy()).isFalse();
        sink.close();
    }
}
