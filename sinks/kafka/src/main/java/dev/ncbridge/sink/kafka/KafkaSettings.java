package dev.ncbridge.sink.kafka;

import dev.ncbridge.config.DataSize;
import java.time.Duration;
import java.util.Map;

/**
 * The Kafka sink's keys as written in the configuration, with their defaults. Checks that need
 * more than a type (templates, acks, the pass-through properties) are made by
 * {@link KafkaOptions#from}, which can name the offending key.
 *
 * @param bootstrapServers {@code host:port[,host:port...]} of brokers to learn the cluster from
 * @param topic the topic, as a fixed name or a template of record fields
 * @param key the record key, as a template; the source address by default, so that one host's
 *            records land in one partition and stay in order
 * @param headers whether records carry {@code level}, {@code host} and {@code seq} headers
 * @param acks {@code all}, {@code 1} or {@code 0}
 * @param compression how the producer compresses its batches
 * @param linger how long the producer waits to fill a batch
 * @param batchSize the largest producer batch, per partition
 * @param bufferMemory memory the producer may hold records in while they wait to be sent
 * @param deliveryTimeout how long the producer keeps trying a record before the sink hands it back
 *                        to the runner's retry
 * @param properties any other producer property, passed through
 */
record KafkaSettings(String bootstrapServers, String topic, String key, Boolean headers, String acks,
                     Compression compression, Duration linger, DataSize batchSize, DataSize bufferMemory,
                     Duration deliveryTimeout, Map<String, String> properties) {
    KafkaSettings {
        key = key == null ? "{ip}" : key;
        headers = headers == null || headers;
        acks = acks == null ? "all" : acks;
        compression = compression == null ? Compression.ZSTD : compression;
        linger = linger == null ? Duration.ofMillis(5) : linger;
        batchSize = batchSize == null ? DataSize.parse("128KiB") : batchSize;
        bufferMemory = bufferMemory == null ? DataSize.parse("32MiB") : bufferMemory;
        deliveryTimeout = deliveryTimeout == null ? Duration.ofSeconds(30) : deliveryTimeout;
        properties = properties == null ? Map.of() : properties;
    }
}
