package dev.ncbridge.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.record.Field;
import dev.ncbridge.ingest.record.Fields;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The json encoding and the index template against the Elastic Common Schema's own field list
 * (test resource ecs/, of the version the encoding writes as {@code ecs.version}): every field
 * is an ECS field of the ECS type, or under {@code netconsole.}, which ECS leaves to us.
 */
class EcsFieldsTest {
    private static final String OURS = "netconsole.";
    /**
     * Where the template departs from the ECS type on purpose: nanosecond receive times, and a
     * message people also aggregate on (match_only_text has no keyword sub-field and scores nothing),
     * and a crash report's title and text as text: ECS's match_only_text and wildcard come from
     * modules (mapper-extras, X-Pack) that not every Elasticsearch distribution has (the test
     * cluster's has neither), and an index template naming a missing mapper is refused whole.
     */
    private static final Map<String, String> DELIBERATE = Map.of(
            "@timestamp", "date_nanos",
            "message", "text",
            "error.message", "text",
            "error.stack_trace", "text");

    /** ECS field name to type, from the shipped fields.csv. */
    private static Map<String, String> ecsFields() throws IOException {
        String resource = "/ecs/fields-" + Fields.ECS_VERSION + ".csv";
        try (InputStream in = EcsFieldsTest.class.getResourceAsStream(resource)) {
            assertThat(in).as("the ECS field list %s, of the version the encoder writes", resource).isNotNull();
            Map<String, String> fields = new HashMap<>();
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            lines.readLine(); // ECS_Version,Indexed,Field_Set,Field,Type,...
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                // The first five columns never hold commas or quotes; the description and example may.
                String[] columns = line.split(",", 6);
                if (columns.length == 6 && columns[0].equals(Fields.ECS_VERSION)) {
                    fields.put(columns[3], columns[4]);
                }
            }
            assertThat(fields).as("a whole ECS field list").hasSizeGreaterThan(1000);
            return fields;
        }
    }

    @Test
    void everyFieldTheEncoderWritesIsAnEcsFieldOrOurs() throws IOException {
        Map<String, String> ecs = ecsFields();
        Map<String, String> emitted = TemplateCoversEncoderTest.emittedFields();
        assertThat(emitted).containsKeys("ecs.version", "event.kind", "event.action", "event.sequence",
                "event.original", "host.os.kernel", "netconsole.event.missing", "netconsole.userdata");
        for (String path : emitted.keySet()) {
            assertThat(path.startsWith(OURS) || ecs.containsKey(path)).as("%s is an ECS %s field or under %s", path,
                    Fields.ECS_VERSION, OURS).isTrue();
        }
    }

    @Test
    void everyMappedFieldHasItsEcsType() throws IOException {
        Map<String, String> ecs = ecsFields();
        MappingPaths.of(TemplateInstaller.mappings()).forEach((path, type) -> {
            if (!path.startsWith(OURS)) {
                assertThat(ecs).as("%s is an ECS field", path).containsKey(path);
                assertThat(type).as("mapping type of %s", path).isEqualTo(DELIBERATE.getOrDefault(path, ecs.get(path)));
            }
        });
    }

    @Test
    void everyCatalogueFieldOutsideOurNamespaceIsInEcsWithItsType() throws IOException {
        Map<String, String> ecs = ecsFields();
        for (Field f : Fields.all()) {
            if (!f.path().startsWith(OURS)) {
                assertThat(ecs).as("%s is an ECS field", f).containsKey(f.path());
                assertThat(DELIBERATE.getOrDefault(f.path(), ecs.get(f.path())))
                        .as("ECS type of %s", f).isEqualTo(esType(f));
            }
        }
    }

    private static String esType(Field f) {
        return switch (f.type()) {
            case DATE -> "date_nanos";
            default -> f.type().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
