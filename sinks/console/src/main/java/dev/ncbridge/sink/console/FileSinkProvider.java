package dev.ncbridge.sink.console;

import dev.ncbridge.sink.Sink;
import dev.ncbridge.sink.SinkContext;
import dev.ncbridge.sink.SinkProvider;
import java.time.Clock;

/** {@code type: file}: one file per host (or per any template of host, address and date), rotated. */
public final class FileSinkProvider implements SinkProvider {
    private final Clock clock;

    public FileSinkProvider() {
        this(Clock.systemUTC());
    }

    /** With the clock that rotate_interval is measured by, for tests. */
    FileSinkProvider(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String type() {
        return "file";
    }

    @Override
    public Class<? extends Record> settingsType() {
        return FileSettings.class;
    }

    @Override
    public Sink create(SinkContext context) {
        return new FileSink(context.name(), FileOptions.from(context.settings()), context.encoder(),
                context.registry(), clock);
    }
}
