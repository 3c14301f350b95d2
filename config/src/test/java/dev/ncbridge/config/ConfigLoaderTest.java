package dev.ncbridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader(new Substitution(Map.of("SECRET", "s3cret")::get));

    private List<ConfigProblem> problems(String yaml) {
        try {
            loader.load("test.yaml", yaml);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected problems in:\n" + yaml);
    }

    @Test
    void anEmptyFileGivesTheDefaults() {
        NcbridgeConfig c = loader.load("empty.yaml", "");
        assertThat(c.listen()).containsExactly(new InetSocketAddress("0.0.0.0", 6666), new InetSocketAddress("::", 6666));
        assertThat(c.receive().ringSize()).isEqualTo(65536);
        assertThat(c.decoder().fragmentTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.http().listen()).isEqualTo("127.0.0.1:9666");
        assertThat(c.sinks()).isEmpty();
        assertThat(c.routes()).isEmpty();
    }

    @Test
    void valuesAreBoundWithUnits() {
        NcbridgeConfig c = loader.load("t.yaml", """
                listen: ["127.0.0.1:7000", "[::1]:7001"]
                receive: {threads: 2, socket_buffer: 4MiB, ring_size: 4096, workers: 3, transport: NIO}
                decoder: {fragment_timeout: 250ms, source_idle: 2h}
                """);
        assertThat(c.listen()).containsExactly(new InetSocketAddress("127.0.0.1", 7000), new InetSocketAddress("::1", 7001));
        assertThat(c.receive().socketBuffer().bytes()).isEqualTo(4 << 20);
        assertThat(c.receive().transport()).isEqualTo(ReceiveSettings.Transport.NIO);
        assertThat(c.decoder().fragmentTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.decoder().sourceIdle()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void unknownKeysNameThePathAndLine() {
        assertThat(problems("""
                listen: ["0.0.0.0:6666"]
                recieve: {threads: 2}
                decoder:
                  fragment_timeout: 5s
                  fragment_timout: 6s
                """)).extracting(ConfigProblem::toString).containsExactly(
                "test.yaml:2: recieve: unknown key \"recieve\" (did you mean \"receive\"?); known keys: decoder, http,"
                        + " listen, plugins, receive, routes, shutdown, sinks, sources",
                "test.yaml:5: decoder.fragment_timout: unknown key \"fragment_timout\" (did you mean \"fragment_timeout\"?);"
                        + " known keys: continuation_max_age, continuation_timeout, crash_grace, crash_silence,"
                        + " fragment_timeout, legacy_flush, max_assembly_memory, max_continuation_memory, max_crash_lines,"
                        + " max_crash_memory, max_crash_report, max_legacy_memory, max_message, max_seq_jump, "
                        + "max_sources, max_sources_per_address, source_burst, source_idle, source_rate");
    }

    @Test
    void badValuesSayWhatWasExpected() {
        List<ConfigProblem> p = problems("""
                receive:
                  transport: rdma
                decoder:
                  legacy_flush: 5 seconds
                http: {listen: "localhost:80"}
                listen: ["0.0.0.0:6666", "::1:6666"]
                """);
        assertThat(p).extracting(ConfigProblem::line).containsExactly(6, 2, 4, 5);
        assertThat(p.get(0).message()).contains("brackets");
        assertThat(p.get(1).message()).isEqualTo("\"rdma\" is not one of auto, epoll, nio");
        assertThat(p.get(3).path()).isEqualTo("http.listen");
        assertThat(p.get(2).message()).contains("not a duration");
        assertThat(p.get(3).message()).contains("IP literal");
    }

    @Test
    void allowListsAreAddressBlocks() {
        NcbridgeConfig c = loader.load("t.yaml", "sources: {allow: [\"10.0.0.0/8\", \"::1\"]}\n");
        assertThat(c.sources().allow()).extracting(Cidr::toString).containsExactly("10.0.0.0/8", "::1");
        assertThat(problems("sources:\n  allow:\n    - 10.0.0.0/8\n    - web-42\n")).singleElement()
                .satisfies(p -> assertThat(p.toString()).startsWith("test.yaml:4: sources.allow[1]: \"web-42\" is not"));
    }

    @Test
    void constraintsAreCheckedAtTheirKey() {
        assertThat(problems("receive:\n  ring_size: 1000\n")).singleElement()
                .satisfies(p -> {
                    assertThat(p.path()).isEqualTo("receive.ring_size");
                    assertThat(p.line()).isEqualTo(2);
                    assertThat(p.message()).isEqualTo("must be a power of two, at least 1024");
                });
    }

    @Test
    void duplicateKeysAndBrokenYamlAreErrors() {
        assertThat(problems("sinks:\n  out: {type: stdout}\n  out: {type: file}\n")).singleElement()
                .satisfies(p -> assertThat(p.toString()).isEqualTo("test.yaml:3: sinks.out: duplicate key (first at line 2)"));
        // The first stays, and the rest of the file is still checked.
        assertThat(problems("receive: {threads: 2}\nreceive:\n  threads: 0\ndecoder: {legacy_flush: 0s}\n"))
                .extracting(ConfigProblem::toString).containsExactly(
                        "test.yaml:2: receive: duplicate key (first at line 1)",
                        "test.yaml:4: decoder.legacy_flush: must be longer than 0s");
        assertThat(problems("listen: [\"0.0.0.0:6666\"\nsinks: {\n")).singleElement()
                .satisfies(p -> {
                    assertThat(p.message()).startsWith("not valid YAML");
                    assertThat(p.line()).isPositive();
                });
        assertThat(problems("- a\n- b\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("top level must be a mapping"));
    }

    @Test
    void sinksNeedATypeAndRoutesAList() {
        List<ConfigProblem> p = problems("""
                sinks:
                  out: {format: json}
                  bad: 3
                routes: {to: out}
                """);
        assertThat(p).extracting(ConfigProblem::path).containsExactly("sinks.out", "sinks.bad", "routes");
        assertThat(p.get(0).message()).contains("missing \"type\"");
    }

    @Test
    void sectionsKeepTheirLinesForLaterBinding() {
        NcbridgeConfig c = loader.load("t.yaml", """
                sinks:
                  out:
                    type: stdout
                    linger: forever
                routes:
                  - to: [out]
                """);
        record Out(String type, Duration linger) {
        }
        assertThatThrownBy(() -> c.sinks().get("out").bind(Out.class))
                .isInstanceOf(ConfigException.class)
                .hasMessage("t.yaml:4: sinks.out.linger: \"forever\" is not a duration: write a number and a unit"
                        + " (ms, s, m, h, d), as 500ms, 1.5s or 1m30s");
        assertThat(c.routes().get(0).problem("to", "no such sink").toString())
                .isEqualTo("t.yaml:6: routes[0].to: no such sink");
    }

    @Test
    void theApiTokenComesFromAFileAndNeverShows(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("token"), "0123456789abcdef0123456789abcdef\n");

        NcbridgeConfig c = loader.load("test.yaml", "http:\n  api_token: \"${file:" + secret + "}\"\n");

        assertThat(c.http().apiToken().secret()).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(c.http().toString()).doesNotContain("0123456789abcdef");
        assertThat(HttpSettings.defaults().apiToken()).isNull();
        assertThat(loader.load("test.yaml", "http: {api_token: \"${UNSET:-}\"}\n").http().apiToken())
                .as("empty: no token, the API answers loopback clients only").isNull();
    }

    @Test
    void aWeakApiTokenIsRefusedAtItsKeyWithoutShowingIt() {
        assertThat(problems("http:\n  listen: \"0.0.0.0:9666\"\n  api_token: short-secret\n")).singleElement()
                .hasToString("test.yaml:3: http.api_token: the token has 12 characters; use at least 16,"
                        + " as from \"openssl rand -hex 32\"");
        assertThat(problems("http:\n  api_token: \"0123456789abcdef 0123\"\n")).singleElement()
                .satisfies(p -> assertThat(p.toString()).startsWith("test.yaml:2: http.api_token: the token must be"
                        + " visible ASCII").doesNotContain("0123456789abcdef"));
    }

    @Test
    void environmentAndFileSubstitution(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("pw");
        Files.writeString(secret, "from-file\n");
        NcbridgeConfig c = loader.load("t.yaml", """
                sinks:
                  out: {type: stdout, a: "${SECRET}", b: "${MISSING:-fallback}", c: "${file:%s}", d: "$${SECRET}"}
                """.formatted(secret));
        var node = c.sinks().get("out").node();
        assertThat(node.get("a").asText()).isEqualTo("s3cret");
        assertThat(node.get("b").asText()).isEqualTo("fallback");
        assertThat(node.get("c").asText()).isEqualTo("from-file");
        assertThat(node.get("d").asText()).isEqualTo("${SECRET}");
    }

    @Test
    void missingVariablesAndFilesAreErrorsAtTheirKey() {
        List<ConfigProblem> p = problems("""
                sinks:
                  out:
                    type: stdout
                    password: "${NOPE}"
                    key: "${file:/nonexistent/key}"
                """);
        assertThat(p).extracting(ConfigProblem::line).containsExactly(4, 5);
        assertThat(p.get(0).message()).contains("NOPE is not set");
        assertThat(p.get(1).message()).contains("/nonexistent/key");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> loader.load(Path.of("/nonexistent/ncbridge.yaml")))
                .hasMessage("/nonexistent/ncbridge.yaml: no such file");
    }

    @Test
    void everyProblemOfEverySectionIsReportedAtItsFullKey() {
        assertThat(problems("""
                receive:
                  threads: 2.5
                  workers: 0
                  socket_buffer: 8GiB
                  transport: epol
                decoder:
                  fragment_timeout: 0s
                  max_sources: 99999999999
                http:
                  enabled: "true"
                  listen: "localhost:80"
                """)).extracting(ConfigProblem::toString).containsExactly(
                "test.yaml:2: receive.threads: expected a whole number, not 2.5",
                "test.yaml:5: receive.transport: \"epol\" is not one of auto, epoll, nio (did you mean \"epoll\"?)",
                "test.yaml:4: receive.socket_buffer: must be less than 2GiB",
                "test.yaml:3: receive.workers: must be from 1 to 256",
                "test.yaml:8: decoder.max_sources: expected a whole number from -2147483648 to 2147483647, not 99999999999",
                "test.yaml:7: decoder.fragment_timeout: must be longer than 0s",
                "test.yaml:10: http.enabled: expected true or false, not the text \"true\"",
                "test.yaml:11: http.listen: \"localhost:80\": the address must be an IP literal, not a name");
        assertThat(problems("decoder:\n  fragment_timeout: 0s\n  legacy_flush: 0ms\n"))
                .extracting(ConfigProblem::toString).containsExactly(
                        "test.yaml:2: decoder.fragment_timeout: must be longer than 0s",
                        "test.yaml:3: decoder.legacy_flush: must be longer than 0s");
    }

    /** Settings with a check of two keys together, nested settings and lists: what sinks bind. */
    record Window(Duration min, Duration max) {
        Window {
            min = min == null ? Duration.ofSeconds(1) : min;
            max = max == null ? Duration.ofSeconds(10) : max;
            if (min.compareTo(max) > 0) {
                throw new IllegalArgumentException("min must not be longer than max");
            }
        }
    }

    record Nested(List<Integer> ports, Map<String, String> properties, Window window, Boolean on) {
    }

    @Test
    void nestedSettingsListsAndMapsAreCheckedItemByItem() {
        NcbridgeConfig c = loader.load("t.yaml", """
                sinks:
                  good: {type: x, ports: [1, 2], properties: {acks: 1, linger.ms: "5"}, window: {min: 1.5s, max: 1m30s}}
                  bad:
                    type: x
                    ports: [1, "2", 3.0, ~]
                    properties: {a: true, b: [1]}
                    window: {min: 2m, max: 1m, maxx: 3m}
                    on: "yes"
                  cross:
                    type: x
                    window: {min: 5s, max: 3s}
                """);
        Nested good = c.sinks().get("good").without(java.util.Set.of("type")).bind(Nested.class);
        assertThat(good.ports()).containsExactly(1, 2);
        assertThat(good.properties()).containsEntry("acks", "1").containsEntry("linger.ms", "5");
        assertThat(good.window().max()).isEqualTo(Duration.ofSeconds(90));
        assertThat(good.window().min()).isEqualTo(Duration.ofMillis(1500));

        assertThatThrownBy(() -> c.sinks().get("bad").without(java.util.Set.of("type")).bind(Nested.class))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::toString).containsExactly(
                                "t.yaml:5: sinks.bad.ports[1]: expected a whole number from -2147483648 to 2147483647,"
                                        + " not the text \"2\"",
                                "t.yaml:5: sinks.bad.ports[2]: expected a whole number, not 3.0",
                                "t.yaml:5: sinks.bad.ports[3]: a value is missing here",
                                "t.yaml:6: sinks.bad.properties.a: expected text, not true",
                                "t.yaml:6: sinks.bad.properties.b: expected text, not a list",
                                "t.yaml:7: sinks.bad.window.maxx: unknown key \"maxx\" (did you mean \"max\"?);"
                                        + " known keys: max, min",
                                // Checked alone, with max at its default of 10s.
                                "t.yaml:7: sinks.bad.window.min: must not be longer than max",
                                "t.yaml:8: sinks.bad.on: expected true or false, not the text \"yes\""));
        // Each of min and max is fine alone: the check of both together is the section's.
        assertThatThrownBy(() -> c.sinks().get("cross").without(java.util.Set.of("type")).bind(Nested.class))
                .hasMessage("t.yaml:11: sinks.cross.window: min must not be longer than max");
    }

    @Test
    void aMissingSecretFileIsNamedInPlainWords() {
        assertThat(problems("sinks:\n  out: {type: stdout, key: \"${file:/nonexistent/key}\"}\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("cannot read ${file:/nonexistent/key}: no such file"));
    }
}
