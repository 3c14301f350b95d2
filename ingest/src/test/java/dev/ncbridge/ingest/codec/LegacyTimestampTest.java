package dev.ncbridge.ingest.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LegacyTimestampTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Long micros(String line) {
        byte[] b = bytes(line);
        return LegacyTimestamp.parseMicros(b, 0, b.length);
    }

    private static String text(String line) {
        byte[] b = bytes(line);
        int start = LegacyTimestamp.prefixEnd(b, 0, b.length);
        return new String(b, start, b.length - start, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[    1.234567] text|1234567",
        "[12345.000001] text|12345000001",
        "[    0.000000] Linux version|0",
        "[ 6162.498000] x|6162498000",
        "[1.5] short fraction|1500000",
        "[1.1234567] long fraction is cut to micros|1123456",
        "[999999999999.999999] twelve digits|999999999999999999",
        "[1.2]|1200000",
    })
    void prefixGivesKernelTimeInMicroseconds(String line, long expected) {
        assertThat(micros(line)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "no prefix",
        "",
        " [    1.234567] leading space",
        "[    1.234567 unclosed",
        "[    1234567] no dot",
        "[    .5] no seconds",
        "[    1.] no fraction",
        "[  1.2 ] space before bracket",
        "[ -1.000000] negative",
        "[1a.000000] letters",
        "[1234567890123.000000] thirteen digits",
        "[    ]",
        "[",
    })
    void missingOrMalformedPrefixIsAbsent(String line) {
        assertThat(micros(line)).isNull();
        assertThat(text(line)).isEqualTo(line);
    }

    @Test
    void textStartsAfterThePrefixAndOneSpace() {
        assertThat(text("[    1.234567] hello")).isEqualTo("hello");
        assertThat(text("[    1.234567]  indented")).isEqualTo(" indented");
        assertThat(text("[    1.234567]nospace")).isEqualTo("nospace");
        assertThat(text("[    1.234567]")).isEmpty();
        assertThat(text("[    1.234567] ")).isEmpty();
    }

    @Test
    void onlyTheGivenRangeIsRead() {
        byte[] b = bytes("xx[    2.000001] yy");
        assertThat(LegacyTimestamp.parseMicros(b, 2, b.length)).isEqualTo(2_000_001);
        assertThat(LegacyTimestamp.prefixEnd(b, 2, b.length)).isEqualTo(b.length - 2);
        // Cut before the closing bracket: no prefix in that range.
        assertThat(LegacyTimestamp.parseMicros(b, 2, 14)).isNull();
        assertThat(LegacyTimestamp.prefixEnd(b, 2, 14)).isEqualTo(2);
    }
}
