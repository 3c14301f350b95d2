package dev.ncbridge.sink.syslog;

import static dev.ncbridge.ingest.testing.Records.sysdata;
import static dev.ncbridge.sink.syslog.Fixtures.format;
import static dev.ncbridge.sink.syslog.Fixtures.options;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Rfc3164FormatterTest {
    private final MessageFormatter formatter = MessageFormatter.of(options("address: \"h:514\", format: rfc3164"));

    @Test
    void headerIsPriTimestampHostAndTag() {
        assertThat(format(formatter, sysdata("disk error ✓").build()))
                .isEqualTo("<3>Nov 21 10:15:30 web-42 kernel: disk error ✓");
    }

    @Test
    void aDayBelowTenIsPaddedWithASpace() {
        assertThat(format(formatter, sysdata("x").receivedAt("2026-03-05T01:02:03Z").build()))
                .startsWith("<3>Mar  5 01:02:03 web-42 ");
    }

    @Test
    void hostnamesKeepOnlyCharactersReceiversParse() {
        assertThat(format(formatter, sysdata("x").hostName("2001:db8::5").build())).contains(" 2001_db8__5 kernel: x");
        assertThat(format(formatter, sysdata("x").hostName("a b").build())).contains(" a_b kernel: x");
    }

    @Test
    void facilityOverrideAndTagAreConfigurable() {
        MessageFormatter f = MessageFormatter.of(options("address: \"h:514\", format: rfc3164, facility: local7,"
                + " app_name: netcon"));
        assertThat(format(f, sysdata("x").level(6).build())).isEqualTo("<190>Nov 21 10:15:30 web-42 netcon: x");
    }
}
