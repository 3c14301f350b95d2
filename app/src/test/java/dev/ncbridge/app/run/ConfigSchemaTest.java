package dev.ncbridge.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ncbridge.app.deploy.Repo;
import dev.ncbridge.config.ConfigSchema;
import dev.ncbridge.sink.RunnerSettings;
import dev.ncbridge.sink.SinkProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.ServiceLoader;
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

    @Test
    void thePublishedSchemaIsTheOneTheCodeDescribes() throws IOException {
        String generated = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(ConfigSchema.document(sink(), route())) + "\n";
        if (Boolean.getBoolean("ncbridge.schema.update")) {
            Files.writeString(PUBLISHED, generated, StandardCharsets.UTF_8);
        }

        assertThat(Files.readString(PUBLISHED, StandardCharsets.UTF_8))
                .as("docs/ncbridge.schema.json is out of date; regenerate it as this test's comment says")
                .isEqualTo(generated);
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
                        keys.remove("format");
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
