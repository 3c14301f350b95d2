package dev.ncbridge.sink.elasticsearch;

import dev.ncbridge.sink.Sink;
import dev.ncbridge.sink.SinkContext;
import dev.ncbridge.sink.SinkProvider;

/** {@code type: elasticsearch}: records indexed into a data stream or dated indices with the bulk API. */
public final class ElasticsearchSinkProvider implements SinkProvider {
    @Override
    public String type() {
        return "elasticsearch";
    }

    /** Checks the settings; opens no connection (that is {@link Sink#start()}'s job). */
    @Override
    public Class<? extends Record> settingsType() {
        return ElasticsearchSettings.class;
    }

    @Override
    public Sink create(SinkContext context) {
        return new ElasticsearchSink(context.name(), ElasticsearchOptions.from(context.settings(), context.encoder()),
                context.encoder(), context.registry());
    }
}
