package dev.ncbridge.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Locale;
import java.util.Set;

/**
 * ncbridge's logging, set up in code rather than from a {@code logback.xml}: reading XML loads
 * about 320 classes (the JDK's XML parser and logback's Joran) before the bridge can listen,
 * for a setup that never changes. Found by logback as a service.
 *
 * <p>Everything goes to standard error only, a {@link LogLine} an event: standard output
 * carries records ({@code decode}, and {@code run} with a stdout sink), so a log line there
 * would corrupt the record stream.
 * Level INFO; {@code -Dncbridge.log.level=debug} or {@code NCBRIDGE_LOG_LEVEL=debug} changes it,
 * the system property winning. The Kafka clients log every setting at INFO when they start, so
 * they log from WARN (the Kafka sink logs its own state changes). A user's own logback file,
 * named by {@code -Dlogback.configurationFile}, replaces all of this.
 */
public final class StderrLogging extends ContextAwareBase implements Configurator {
    private static final Set<String> LEVELS = Set.of("off", "error", "warn", "info", "debug", "trace", "all");

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        LogLine line = new LogLine();
        line.setContext(context);
        line.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(line);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(stderr);
        root.setLevel(level(System.getProperty("ncbridge.log.level"), System.getenv("NCBRIDGE_LOG_LEVEL")));
        context.getLogger("org.apache.kafka").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * The level the property or else the environment names, INFO when neither does. A name that
     * is no level is said on standard error, and INFO is used: logging must not stop the bridge.
     */
    static Level level(String property, String environment) {
        String name = property != null ? property : environment;
        if (name == null || name.isBlank()) {
            return Level.INFO;
        }
        if (!LEVELS.contains(name.strip().toLowerCase(Locale.ROOT))) {
            System.err.println("ncbridge: '" + name + "' is not a log level ("
                    + (property != null ? "-Dncbridge.log.level" : "NCBRIDGE_LOG_LEVEL")
                    + "); logging at info. Levels: error, warn, info, debug, trace, off.");
            return Level.INFO;
        }
        return Level.toLevel(name.strip(), Level.INFO);
    }
}
