package dev.ncbridge.sink.console;

import dev.ncbridge.sink.Sink;
import dev.ncbridge.sink.SinkContext;
import dev.ncbridge.sink.SinkProvider;

/** {@code type: stdout}: one encoded record per line on the process's standard output. */
public final class StdoutSinkProvider implements SinkProvider {
    @Override
    public String type() {
        return "stdout";
    }

    @Override
    public Class<? extends Record> settingsType() {
        return StdoutSettings.class;
    }

    @Override
    public Sink create(SinkContext context) {
        context.settings().bind(StdoutSettings.class);
        return new StdoutSink(context.encoder(), context.stdout());
    }
}
