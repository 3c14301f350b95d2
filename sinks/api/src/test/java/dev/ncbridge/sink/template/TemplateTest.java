package dev.ncbridge.sink.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.Records;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TemplateTest {
    private static final Record WEB = record("web-42", "10.0.0.5", "2026-11-21T10:15:30Z");

    @Test
    void aTemplateWithoutFieldsIsTheSameStringForEveryRecord() {
        Template t = utc("netconsole");

        assertThat(t.isConstant()).isTrue();
        assertThat(t.render(WEB)).isEqualTo("netconsole")
                .isSameAs(t.render(record("db", "10.0.0.6", "2027-01-01T00:00:00Z")));
        assertThat(t.prefix()).isEqualTo("netconsole");
    }

    @Test
    void everyRecordFieldExpands() {
        Template t = utc("{host}|{ip}|{level}|{facility}|{kind}");

        assertThat(t.isConstant()).isFalse();
        assertThat(t.render(WEB)).isEqualTo("web-42|10.0.0.5|err|kern|message");
    }

    @Test
    void theAddressIsInItsShortFormAndUnresolvedOnesKeepTheirHostString() {
        Template t = utc("{ip}");

        assertThat(t.render(record("h", "2001:db8:0:0:0:0:0:5", "2026-11-21T10:15:30Z"))).isEqualTo("2001:db8::5");
        Record unresolved = Records.extended().hostName("web-42")
                .source(InetSocketAddress.createUnresolved("gw.example", 6665)).build();
        assertThat(t.render(unresolved)).isEqualTo("gw.example");
    }

    @Test
    void absentLevelAndFacilityAreNone() {
        Record legacy = Records.legacy().message("x").build();

        assertThat(utc("nc-{level}-{facility}").render(legacy)).isEqualTo("nc-none-none");
    }

    @Test
    void eventsHaveKindEvent() {
        Record event = Records.event(EventType.SOURCE_SILENT).message("silent").put("silent_ms", 60_000).build();

        assertThat(utc("nc-{kind}").render(event)).isEqualTo("nc-event");
    }

    @Test
    void datePartsAreTheReceiveTimeInUtcZeroPadded() {
        Template t = utc("/logs/{yyyy}/{MM}/{dd}/{HH}/{host}.log");

        assertThat(t.render(record("web-42", "10.0.0.5", "2026-01-02T03:59:59.999Z")))
                .isEqualTo("/logs/2026/01/02/03/web-42.log");
    }

    @Test
    void datePartsFollowTheGivenZone() {
        // 23:15 UTC is 04:45 the next day in India (+05:30): date and hour both move.
        Template t = Template.parse("/logs/{yyyy}-{MM}-{dd}T{HH}.log", Sanitizer.NONE, ZoneId.of("Asia/Kolkata"));

        assertThat(t.render(record("h", "10.0.0.5", "2026-12-31T23:15:00Z"))).isEqualTo("/logs/2027-01-01T04.log");
        // 23:29:59 UTC is still 04:59:59; the next local hour starts at 23:30 UTC, not 00:00.
        assertThat(t.render(record("h", "10.0.0.5", "2026-12-31T23:29:59Z"))).isEqualTo("/logs/2027-01-01T04.log");
        assertThat(t.render(record("h", "10.0.0.5", "2026-12-31T23:30:00Z"))).isEqualTo("/logs/2027-01-01T05.log");
    }

    @Test
    void theHourIsRightAcrossDaylightSavingChangesAndOutOfOrderRecords() {
        Template t = Template.parse("{dd}T{HH}", Sanitizer.NONE, ZoneId.of("Europe/Berlin"));

        // Spring forward at 2026-03-29T01:00Z: 01:59:59 CET, then 03:00 CEST.
        assertThat(t.render(at("2026-03-29T00:59:59Z"))).isEqualTo("29T01");
        assertThat(t.render(at("2026-03-29T01:00:00Z"))).isEqualTo("29T03");
        assertThat(t.render(at("2026-03-29T00:30:00Z"))).isEqualTo("29T01");
        // Fall back at 2026-10-25T01:00Z: 02:59:59 CEST, then 02:00 CET again.
        assertThat(t.render(at("2026-10-25T00:59:59Z"))).isEqualTo("25T02");
        assertThat(t.render(at("2026-10-25T01:00:00Z"))).isEqualTo("25T02");
        assertThat(t.render(at("2026-10-25T02:00:00Z"))).isEqualTo("25T03");
        assertThat(t.render(at("2026-10-25T00:00:00Z"))).isEqualTo("25T02");
        assertThat(t.render(at("2026-10-24T23:59:59Z"))).isEqualTo("25T01");
    }

    @Test
    void renderingAppendsToWhatTheBuilderHolds() {
        StringBuilder out = new StringBuilder("before:");

        utc("{host}.log").render(WEB, out);
        utc("fixed").render(WEB, out);

        assertThat(out).hasToString("before:web-42.logfixed");
    }

    @Test
    void theSanitizerCleansFieldValuesOnlyAndFinishesWhatTheTemplateAppended() {
        Sanitizer upper = new Sanitizer() {
            @Override
            public void appendValue(StringBuilder out, String value) {
                out.append(value.toUpperCase());
            }

            @Override
            public void finish(StringBuilder out, int start) {
                out.setLength(Math.min(out.length(), start + 9));
            }
        };
        StringBuilder out = new StringBuilder("kept ");

        Template.parse("nc-{host}-{yyyy}", upper, ZoneOffset.UTC).render(WEB, out);

        assertThat(out).hasToString("kept nc-WEB-42");
    }

    @Test
    void thePatternHasOneWildcardPerRunOfFields() {
        assertThat(utc("netconsole-{host}-{yyyy}.{MM}.{dd}.{HH}").pattern("*")).isEqualTo("netconsole-*-*.*.*.*");
        assertThat(utc("nc-{yyyy}{MM}{dd}").pattern("*")).isEqualTo("nc-*");
        assertThat(utc("{host}.log").pattern("x")).isEqualTo("x.log");
        assertThat(utc("nc-{yyyy}{MM}{dd}").render(WEB)).isEqualTo("nc-20261121");
    }

    @Test
    void thePrefixIsTheTextBeforeTheFirstField() {
        assertThat(utc("/var/log/nc-{host}/{yyyy}.log").prefix()).isEqualTo("/var/log/nc-");
        assertThat(utc("{host}.log").prefix()).isEmpty();
        assertThat(utc("{host}.log")).hasToString("{host}.log");
    }

    @Test
    void anUnknownFieldIsNamedWithTheKnownOnesAndTheNearestWhenOneIsClose() {
        assertThatThrownBy(() -> utc("/logs/{hostname}.log"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown field {hostname}; known fields: {host}, {ip}, {level}, {facility}, {kind},"
                        + " {crash_time}, {yyyy}, {MM}, {dd}, {HH}");
        assertThatThrownBy(() -> utc("nc-{levle}"))
                .hasMessageStartingWith("unknown field {levle} (did you mean {level}?);");
        assertThatThrownBy(() -> utc("{yyy}")).hasMessageStartingWith("unknown field {yyy} (did you mean {yyyy}?);");
        assertThatThrownBy(() -> utc("{seq}")).hasMessageStartingWith("unknown field {seq};");
    }

    @Test
    void caseIsTheMeaningOfADatePartSoMinutesAreNotTakenForMonths() {
        assertThatThrownBy(() -> utc("/logs/{mm}.log")).hasMessageStartingWith("unknown field {mm};");
        assertThatThrownBy(() -> utc("/logs/{hh}.log")).hasMessageStartingWith("unknown field {hh};");
    }

    @Test
    void badSyntaxIsSaidInPlainWords() {
        assertThatThrownBy(() -> utc("/logs/{host.log")).hasMessage("the '{' at character 7 is not closed by '}'");
        assertThatThrownBy(() -> utc("nc-{ho{st}")).hasMessage("the '{' at character 4 is not closed by '}'");
        assertThatThrownBy(() -> utc("nc-{}")).hasMessage("the '{}' at character 4 names no field: write one in the"
                + " braces, as {host}");
        assertThatThrownBy(() -> utc("")).hasMessage("must not be empty");
    }

    @Test
    void theSanitizerChecksTheFixedTextAndTheWholeTemplateAtParse() {
        Sanitizer strict = new Sanitizer() {
            @Override
            public void appendValue(StringBuilder out, String value) {
                out.append(value);
            }

            @Override
            public void checkFixedText(String fixed, String template) {
                if (fixed.contains(" ")) {
                    throw new IllegalArgumentException("\"" + template + "\" has a space in \"" + fixed + "\"");
                }
            }

            @Override
            public void checkTemplate(Template template) {
                if (template.prefix().isEmpty()) {
                    throw new IllegalArgumentException("starts with a field");
                }
            }
        };

        assertThatThrownBy(() -> Template.parse("a-{host}-b c", strict, ZoneOffset.UTC))
                .hasMessage("\"a-{host}-b c\" has a space in \"-b c\"");
        assertThatThrownBy(() -> Template.parse("{host}", strict, ZoneOffset.UTC)).hasMessage("starts with a field");
        assertThat(Template.parse("a-{host}", strict, ZoneOffset.UTC).render(WEB)).isEqualTo("a-web-42");
    }

    private static Template utc(String text) {
        return Template.parse(text, Sanitizer.NONE, ZoneOffset.UTC);
    }

    private static Record at(String instant) {
        return record("h", "10.0.0.5", instant);
    }

    private static Record record(String host, String ip, String receivedAt) {
        Instant t = Instant.parse(receivedAt);
        return Records.extended()
                .receivedAtNanos(t.getEpochSecond() * 1_000_000_000L + t.getNano())
                .message("m")
                .source(new InetSocketAddress(ip, 6665))
                .hostName(host)
                .level(3)
                .facility(0)
                .build();
    }
}
