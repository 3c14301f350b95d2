package dev.ncbridge.sink.elasticsearch;

import dev.ncbridge.config.DataSize;
import java.time.Duration;
import java.util.List;

/**
 * The Elasticsearch sink's keys as written in the configuration, with their defaults. Checks that
 * need to name a key or weigh keys against each other are in {@link ElasticsearchOptions#from}.
 *
 * @param hosts the nodes to send to, as {@code https://es1:9200}
 * @param dataStream the data stream to index into; the default target when {@code index} is absent
 * @param index an index name template (docs/templates.md), instead of a data stream
 * @param apiKey an API key (the base64 {@code id:key} form Elasticsearch hands out)
 * @param username basic authentication user, with {@code password}
 * @param password basic authentication password
 * @param caFile a PEM file of the certificate authority that signed the servers' certificates
 * @param verify whether to check the servers' certificates and names
 * @param bulk how a runner batch is cut into bulk requests
 * @param manageTemplate absent: install the index template if absent; true: install or overwrite it; false: never
 * @param retention how long the data stream keeps documents, as {@code 30d}, or {@code none}
 * @param requestTimeout how long a request (connect, then each read) may take
 * @param healthCheckInterval how often the cluster health is checked for readiness
 */
record ElasticsearchSettings(List<String> hosts, String dataStream, String index, String apiKey, String username,
                             String password, String caFile, Boolean verify, Bulk bulk, Boolean manageTemplate,
                             String retention, Duration requestTimeout, Duration healthCheckInterval) {
    static final String DEFAULT_DATA_STREAM = "logs-netconsole-default";

    ElasticsearchSettings {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        verify = verify == null || verify;
        bulk = bulk == null ? new Bulk(null, null, null, null) : bulk;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
        healthCheckInterval = healthCheckInterval == null ? Duration.ofSeconds(10) : healthCheckInterval;
    }

    /**
     * @param maxActions documents per bulk request at most
     * @param maxBytes document bytes per bulk request at most (a larger single document goes alone)
     * @param concurrentRequests bulk requests of one batch in flight at once
     * @param flushInterval not a key of its own: the runner's {@code batch.linger} is the flush interval
     */
    record Bulk(Integer maxActions, DataSize maxBytes, Integer concurrentRequests, Duration flushInterval) {
        Bulk {
            maxActions = maxActions == null ? 1000 : maxActions;
            maxBytes = maxBytes == null ? DataSize.parse("5MiB") : maxBytes;
            concurrentRequests = concurrentRequests == null ? 2 : concurrentRequests;
            // Accepted only to say where the setting is: two knobs for one thing would disagree.
            if (flushInterval != null) {
                throw new IllegalArgumentException("flush_interval is the sink's batch.linger (the runner flushes"
                        + " batches); set batch.linger instead");
            }
            if (maxActions < 1) {
                throw new IllegalArgumentException("max_actions must be at least 1");
            }
            if (maxBytes.bytes() < 1) {
                throw new IllegalArgumentException("max_bytes must be at least 1 byte");
            }
            if (concurrentRequests < 1) {
                throw new IllegalArgumentException("concurrent_requests must be at least 1");
            }
        }
    }
}
