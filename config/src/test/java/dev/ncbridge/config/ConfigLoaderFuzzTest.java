package dev.ncbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Arbitrary bytes as a configuration file: the loader either loads them or reports problems in a
 * {@link ConfigException}, each with its file and a message; anything else (another exception, a
 * stack overflow, a hang) is a bug. The unit test run replays the seeds; under {@code verify}
 * Jazzer fuzzes for {@code fuzz.duration} (docs/performance.md).
 */
class ConfigLoaderFuzzTest {
    private final ConfigLoader loader = new ConfigLoader(new Substitution(name -> "HOME".equals(name) ? "/root" : null));

    static Stream<byte[]> seeds() {
        return Stream.of(
                "",
                "listen: [\"0.0.0.0:6666\", \"[::]:6666\"]\n",
                """
                receive: {threads: 2, socket_buffer: 32MiB, ring_size: 4096, workers: 4, transport: nio}
                decoder: {fragment_timeout: 1.5s, continuation_timeout: 1m30s, max_message: 64KiB, max_sources: 10}
                sources: {allow: ["10.0.0.0/8", "::1"], reverse_dns: false, silent_after: 5m, forward_pings: true}
                http: {listen: "127.0.0.1:9666", enabled: true}
                plugins: {dir: plugins}
                shutdown: {drain_timeout: 30s}
                """,
                """
                sinks:
                  out: {type: stdout, format: text, queue_size: 100, overflow: drop_oldest}
                  files:
                    type: file
                    path: "/var/log/${HOME}/{host}.log"
                    batch: {max_records: 10, max_bytes: 1MiB, linger: 20ms}
                    retry: {initial_backoff: 100ms, max_backoff: 30s, max_attempts: 3}
                routes:
                  - match: {level: "<=err", message: "oops.*"}
                    to: [out]
                    continue: true
                  - to: [files]
                """,
                "receive:\n  threads: 2.5\n  workers: \"4\"\nhttp: {enabled: \"true\"}\ndecoder: {fragment_timeout: 0s}\n",
                "a: &x {b: *x}\n",
                "sinks: {\n").map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    @MethodSource("seeds")
    @FuzzTest
    void loadsOrReportsProblems(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            NcbridgeConfig config = loader.load("fuzz.yaml", text);
            assertThat(config.listen()).isNotEmpty();
        } catch (ConfigException e) {
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.origin()).isEqualTo("fuzz.yaml");
                assertThat(p.message()).isNotBlank();
            });
        }
    }
}
