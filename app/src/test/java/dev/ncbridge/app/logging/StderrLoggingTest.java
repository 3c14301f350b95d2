package dev.ncbridge.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class StderrLoggingTest {
    @Test
    void logbackFindsItAsAService() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
                .contains(StderrLogging.class);
    }

    @Test
    void everythingGoesToStandardErrorAtInfoAndKafkaFromWarn() {
        LoggerContext context = new LoggerContext();
        StderrLogging logging = new StderrLogging();
        logging.setContext(context);

        assertThat(logging.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(root.getAppender("STDERR")).isInstanceOfSatisfying(ConsoleAppender.class, appender -> {
            assertThat(appender.getTarget()).isEqualTo("System.err");
            assertThat(appender.isStarted()).isTrue();
            assertThat(((LayoutWrappingEncoder<?>) appender.getEncoder()).getLayout()).isInstanceOf(LogLine.class);
        });
        assertThat(context.getLogger("org.apache.kafka.clients.producer").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("dev.ncbridge.app").getEffectiveLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void thePropertyWinsOverTheEnvironmentAndANameThatIsNoLevelMeansInfo() {
        assertThat(StderrLogging.level(null, null)).isEqualTo(Level.INFO);
        assertThat(StderrLogging.level(null, "debug")).isEqualTo(Level.DEBUG);
        assertThat(StderrLogging.level("TRACE", "debug")).isEqualTo(Level.TRACE);
        assertThat(StderrLogging.level(" warn ", null)).isEqualTo(Level.WARN);
        assertThat(StderrLogging.level("verbose", "debug")).isEqualTo(Level.INFO);
        assertThat(StderrLogging.level(null, "")).isEqualTo(Level.INFO);
    }
}
