package dev.ncbridge.app.it.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.app.run.Bridge;
import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.Substitution;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps the Kafka section of docs/sinks.md true: its examples build a bridge (offline, as validate does). */
class KafkaDocExamplesTest {
    private static final Path DOC = Path.of("../docs/sinks.md");

    @Test
    void everyExampleOfTheKafkaSectionIsAValidConfiguration() throws IOException {
        String text = Files.readString(DOC);
        int start = text.indexOf("\n## kafka\n");
        assertThat(start).as("the kafka section of " + DOC).isPositive();
        int end = text.indexOf("\n## ", start + 1);
        String section = text.substring(start, end < 0 ? text.length() : end);
        Matcher m = Pattern.compile("(?s)```yaml\n(.*?)```").matcher(section);
        int examples = 0;
        while (m.find()) {
            String yaml = "listen: [\"127.0.0.1:0\"]\nhttp: {enabled: false}\n" + m.group(1);
            Bridge bridge = Bridge.build(new ConfigLoader(new Substitution(k -> k.equals("KAFKA_PASSWORD") ? "pw" : null))
                    .load("sinks.md", yaml), OutputStream.nullOutputStream());
            assertThat(bridge.udpAddresses()).isEmpty();
            examples++;
        }
        assertThat(examples).isEqualTo(2);
    }
}
