package dev.ncbridge.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The line is what logback's pattern layout writes for the pattern ncbridge logged with before. */
class LogLineTest {
    private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n";

    private final LoggerContext context = new LoggerContext();
    private final LogLine line = new LogLine();
    private final PatternLayout pattern = new PatternLayout();

    @BeforeEach
    void start() {
        line.setContext(context);
        line.start();
        pattern.setContext(context);
        pattern.setPattern(PATTERN);
        pattern.start();
    }

    private LoggingEvent event(String logger, Level level, String message, Throwable thrown, Object... args) {
        Logger log = context.getLogger(logger);
        LoggingEvent event = new LoggingEvent(Logger.FQCN, log, level, message, thrown, args);
        event.setThreadName("sink-kafka");
        return event;
    }

    @Test
    void writesWhatThePatternWrote() {
        for (LoggingEvent event : List.of(
                event("dev.ncbridge.app.run.Bridge", Level.INFO, "listening on udp {}", null, "0.0.0.0:6666"),
                event("dev.ncbridge.sink.elasticsearch.ElasticsearchSink", Level.WARN, "short", null),
                event("org.apache.kafka.clients.producer.internals.Sender", Level.ERROR, "x", null),
                event("root", Level.DEBUG, "", null))) {
            assertThat(line.doLayout(event)).isEqualTo(pattern.doLayout(event));
        }
    }

    @Test
    void writesTheStackTraceWithItsCausesAsThePatternDid() {
        Exception thrown = new IllegalStateException("cannot start",
                new UncheckedIOException("disk", new IOException("no space left")));
        thrown.addSuppressed(new RuntimeException("closing"));
        LoggingEvent event = event("dev.ncbridge.app.run.Bridge", Level.ERROR, "failed", thrown);

        assertThat(line.doLayout(event)).isEqualTo(pattern.doLayout(event))
                .contains("Caused by: java.io.IOException: no space left", "Suppressed: java.lang.RuntimeException");
    }
}
