package dev.ncbridge.sink.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.sink.SinkProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ProvidersTest {
    @Test
    void everySinkOfTheModuleIsFoundByTheServiceLoader() {
        assertThat(ServiceLoader.load(SinkProvider.class).stream().map(p -> p.get().type()))
                .contains("stdout", "file", "blackhole");
    }
}
