package dev.ncbridge.sink.kafka;

import dev.ncbridge.sink.Sink;
import dev.ncbridge.sink.SinkContext;
import dev.ncbridge.sink.SinkProvider;

/** {@code type: kafka}: records produced to a Kafka topic, keyed by host. */
public final class KafkaSinkProvider implements SinkProvider {
    @Override
    public String type() {
        return "kafka";
    }

    @Override
    public Class<? extends Record> settingsType() {
        return KafkaSettings.class;
    }

    @Override
    public Sink create(SinkContext context) {
        return new KafkaSink(context.name(), KafkaOptions.from(context.settings(), context.name()), context.encoder(),
                context.registry());
    }
}
