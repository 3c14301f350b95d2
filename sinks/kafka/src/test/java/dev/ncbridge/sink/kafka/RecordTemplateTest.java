package dev.ncbridge.sink.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.Records;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class RecordTemplateTest {
    private static final Record WEB = Fixtures.record("web-42", "10.0.0.5", 1, 3, "m");

    @Test
    void aFixedTopicIsTheSameForEveryRecord() {
        RecordTemplate t = RecordTemplate.topic("netconsole");

        assertThat(t.isFixed()).isTrue();
        assertThat(t.expand(WEB)).isSameAs(t.expand(Fixtures.record("db", "10.0.0.6", 2, 6, "n")));
        assertThat(t.expand(WEB)).isEqualTo("netconsole");
    }

    @Test
    void everyFieldExpands() {
        RecordTemplate t = RecordTemplate.key("{host}|{ip}|{level}|{facility}|{kind}");

        assertThat(t.isFixed()).isFalse();
        assertThat(t.expand(WEB)).isEqualTo("web-42|10.0.0.5|err|kern|message");
    }

    @Test
    void absentLevelAndFacilityAreNone() {
        Record legacy = Records.legacy().message("x").source(new InetSocketAddress("10.0.0.5", 6665)).build();

        assertThat(RecordTemplate.topic("nc-{level}-{facility}").expand(legacy)).isEqualTo("nc-none-none");
    }

    @Test
    void topicFieldsAreMadeLegalButKeysAreKeptAsTheyAre() {
        Record v6 = Fixtures.record("rack 7/web:1", "2001:db8::5", 1, 6, "m");

        assertThat(RecordTemplate.topic("nc-{ip}-{host}").expand(v6)).isEqualTo("nc-2001_db8__5-rack_7_web_1");
        assertThat(RecordTemplate.key("{ip}/{host}").expand(v6)).isEqualTo("2001:db8::5/rack 7/web:1");
    }

    @Test
    void aLongHostNameIsCutToKafkasLimit() {
        Record longName = Fixtures.record("h".repeat(400), "10.0.0.5", 1, 6, "m");

        assertThat(RecordTemplate.topic("nc-{host}").expand(longName)).hasSize(249).startsWith("nc-hhh");
    }

    @Test
    void eventsHaveKindEvent() {
        Record event = Records.event(EventType.SOURCE_SILENT).message("silent")
                .source(new InetSocketAddress("10.0.0.5", 6665)).put("silent_ms", 60_000).build();

        assertThat(RecordTemplate.topic("nc-{kind}").expand(event)).isEqualTo("nc-event");
    }

    @Test
    void badTemplatesSayWhatIsWrong() {
        assertThatThrownBy(() -> RecordTemplate.topic("nc-{host")).hasMessage("the '{' at character 4 is not closed by '}'");
        assertThatThrownBy(() -> RecordTemplate.topic("nc/{host}")).hasMessageContaining("is not a valid topic name");
        assertThatThrownBy(() -> RecordTemplate.topic("..")).hasMessageContaining("may not be '.' or '..'");
        assertThatThrownBy(() -> RecordTemplate.topic("t".repeat(250))).hasMessageContaining("at most 249");
        assertThatThrownBy(() -> RecordTemplate.key("")).hasMessage("must not be empty");
        assertThatThrownBy(() -> RecordTemplate.key("{seq}")).hasMessageStartingWith("unknown field {seq}");
    }
}
