package dev.ncbridge.sink.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ncbridge.config.ConfigException;
import org.junit.jupiter.api.Test;

class KafkaOptionsTest {
    private static ConfigException rejected(String yaml) {
        return (ConfigException) assertThatThrownBy(() -> KafkaOptions.from(Fixtures.sinkSection(yaml), "k"))
                .isInstanceOf(ConfigException.class).actual();
    }

    @Test
    void safeDefaults() {
        KafkaOptions o = Fixtures.options("bootstrap_servers: \"k1:9092\", topic: netconsole");

        assertThat(o.topic().toString()).isEqualTo("netconsole");
        assertThat(o.key().toString()).isEqualTo("{ip}");
        assertThat(o.headers()).isTrue();
        assertThat(o.producer()).containsEntry("bootstrap.servers", "k1:9092")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("compression.type", "zstd")
                .containsEntry("linger.ms", "5")
                .containsEntry("batch.size", "131072")
                .containsEntry("buffer.memory", "33554432")
                .containsEntry("delivery.timeout.ms", "30000")
                .containsEntry("request.timeout.ms", "10000")
                .containsEntry("max.block.ms", "5000")
                .containsEntry("client.id", "ncbridge-k")
                .containsEntry("key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
    }

    @Test
    void readsEveryKeyAndPassesPropertiesThrough() {
        KafkaOptions o = KafkaOptions.from(Fixtures.sinkSection("sinks:\n  k:\n    type: kafka\n"
                + "    bootstrap_servers: \"k1:9092,k2:9092\"\n    topic: \"nc-{level}\"\n    key: \"{host}\"\n"
                + "    headers: false\n    acks: 1\n    compression: lz4\n    linger: 50ms\n    batch_size: 1MiB\n"
                + "    buffer_memory: 64MiB\n    delivery_timeout: 5s\n"
                + "    properties: {security.protocol: SSL, client.id: edge-7, max.request.size: 2097152}\n"), "k");

        assertThat(o.topic().toString()).isEqualTo("nc-{level}");
        assertThat(o.key().toString()).isEqualTo("{host}");
        assertThat(o.headers()).isFalse();
        assertThat(o.producer()).containsEntry("bootstrap.servers", "k1:9092,k2:9092")
                .containsEntry("acks", "1")
                .containsEntry("enable.idempotence", "false")
                .containsEntry("compression.type", "lz4")
                .containsEntry("linger.ms", "50")
                .containsEntry("batch.size", "1048576")
                .containsEntry("buffer.memory", "67108864")
                .containsEntry("delivery.timeout.ms", "5000")
                .containsEntry("request.timeout.ms", "4950")
                .containsEntry("security.protocol", "SSL")
                .containsEntry("client.id", "edge-7")
                .containsEntry("max.request.size", "2097152");
    }

    @Test
    void aMissingTopicAndServersAreReportedAtOnce() {
        ConfigException e = rejected("sinks:\n  k:\n    type: kafka\n");

        assertThat(e.problems()).extracting(p -> p.path()).containsExactlyInAnyOrder("sinks.k.bootstrap_servers",
                "sinks.k.topic");
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.message()).startsWith("required"));
    }

    @Test
    void anUnknownKeyIsNamedWithItsLine() {
        ConfigException e = rejected("sinks:\n  k:\n    type: kafka\n    bootstrap_servers: k:9092\n    topic: t\n"
                + "    compresion: lz4\n");

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("sinks.k.compresion");
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.message()).contains("unknown key \"compresion\"").contains("compression");
        });
    }

    @Test
    void badValuesAreReportedAtTheirKeys() {
        ConfigException e = rejected("sinks:\n  k:\n    type: kafka\n    bootstrap_servers: k:9092\n"
                + "    topic: \"net console\"\n    key: \"{hostname}\"\n    acks: 2\n    delivery_timeout: 500ms\n");

        assertThat(e.problems()).extracting(p -> p.path() + ": " + p.message()).containsExactlyInAnyOrder(
                "sinks.k.topic: \"net console\" is not a valid topic name: use only letters, digits, '.', '_' and '-'"
                        + " besides the {fields}",
                "sinks.k.key: unknown field {hostname}; known fields: {host}, {ip}, {level}, {facility}, {kind},"
                        + " {crash_time}, {yyyy}, {MM}, {dd}, {HH}",
                "sinks.k.acks: \"2\" is not one of all, 1, 0",
                "sinks.k.delivery_timeout: must be at least linger + 1s, to leave the producer time for one request");
    }

    @Test
    void anUnknownCompressionNamesTheChoices() {
        ConfigException e = rejected("sinks:\n  k: {type: kafka, bootstrap_servers: \"k:9092\", topic: t, compression: brotli}\n");

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("sinks.k.compression");
            assertThat(p.message()).isEqualTo("\"brotli\" is not one of zstd, lz4, snappy, gzip, none");
        });
    }

    @Test
    void propertiesMayNotRepeatTheSinksOwnKeysNorBreakItsSerializers() {
        ConfigException e = rejected("sinks:\n  k:\n    type: kafka\n    bootstrap_servers: k:9092\n    topic: t\n"
                + "    properties:\n      acks: \"1\"\n      value.serializer: x.Y\n      ssl.truststore.locaton: /x\n");

        assertThat(e.problems()).extracting(p -> p.message()).containsExactlyInAnyOrder(
                "\"acks\" is set with the sink's own key \"acks\"",
                "\"ssl.truststore.locaton\" is not a Kafka producer property",
                "\"value.serializer\" cannot be changed: the sink sends the bytes of its format, without transactions");
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.path()).isEqualTo("sinks.k.properties"));
    }

    @Test
    void kafkaChecksThePassedThroughValuesWithoutConnecting() {
        ConfigException e = rejected("sinks:\n  k:\n    type: kafka\n    bootstrap_servers: k:9092\n    topic: t\n"
                + "    properties: {max.request.size: lots}\n");

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("sinks.k.properties");
            assertThat(p.message()).contains("max.request.size").contains("lots");
        });
    }

    @Test
    void secretsComeFromTheEnvironment() {
        var section = new dev.ncbridge.config.ConfigLoader(new dev.ncbridge.config.Substitution(
                k -> k.equals("KAFKA_JAAS") ? "secret-jaas" : null)).load("t.yaml",
                "sinks:\n  k:\n    type: kafka\n    bootstrap_servers: k:9092\n    topic: t\n"
                        + "    properties: {sasl.jaas.config: \"${KAFKA_JAAS}\"}\n")
                .sinks().get("k").without(dev.ncbridge.sink.RunnerSettings.KEYS);

        assertThat(KafkaOptions.from(section, "k").producer()).containsEntry("sasl.jaas.config", "secret-jaas");
    }

    @Test
    void theAdminClientGetsTheConnectionAndSecurityPropertiesOnly() {
        KafkaOptions o = Fixtures.options("bootstrap_servers: \"k1:9092\", topic: t,"
                + " properties: {security.protocol: SASL_SSL, max.request.size: \"2048\"}");

        assertThat(KafkaSink.adminProperties(o.producer())).containsEntry("bootstrap.servers", "k1:9092")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("client.id", "ncbridge-k-admin")
                .doesNotContainKeys("max.request.size", "acks", "key.serializer", "compression.type");
    }
}
