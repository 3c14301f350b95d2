package dev.ncbridge.sink.elasticsearch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The sink's own meters, besides the runner's {@code ncbridge.sink.*}. */
final class ElasticsearchMeters {
    /** Bulk requests whose every document was indexed. */
    final Counter bulkOk;
    /** Bulk requests answered with some documents not indexed. */
    final Counter bulkPartial;
    /** Bulk requests that failed as a whole (no answer, or an HTTP error). */
    final Counter bulkFailed;
    /** Document bytes sent in bulk requests, retries included. */
    final Counter bytesSent;

    ElasticsearchMeters(MeterRegistry registry, String sink) {
        bulkOk = requests(registry, sink, "ok");
        bulkPartial = requests(registry, sink, "partial");
        bulkFailed = requests(registry, sink, "failed");
        // No base unit: Prometheus would append it, making ncbridge_elasticsearch_bytes_sent_bytes_total.
        bytesSent = Counter.builder("ncbridge.elasticsearch.bytes.sent").tag("sink", sink)
                .description("Document bytes sent in bulk requests, retries included").register(registry);
    }

    private static Counter requests(MeterRegistry registry, String sink, String result) {
        return Counter.builder("ncbridge.elasticsearch.bulk.requests").tag("sink", sink).tag("result", result)
                .description("Bulk requests, by result").register(registry);
    }
}
