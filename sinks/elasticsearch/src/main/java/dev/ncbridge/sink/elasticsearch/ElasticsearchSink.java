package dev.ncbridge.sink.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.sink.BatchResult;
import dev.ncbridge.sink.PeriodicHealthCheck;
import dev.ncbridge.sink.Sink;
import dev.ncbridge.sink.encode.RecordEncoder;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes records into Elasticsearch with the bulk API: each runner batch becomes one or more
 * bulk requests, sent with the async client so the runner's thread only encodes, and the batch
 * settles when every document has its verdict (indexed, retry, or rejected for good).
 *
 * <p>Why not the client's {@code BulkIngester}: it buffers and flushes on its own schedule and
 * reports per request through a listener, which would duplicate the runner's batching and make
 * "this batch is settled" a bookkeeping problem. The runner already batches by count, bytes and
 * linger, so a batch maps onto bulk requests directly, and their per-item answers onto the
 * {@link BatchResult}.
 */
final class ElasticsearchSink implements Sink {
    private static final Logger log = LoggerFactory.getLogger(ElasticsearchSink.class);
    private static final long WARNING_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final String name;
    private final ElasticsearchOptions options;
    private final RecordEncoder encoder;
    private final ElasticsearchMeters meters;
    private ElasticsearchAsyncClient client;
    private TemplateInstaller template;
    private BulkWriter writer;
    private PeriodicHealthCheck health;

    ElasticsearchSink(String name, ElasticsearchOptions options, RecordEncoder encoder, MeterRegistry registry) {
        this.name = name;
        this.options = options;
        this.encoder = encoder;
        this.meters = new ElasticsearchMeters(registry, name);
    }

    /**
     * Opens the client and installs the index template. A cluster that does not answer yet is not
     * fatal (the template is installed before the first write instead, and readiness says so);
     * a cluster that answers with an error (authentication, a refused template) is.
     */
    @Override
    public void start() throws Exception {
        client = ClientFactory.open(options);
        template = new TemplateInstaller(client, options.target(), options.retention(), options.templateMode());
        writer = new BulkWriter(client, options.bulk(), meters, new Warnings(log, WARNING_INTERVAL_NANOS));
        health = ClusterHealth.check(client, options.requestTimeout(), name);
        try {
            template.ensure().get(options.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (Verdict.ofRequestFailure(e) != Verdict.UNREACHABLE) {
                close();
                throw new IOException("sink " + name + ": cannot install the index template "
                        + options.target().templateName() + " on " + options.hosts() + ": " + rootCause(e), e);
            }
            log.warn("sink {}: Elasticsearch at {} does not answer ({}); the index template will be installed"
                    + " before the first write", name, options.hosts(), rootCause(e).toString());
        } catch (TimeoutException e) {
            log.warn("sink {}: Elasticsearch at {} did not answer in time; the index template will be installed"
                    + " before the first write", name, options.hosts());
        }
        health.start(options.healthCheckInterval());
    }

    @Override
    public CompletionStage<BatchResult> write(List<Record> batch) {
        // Encoded here, on the runner's thread: the client's I/O threads only send and receive.
        byte[][] docs = new byte[batch.size()][];
        String[] indexes = new String[batch.size()];
        for (int i = 0; i < docs.length; i++) {
            Record record = batch.get(i);
            docs[i] = encoder.encode(record);
            indexes[i] = options.target().indexFor(record);
        }
        return template.ensure().thenCompose(installed -> writer.write(docs, indexes));
    }

    @Override
    public Set<String> retryReasons() {
        return Verdict.reasons(true);
    }

    @Override
    public Set<String> rejectReasons() {
        return Verdict.reasons(false);
    }

    @Override
    public boolean healthy() {
        return health != null && health.healthy();
    }

    @Override
    public void close() throws IOException {
        if (health != null) {
            health.close();
        }
        if (client != null) {
            client._transport().close();
        }
    }

    private static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
