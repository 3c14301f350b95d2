package dev.ncbridge.sink.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.Records;
import dev.ncbridge.sink.template.Sanitizer;
import dev.ncbridge.sink.template.Template;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TopicSanitizerTest {
    @Test
    void topicFieldsAreMadeLegalButKeysAreKeptAsTheyAre() {
        Record v6 = Records.extended().hostName("rack 7/web:1").source("2001:db8::5").build();

        assertThat(topic("nc-{ip}-{host}").render(v6)).isEqualTo("nc-2001_db8__5-rack_7_web_1");
        assertThat(Template.parse("{ip}/{host}", Sanitizer.NONE, ZoneOffset.UTC).render(v6))
                .isEqualTo("2001:db8::5/rack 7/web:1");
    }

    @Test
    void aLongHostNameIsCutToKafkasLimit() {
        Record longName = Records.extended().hostName("h".repeat(400)).build();

        assertThat(topic("nc-{host}").render(longName)).hasSize(249).startsWith("nc-hhh");
        StringBuilder out = new StringBuilder("before ");
        topic("nc-{host}").render(longName, out);
        assertThat(out).as("only what the template appended is cut").hasSize(7 + 249);
    }

    @Test
    void illegalTopicNamesSayWhatIsWrong() {
        assertThatThrownBy(() -> topic("nc/{host}")).hasMessage("\"nc/{host}\" is not a valid topic name: use only"
                + " letters, digits, '.', '_' and '-' besides the {fields}");
        assertThatThrownBy(() -> topic("nc-{host}-}")).hasMessageContaining("is not a valid topic name");
        assertThatThrownBy(() -> topic("..")).hasMessageContaining("may not be '.' or '..'");
        assertThatThrownBy(() -> topic("t".repeat(250))).hasMessageContaining("at most 249");
        assertThat(topic("t".repeat(249)).render(Records.extended().hostName("h").build())).hasSize(249);
    }

    private static Template topic(String text) {
        return Template.parse(text, new TopicSanitizer(), ZoneOffset.UTC);
    }
}
