package dev.ncbridge.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.indices.PutIndexTemplateRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.Records;
import dev.ncbridge.sink.encode.RecordEncoder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The index template against what the json encoder really writes: every field path the encoder
 * emits has an explicit mapping of a type that fits its JSON value, and nothing in the template
 * is a field the encoder never writes.
 */
class TemplateCoversEncoderTest {
    private static final Map<String, List<String>> TYPES_FOR_JSON = Map.of(
            "number", List.of("long"),
            "boolean", List.of("boolean"),
            "string", List.of("keyword", "text", "ip", "date_nanos"),
            "object", List.of("flattened"));

    @Test
    void everyEmittedFieldIsMappedWithAFittingTypeAndEveryMappedFieldIsEmitted() throws IOException {
        Map<String, String> mapped = MappingPaths.of(TemplateInstaller.mappings());
        Map<String, String> emitted = new TreeMap<>();
        RecordEncoder json = RecordEncoder.forName("json");
        Record legacy = Records.legacy().receivedAtNanos(Fixtures.T0_NANOS).message("legacy line")
                .source(new InetSocketAddress("2001:db8::5", 6666)).kernelTsUs(5L).build();
        for (Record r : List.of(Fixtures.full("web-42", 1).build(), Fixtures.loss("web-42"), Fixtures.reset("web-42"),
                legacy)) {
            collect("", new ObjectMapper().readTree(json.encode(r)), emitted);
        }
        for (Map.Entry<String, String> field : emitted.entrySet()) {
            assertThat(mapped).as("mapping of %s", field.getKey()).containsKey(field.getKey());
            assertThat(TYPES_FOR_JSON.get(field.getValue())).as("type of %s (a JSON %s)", field.getKey(), field.getValue())
                    .contains(mapped.get(field.getKey()));
        }
        assertThat(emitted.keySet()).as("no mapping for a field the encoder never writes")
                .containsExactlyInAnyOrderElementsOf(mapped.keySet());
        assertThat(mapped).containsEntry("@timestamp", "date_nanos").containsEntry("netconsole.seq", "long")
                .containsEntry("host.name", "keyword").containsEntry("userdata", "flattened");
    }

    @Test
    void theTemplateHasADataStreamOnlyForADataStream() {
        PutIndexTemplateRequest stream = TemplateInstaller.request(IndexTarget.dataStream("logs-nc-default"));
        assertThat(stream.dataStream()).isNotNull();
        assertThat(stream.indexPatterns()).containsExactly("logs-nc-default");
        assertThat(stream.priority()).as("above the built-in logs-*-* template").isEqualTo(200L);
        PutIndexTemplateRequest indices = TemplateInstaller.request(IndexTarget.indexTemplate("nc-{host}"));
        assertThat(indices.dataStream()).isNull();
        assertThat(indices.indexPatterns()).containsExactly("nc-*");
        assertThat(indices.name()).isEqualTo("ncbridge-nc");
    }

    /** Leaf paths with their JSON type; userdata (a flattened field) counts as one object. */
    private static void collect(String prefix, JsonNode node, Map<String, String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix + e.getKey();
            JsonNode value = e.getValue().isArray() ? e.getValue().get(0) : e.getValue();
            if (path.equals("userdata")) {
                out.put(path, "object");
            } else if (value.isObject()) {
                collect(path + ".", value, out);
            } else {
                out.put(path, value.isNumber() ? "number" : value.isBoolean() ? "boolean" : "string");
            }
        }
    }
}
