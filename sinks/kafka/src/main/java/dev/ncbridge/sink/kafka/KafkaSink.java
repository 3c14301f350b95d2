package dev.ncbridge.sink.kafka;

import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.sink.BatchResult;
import dev.ncbridge.sink.PeriodicHealthCheck;
import dev.ncbridge.sink.Sink;
import dev.ncbridge.sink.encode.RecordEncoder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * Produces each record to Kafka: the topic and key from their templates, the value in the sink's
 * format, the receive time as the Kafka timestamp, and (unless turned off) level, host and seq
 * headers. A batch settles when every record's send has been acknowledged or has failed; failures
 * go back to the runner as retries or rejections ({@link SendOutcome}).
 *
 * <p>{@code send()} runs on the runner's thread and can block it for up to
 * {@link KafkaOptions#MAX_BLOCK} while metadata is missing (the cluster is away). When that
 * happens the rest of the batch is handed back for retry without trying, so a batch costs at most
 * one such wait and the runner's backoff paces the attempts.
 */
final class KafkaSink implements Sink {
    /** How long start() waits for the cluster to describe the topic; and the health probe's period. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);
    /** How long close() lets the producer deliver what it holds. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final KafkaOptions options;
    private final RecordEncoder encoder;
    private final MeterRegistry registry;
    private final FailureLog failures;
    private Producer<byte[], byte[]> producer;
    private Admin admin;
    private volatile PeriodicHealthCheck probe;
    private KafkaClientMetrics producerMetrics;

    KafkaSink(String name, KafkaOptions options, RecordEncoder encoder, MeterRegistry registry) {
        this.name = name;
        this.options = options;
        this.encoder = encoder;
        this.registry = registry;
        this.failures = new FailureLog(name);
    }

    @Override
    public void start() throws Exception {
        admin = Admin.create(adminProperties(options.producer()));
        boolean exists = options.topic().isConstant()
                && TopicCheck.check(admin, name, options.topic().toString(), CHECK_TIMEOUT);
        producer = new KafkaProducer<>(options.producer());
        if (exists) {
            // Fetch the topic's partitions now rather than on the first record, which would otherwise
            // wait for them (the first batch's latency); the cluster just answered, so this is quick.
            try {
                producer.partitionsFor(options.topic().toString());
            } catch (KafkaException e) {
                // Only a head start: the first send fetches them otherwise.
            }
        }
        producerMetrics = new KafkaClientMetrics(producer, Tags.of("sink", name));
        producerMetrics.bindTo(registry);
        probe = ClusterProbe.check(admin, name, CHECK_TIMEOUT);
        probe.start(CHECK_TIMEOUT);
    }

    /** The connection and security properties of the producer's, for the admin client. */
    static Map<String, Object> adminProperties(Map<String, Object> producer) {
        Map<String, Object> admin = new HashMap<>();
        for (Map.Entry<String, Object> e : producer.entrySet()) {
            if (AdminClientConfig.configNames().contains(e.getKey())) {
                admin.put(e.getKey(), e.getValue());
            }
        }
        admin.put(AdminClientConfig.CLIENT_ID_CONFIG, producer.get(AdminClientConfig.CLIENT_ID_CONFIG) + "-admin");
        return admin;
    }

    @Override
    public CompletionStage<BatchResult> write(List<Record> batch) {
        BatchCompletion completion = new BatchCompletion(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            ProducerRecord<byte[], byte[]> record = toProducerRecord(batch.get(i));
            int index = i;
            Future<RecordMetadata> sent;
            try {
                sent = producer.send(record, (metadata, error) -> {
                    if (error == null) {
                        completion.delivered(index);
                    } else {
                        SendOutcome outcome = SendOutcome.of(error);
                        failures.failed(record.topic(), outcome, error);
                        completion.failed(index, outcome);
                    }
                });
            } catch (RuntimeException e) {
                // Not a Kafka verdict on the record (the producer is closing, the thread was interrupted):
                // this one and the rest of the batch go back to the runner.
                failures.failed(record.topic(), SendOutcome.SEND_FAILED, e);
                retryFrom(completion, i, batch.size(), SendOutcome.SEND_FAILED);
                break;
            }
            SendOutcome early = failedAlready(sent);
            if (early != null && early.retry()) {
                retryFrom(completion, i + 1, batch.size(), early);
                break;
            }
        }
        return completion.result();
    }

    private ProducerRecord<byte[], byte[]> toProducerRecord(Record r) {
        long receivedMillis = r.receivedAtNanos() / 1_000_000L;
        return new ProducerRecord<>(options.topic().render(r), null, receivedMillis > 0 ? receivedMillis : null,
                options.key().render(r).getBytes(StandardCharsets.UTF_8), encoder.encode(r),
                options.headers() ? RecordHeaderSet.of(r) : null);
    }

    /** How a send that failed before returning (no metadata in time, too large) failed; null if it is under way. */
    private static SendOutcome failedAlready(Future<RecordMetadata> sent) {
        if (!sent.isDone()) {
            return null;
        }
        try {
            sent.get();
            return null;
        } catch (ExecutionException e) {
            return SendOutcome.of(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendOutcome.SEND_FAILED;
        }
    }

    private static void retryFrom(BatchCompletion completion, int from, int size, SendOutcome outcome) {
        for (int j = from; j < size; j++) {
            completion.failed(j, outcome);
        }
    }

    /** False until start, and while the cluster does not answer the periodic probe. */
    @Override
    public Set<String> retryReasons() {
        return SendOutcome.reasons(true);
    }

    @Override
    public Set<String> rejectReasons() {
        return SendOutcome.reasons(false);
    }

    @Override
    public boolean healthy() {
        return probe != null && probe.healthy();
    }

    @Override
    public void close() {
        if (probe != null) {
            probe.close();
        }
        if (producer != null) {
            producer.close(CLOSE_TIMEOUT);
        }
        if (producerMetrics != null) {
            producerMetrics.close();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}
