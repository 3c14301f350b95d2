package dev.ncbridge.sink.kafka;

import dev.ncbridge.config.ConfigException;
import dev.ncbridge.config.ConfigProblem;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.sink.template.Sanitizer;
import dev.ncbridge.sink.template.Template;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka sink's settings, checked, and the producer configuration they make.
 *
 * @param topic where each record goes, a template ({@code docs/templates.md})
 * @param key each record's key, a template
 * @param headers whether records carry level, host and seq headers
 * @param producer the producer's properties: the sink's keys, its safe defaults, then {@code properties}
 */
record KafkaOptions(Template topic, Template key, boolean headers, Map<String, Object> producer) {
    /**
     * How long {@code send()} may block the runner's thread waiting for metadata or buffer room.
     * Kafka's 60 s default would stall the sink for a minute per record while the cluster is away.
     */
    static final Duration MAX_BLOCK = Duration.ofSeconds(5);
    /** The producer's own per-request timeout, kept well below the delivery timeout so it retries within it. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** Producer properties that the sink's own keys set; {@code properties} may not set them again. */
    private static final Map<String, String> OWN_KEYS = Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "bootstrap_servers",
            ProducerConfig.ACKS_CONFIG, "acks",
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "compression",
            ProducerConfig.LINGER_MS_CONFIG, "linger",
            ProducerConfig.BATCH_SIZE_CONFIG, "batch_size",
            ProducerConfig.BUFFER_MEMORY_CONFIG, "buffer_memory",
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "delivery_timeout");
    /** Producer properties the sink depends on: it sends bytes it encoded itself, without transactions. */
    private static final Set<String> FIXED = Set.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    private static final Set<String> ACKS = Set.of("all", "-1", "1", "0");

    /**
     * Binds and checks a Kafka sink's section; every problem found is reported at its key's line,
     * all at once. Opens no connection.
     */
    static KafkaOptions from(ConfigSection section, String sinkName) {
        KafkaSettings s = section.bind(KafkaSettings.class);
        List<ConfigProblem> problems = new ArrayList<>();
        if (s.bootstrapServers() == null || s.bootstrapServers().isBlank()) {
            problems.add(section.problem("bootstrap_servers", "required: the brokers to connect to first, as"
                    + " \"k1:9092,k2:9092\""));
        }
        Template topic = null;
        if (s.topic() == null) {
            problems.add(section.problem("topic", "required: the topic to write to, as netconsole or netconsole-{host}"));
        } else {
            topic = Template.fromConfig(section, "topic", s.topic(), new TopicSanitizer(), ZoneOffset.UTC, problems);
        }
        Template key = Template.fromConfig(section, "key", s.key(), Sanitizer.NONE, ZoneOffset.UTC, problems);
        if (!ACKS.contains(s.acks())) {
            problems.add(section.problem("acks", "\"" + s.acks() + "\" is not one of all, 1, 0"));
        }
        checkSizes(section, s, problems);
        checkProperties(section, s.properties(), problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        Map<String, Object> producer = producerProperties(s, sinkName);
        try {
            // Kafka's own checks of types and ranges, without a producer and without I/O.
            ProducerConfig.configDef().parse(producer);
        } catch (org.apache.kafka.common.config.ConfigException e) {
            throw new ConfigException(section.problem("properties", e.getMessage()));
        }
        return new KafkaOptions(topic, key, s.headers(), Map.copyOf(producer));
    }

    private static void checkSizes(ConfigSection section, KafkaSettings s, List<ConfigProblem> problems) {
        if (s.linger().isNegative()) {
            problems.add(section.problem("linger", "must be 0 or more"));
        }
        if (s.batchSize().bytes() > Integer.MAX_VALUE) {
            problems.add(section.problem("batch_size", "must be below 2GiB"));
        }
        if (s.bufferMemory().bytes() < s.batchSize().bytes()) {
            problems.add(section.problem("buffer_memory", "must hold at least one batch (batch_size "
                    + s.batchSize().bytes() + " bytes)"));
        }
        if (s.deliveryTimeout().compareTo(s.linger().plusSeconds(1)) < 0) {
            problems.add(section.problem("delivery_timeout", "must be at least linger + 1s, to leave the producer"
                    + " time for one request"));
        }
    }

    private static void checkProperties(ConfigSection section, Map<String, String> properties,
                                        List<ConfigProblem> problems) {
        Set<String> known = ProducerConfig.configNames();
        for (String name : new TreeMap<>(properties).keySet()) {
            if (OWN_KEYS.containsKey(name)) {
                problems.add(section.problem("properties", "\"" + name + "\" is set with the sink's own key \""
                        + OWN_KEYS.get(name) + "\""));
            } else if (FIXED.contains(name)) {
                problems.add(section.problem("properties", "\"" + name + "\" cannot be changed: the sink sends the"
                        + " bytes of its format, without transactions"));
            } else if (!known.contains(name)) {
                problems.add(section.problem("properties", "\"" + name + "\" is not a Kafka producer property"));
            }
        }
    }

    private static Map<String, Object> producerProperties(KafkaSettings s, String sinkName) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, s.acks());
        // Idempotence keeps the producer's own retries from duplicating or reordering records; Kafka
        // allows it only with acks=all.
        boolean all = s.acks().equals("all") || s.acks().equals("-1");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, Boolean.toString(all));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, s.compression().producerValue());
        p.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(s.linger().toMillis()));
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Long.toString(s.batchSize().bytes()));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(s.bufferMemory().bytes()));
        long delivery = s.deliveryTimeout().toMillis();
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(delivery));
        // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
        long request = Math.min(REQUEST_TIMEOUT.toMillis(), delivery - s.linger().toMillis());
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(request));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(MAX_BLOCK.toMillis()));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "ncbridge-" + sinkName);
        p.putAll(s.properties());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }
}
