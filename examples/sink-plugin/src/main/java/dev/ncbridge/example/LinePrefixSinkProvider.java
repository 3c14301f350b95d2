package dev.ncbridge.example;

import dev.ncbridge.sink.Sink;
import dev.ncbridge.sink.SinkContext;
import dev.ncbridge.sink.SinkProvider;
import java.nio.file.Path;

/**
 * {@code type: example-prefix}: appends each record, encoded in the sink's format and preceded by
 * a fixed prefix, to a file. Small on purpose: it shows everything a plugin needs (a provider
 * listed in META-INF/services, settings bound strictly, a sink that settles batches) and nothing else.
 */
public final class LinePrefixSinkProvider implements SinkProvider {
    /** The plugin's own keys; any other key is an error at its line. */
    public record Settings(String path, String prefix) {
        public Settings {
            if (path == null || path.isBlank()) {
                throw new IllegalArgumentException("path is required");
            }
            prefix = prefix == null ? "" : prefix;
        }
    }

    @Override
    public String type() {
        return "example-prefix";
    }

    @Override
    public Class<? extends Record> settingsType() {
        return Settings.class;
    }

    @Override
    public Sink create(SinkContext context) {
        Settings settings = context.settings().bind(Settings.class);
        return new LinePrefixSink(Path.of(settings.path()), settings.prefix(), context.encoder());
    }
}
