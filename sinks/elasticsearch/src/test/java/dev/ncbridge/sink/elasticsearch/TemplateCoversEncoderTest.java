package dev.ncbridge.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.indices.PutIndexTemplateRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import co.elastic.clients.elasticsearch.cluster.PutComponentTemplateRequest;
import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.Records;
import dev.ncbridge.sink.encode.JsonRecordEncoder;
import dev.ncbridge.sink.encode.RecordEncoder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The index template against what the json encoder really writes: every field path the encoder
 * emits has an explicit mapping of a type that fits its JSON value, and nothing in the template
 * is a field the encoder never writes; and how the templates are composed.
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
        Map<String, String> emitted = emittedFields();
        for (Map.Entry<String, String> field : emitted.entrySet()) {
            assertThat(mapped).as("mapping of %s", field.getKey()).containsKey(field.getKey());
            assertThat(TYPES_FOR_JSON.get(field.getValue())).as("type of %s (a JSON %s)", field.getKey(), field.getValue())
                    .contains(mapped.get(field.getKey()));
        }
        assertThat(emitted.keySet()).as("no mapping for a field the encoder never writes")
                .containsExactlyInAnyOrderElementsOf(mapped.keySet());
        assertThat(mapped).containsEntry("@timestamp", "date_nanos").containsEntry("event.sequence", "long")
                .containsEntry("host.name", "keyword").containsEntry("host.ip", "ip")
                .containsEntry("netconsole.userdata", "flattened");
    }

    /**
     * Every field path the json encoding writes, with its JSON type, over records of every shape:
     * a message with every field (and its original), a legacy line, every event type (an unexplained
     * reboot with its details), and crash records with and without their optional fields.
     */
    static Map<String, String> emittedFields() throws IOException {
        Map<String, String> emitted = new TreeMap<>();
        RecordEncoder json = new JsonRecordEncoder(true);
        Record legacy = Records.legacy().receivedAtNanos(Records.T0_NANOS).message("legacy line")
                .source(new InetSocketAddress("2001:db8::5", 6666)).kernelTsUs(5)
                .raw("[    0.000005] legacy line".getBytes(StandardCharsets.US_ASCII)).build();
        Record full = Records.fullTruncated("web-42", 1)
                .raw("3,1,22085407756,-;BUG\n".getBytes(StandardCharsets.US_ASCII))
                .build();
        Record reboot = Records.event(EventType.UNEXPLAINED_REBOOT).hostName("web-42")
                .put("last_message", "sysrq: Trigger a crash").put("last_seq", 512).put("last_kernel_ts_us", 6_117_580)
                .put("silence_ms", 41_000).put("last_crash_kind", "warning").put("last_crash_complete", true).build();
        Record loss = Records.lossOf("seq", 5, 7).message("3 messages lost from web-42").hostName("web-42").build();
        for (Record r : List.of(full, loss, Records.restart("web-42"), legacy, reboot,
                Records.crash(), Records.bareCrash())) {
            collect("", new ObjectMapper().readTree(json.encode(r)), emitted);
        }
        for (EventType type : EventType.values()) {
            collect("", new ObjectMapper().readTree(json.encode(Records.event(type).hostName("web-42").build())),
                    emitted);
        }
        return emitted;
    }

    @Test
    void aDataStreamsTemplateIsComposedOfMappingsLifecycleAndTheOperatorsCustomTemplate() {
        IndexTarget target = IndexTarget.dataStream("logs-nc-default");
        PutIndexTemplateRequest stream = TemplateInstaller.request(target);
        assertThat(stream.dataStream()).isNotNull();
        assertThat(stream.indexPatterns()).containsExactly("logs-nc-default");
        assertThat(stream.priority()).as("above the built-in logs-*-* template").isEqualTo(200L);
        assertThat(stream.composedOf()).containsExactly("ncbridge-logs-nc-default@mappings",
                "ncbridge-logs-nc-default@lifecycle", "ncbridge-logs-nc-default@custom");
        assertThat(stream.ignoreMissingComponentTemplates()).containsExactly("ncbridge-logs-nc-default@custom");

        List<PutComponentTemplateRequest> components = TemplateInstaller.components(target, Retention.parse("7d"));
        assertThat(components).extracting(PutComponentTemplateRequest::name)
                .containsExactly("ncbridge-logs-nc-default@mappings", "ncbridge-logs-nc-default@lifecycle");
        assertThat(MappingPaths.of(components.get(0).template().mappings()))
                .isEqualTo(MappingPaths.of(TemplateInstaller.mappings()));
        assertThat(components.get(1).template().lifecycle().dataRetention().time()).isEqualTo("7d");
        assertThat(TemplateInstaller.components(target, Retention.FOREVER).get(1).template().lifecycle()
                .dataRetention()).as("none: a lifecycle that deletes nothing").isNull();
    }

    @Test
    void indicesHaveNoDataStreamAndNoLifecycle() {
        IndexTarget target = IndexTarget.indexTemplate("nc-{host}");
        PutIndexTemplateRequest indices = TemplateInstaller.request(target);
        assertThat(indices.dataStream()).isNull();
        assertThat(indices.indexPatterns()).containsExactly("nc-*");
        assertThat(indices.name()).isEqualTo("ncbridge-nc");
        assertThat(indices.composedOf()).containsExactly("ncbridge-nc@mappings", "ncbridge-nc@custom");
        assertThat(TemplateInstaller.components(target, Retention.parse("30d"))).extracting(PutComponentTemplateRequest::name)
                .containsExactly("ncbridge-nc@mappings");
    }

    /** Leaf paths with their JSON type; userdata (a flattened field) counts as one object. */
    private static void collect(String prefix, JsonNode node, Map<String, String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix + e.getKey();
            // An array's elements share its mapping: every element counts (frames differ in what they have).
            for (JsonNode value : e.getValue().isArray() ? e.getValue() : List.of(e.getValue())) {
                if (path.equals("netconsole.userdata")) {
                    out.put(path, "object");
                } else if (value.isObject()) {
                    collect(path + ".", value, out);
                } else {
                    out.put(path, value.isNumber() ? "number" : value.isBoolean() ? "boolean" : "string");
                }
            }
        }
    }
}
