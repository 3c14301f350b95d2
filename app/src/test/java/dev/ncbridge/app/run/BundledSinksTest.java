package dev.ncbridge.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ncbridge.config.ConfigException;
import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.config.NcbridgeConfig;
import dev.ncbridge.config.Substitution;
import dev.ncbridge.sink.RejectHandler;
import dev.ncbridge.sink.SinkProvider;
import dev.ncbridge.sink.SinkRunner;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sink shipped as a jar of its own (lib/sinks/&lt;type&gt;.jar), loaded the first time a
 * configuration names its type. The example plugin stands in for Kafka's and Elasticsearch's
 * sinks: it is not on the tests' class path, as those are not on ncbridge.jar's.
 */
class BundledSinksTest {
    private static final Path EXAMPLE = Path.of(System.getProperty("ncbridge.example.plugin.jar"));

    @TempDir
    Path dir;
    Path sinks;

    @BeforeEach
    void folder() throws Exception {
        sinks = Files.createDirectories(dir.resolve("sinks"));
    }

    @Test
    void aTypeIsLoadedFromItsJarInALoaderOfItsOwnOnceForTheProcess() throws Exception {
        Files.copy(EXAMPLE, sinks.resolve("example-prefix.jar"));
        BundledSinks bundled = new BundledSinks(sinks, getClass().getClassLoader());

        assertThat(bundled.types()).containsExactly("example-prefix");
        SinkProvider provider = bundled.provider("example-prefix");

        assertThat(provider.type()).isEqualTo("example-prefix");
        assertThat(provider.getClass().getClassLoader()).isNotSameAs(getClass().getClassLoader());
        assertThat(provider.getClass().getClassLoader().getParent()).isSameAs(getClass().getClassLoader());
        assertThat(bundled.provider("example-prefix")).as("the same loader for every later check").isSameAs(provider);
    }

    @Test
    void onlyATypeWithAJarIsLookedFor() throws Exception {
        Files.copy(EXAMPLE, sinks.resolve("example-prefix.jar"));
        BundledSinks bundled = new BundledSinks(sinks, getClass().getClassLoader());

        assertThat(bundled.provider("kafka")).isNull();
        assertThat(bundled.provider("../sinks/example-prefix")).as("a path is not a type").isNull();
        assertThat(new BundledSinks(dir.resolve("none"), getClass().getClassLoader()).types()).isEmpty();
    }

    @Test
    void aJarWithoutItsTypeIsAClearError() throws Exception {
        Path jar = Files.copy(EXAMPLE, sinks.resolve("prefix.jar"));
        BundledSinks bundled = new BundledSinks(sinks, getClass().getClassLoader());

        assertThatThrownBy(() -> bundled.provider("prefix")).isInstanceOf(IllegalStateException.class)
                .hasMessage(jar + " holds no sink of type \"prefix\"");
    }

    @Test
    void theSinkFactoryBuildsABundledSinkAndNamesBundledTypesAsAvailable() throws Exception {
        Files.copy(EXAMPLE, sinks.resolve("example-prefix.jar"));
        SinkFactory factory = new SinkFactory(getClass().getClassLoader(),
                new BundledSinks(sinks, getClass().getClassLoader()));

        Map<String, SinkRunner> runners = factory.build(sinksOf("""
                sinks:
                  mine: {type: example-prefix, path: "%s", prefix: "> ", format: text}
                """.formatted(dir.resolve("out.txt"))), new SimpleMeterRegistry(), OutputStream.nullOutputStream(),
                RejectHandler.NONE);
        assertThat(runners).containsOnlyKeys("mine");

        assertThatThrownBy(() -> factory.build(sinksOf("sinks: {mine: {type: example-prefx}}\n"),
                new SimpleMeterRegistry(), OutputStream.nullOutputStream(), RejectHandler.NONE))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown sink type \"example-prefx\" (did you mean \"example-prefix\"?)")
                .hasMessageContaining("; available: blackhole, elasticsearch, example-prefix, file, ");
    }

    /** A sink is made with its own class loader as the context one (Kafka's client looks classes up through it). */
    @Test
    void aSinkIsMadeWithItsOwnClassLoaderAsTheContextOne() throws Exception {
        SinkFactory factory = new SinkFactory(getClass().getClassLoader(),
                new BundledSinks(sinks, getClass().getClassLoader()));
        ContextLoaderProbeProvider.atCreate = null;
        Thread caller = Thread.currentThread();
        ClassLoader before = caller.getContextClassLoader();
        try (URLClassLoader callers = new URLClassLoader(new URL[0], null)) {
            caller.setContextClassLoader(callers);
            try {
                factory.build(sinksOf("sinks: {mine: {type: test-context-loader}}\n"), new SimpleMeterRegistry(),
                        OutputStream.nullOutputStream(), RejectHandler.NONE);
                assertThat(caller.getContextClassLoader()).as("the caller's, put back").isSameAs(callers);
            } finally {
                caller.setContextClassLoader(before);
            }
        }

        assertThat(ContextLoaderProbeProvider.atCreate).isSameAs(ContextLoaderProbeProvider.class.getClassLoader());
    }

    private static Map<String, ConfigSection> sinksOf(String yaml) {
        NcbridgeConfig config = new ConfigLoader(new Substitution(k -> null)).load("test", yaml
                + "routes: [{to: [mine]}]\n");
        return config.sinks();
    }
}
