package dev.ncbridge.example;

import dev.ncbridge.config.ConfigException;
import dev.ncbridge.config.ConfigProblem;
import dev.ncbridge.sink.Sink;
import dev.ncbridge.sink.SinkContext;
import dev.ncbridge.sink.SinkProvider;
import dev.ncbridge.sink.template.Sanitizer;
import dev.ncbridge.sink.template.Template;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code type: example-prefix}: appends each record, encoded in the sink's format and preceded by
 * a prefix, to a file. The prefix is a template of the record's fields, as {@code "{host} {level}: "}
 * (docs/templates.md). Small on purpose: it shows everything a plugin needs (a provider listed in
 * META-INF/services, settings bound strictly, a template parsed with its errors at their line, a
 * sink that settles batches) and nothing else.
 */
public final class LinePrefixSinkProvider implements SinkProvider {
    /** The plugin's own keys; any other key is an error at its line. */
    public record Settings(String path, String prefix) {
        public Settings {
            if (path == null || path.isBlank()) {
                throw new IllegalArgumentException("path is required");
            }
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
        Template prefix = null;
        if (settings.prefix() != null) {
            List<ConfigProblem> problems = new ArrayList<>();
            // A line prefix may hold any text: no sanitizing. Date parts, if any, in UTC.
            prefix = Template.fromConfig(context.settings(), "prefix", settings.prefix(), Sanitizer.NONE,
                    ZoneOffset.UTC, problems);
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
        }
        return new LinePrefixSink(Path.of(settings.path()), prefix, context.encoder());
    }
}
