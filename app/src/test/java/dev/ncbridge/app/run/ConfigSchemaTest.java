package dev.ncbridge.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.ncbridge.app.testing.Repo;
import dev.ncbridge.config.ConfigSchema;
import dev.ncbridge.sink.RunnerSettings;
import dev.ncbridge.sink.SinkProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * docs/ncbridge.schema.json, the configuration's JSON Schema for editors, is generated here from
 * the settings records and every sink provider's {@link SinkProvider#settingsType()}; the test
 * fails when the published copy differs. Regenerate it with
 * {@code ./mvnw -B -q -pl app -am test -Dtest=ConfigSchemaTest -Dsurefire.failIfNoSpecifiedTests=false -Dncbridge.schema.update=true}.
 */
class ConfigSchemaTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Path PUBLISHED = Repo.file("docs/ncbridge.schema.json");

    private static final ObjectNode SCHEMA = ConfigSchema.document(sink(), route());
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void thePublishedSchemaIsTheOneTheCodeDescribes() throws IOException {
        String generated = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(SCHEMA) + "\n";
        if (Boolean.getBoolean("ncbridge.schema.update")) {
            Files.writeString(PUBLISHED, generated, StandardCharsets.UTF_8);
        }

        assertThat(Files.readString(PUBLISHED, StandardCharsets.UTF_8))
                .as("docs/ncbridge.schema.json is out of date; regenerate it as this test's comment says")
                .isEqualTo(generated);
    }

    @Test
    void theExampleConfigurationsPass() throws IOException {
        try (Stream<Path> files = Files.list(Repo.file("deploy/examples"))) {
            List<Path> examples = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertThat(examples).hasSizeGreaterThan(3);
            for (Path example : examples) {
                assertThat(problems(Files.readString(example, StandardCharsets.UTF_8))).as(example.toString()).isEmpty();
            }
        }
    }

    @Test
    void eachKeyIsCheckedForItsNameTypeAndForm() throws IOException {
        assertThat(problems("decoder: {fragment_timeout: 1m30s, legacy_flush: 1.5s, max_message: 64KiB}\n")).isEmpty();
        assertThat(problems("receive: {thread: 2}\n")).singleElement().asString().contains("thread");
        assertThat(problems("receive: {threads: 2.5}\n")).singleElement().asString().contains("threads");
        assertThat(problems("http: {enabled: \"true\"}\n")).singleElement().asString().contains("enabled");
        assertThat(problems("decoder: {fragment_timeout: 10}\n")).isNotEmpty();
        assertThat(problems("decoder: {fragment_timeout: soon}\n")).isNotEmpty();
        assertThat(problems("receive: {transport: rdma}\n")).isNotEmpty();
        // A sink's keys are those of its type, and the runner's.
        assertThat(problems("sinks: {out: {type: kafka, topic: t, bootstrap_servers: \"k:9092\", queue_size: 10}}\n")).isEmpty();
        assertThat(problems("sinks: {out: {type: kafka, topc: t}}\n")).isNotEmpty();
        assertThat(problems("sinks: {out: {type: file, path: /x, compress: rar}}\n")).isNotEmpty();
        // A plugin's type is not known to the schema: its keys pass.
        assertThat(problems("sinks: {out: {type: example-prefix, path: /x, prefix: \"> \"}}\n")).isEmpty();
    }

    private static List<String> problems(String yaml) throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(SCHEMA);
        return schema.validate(YAML.readTree(yaml)).stream().map(ValidationMessage::getMessage).toList();
    }

    /** A sink: a type, and for each type that declares its settings, the runner's keys and its own. */
    private static ObjectNode sink() {
        ObjectNode sink = NODES.objectNode().put("type", "object");
        sink.putArray("required").add("type");
        sink.putObject("properties").putObject("type").put("type", "string")
                .put("description", "stdout, file, kafka, elasticsearch, syslog, or a plugin's type");
        var byType = sink.putArray("allOf");
        // Only the providers that say what their keys are: test-only sinks on this class path do not.
        StreamSupport.stream(ServiceLoader.load(SinkProvider.class).spliterator(), false)
                .filter(p -> p.settingsType() != null)
                .sorted(Comparator.comparing(SinkProvider::type))
                .forEach(p -> {
                    ObjectNode keys = (ObjectNode) ConfigSchema.forType(RunnerSettings.class).get("properties");
                    if (p.ownsFormatKey()) {
                        keys.retain(RunnerSettings.KEYS_WITHOUT_FORMAT);
                    }
                    keys.setAll((ObjectNode) ConfigSchema.forType(p.settingsType()).get("properties"));
                    keys.putObject("type").put("const", p.type());
                    ObjectNode rule = byType.addObject();
                    ObjectNode condition = rule.putObject("if");
                    condition.putObject("properties").putObject("type").put("const", p.type());
                    condition.putArray("required").add("type");
                    rule.putObject("then").put("additionalProperties", false).set("properties", keys);
                });
        return sink;
    }

    /** A route: its matchers and targets are described in docs/routing.md. */
    private static ObjectNode route() {
        ObjectNode route = NODES.objectNode().put("type", "object")
                .put("description", "match, to and continue: see docs/routing.md");
        route.putArray("required").add("to");
        return route;
    }
}
