package dev.ncbridge.ingest.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EscapesTest {
    /** Unescapes all of {@code escaped} as ISO-8859-1 text, so each byte is one char. */
    private static String unescape(String escaped) {
        byte[] src = escaped.getBytes(StandardCharsets.ISO_8859_1);
        byte[] dst = new byte[src.length];
        int n = Escapes.unescape(src, 0, src.length, dst);
        return new String(dst, 0, n, StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\\x41|A",
        "\\x4a|J",
        "\\x4A|J",
        "a\\x09b|a\tb",
        "\\x5c|\\",
        "\\x5cx41|\\x41",           // an escaped backslash does not start a new escape
        "\\xff|\u00ff",
        "\\xe2\\x82\\xac|\u00e2\u0082\u00ac",
        "no escapes|no escapes",
    })
    void validEscapesBecomeTheirByte(String escaped, String expected) {
        assertThat(unescape(escaped)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\\xZZ",       // not hex
        "\\xg0",
        "\\x0g",
        "\\x4",        // truncated at the end
        "\\x",
        "\\",          // lone backslash, as a truncated record can end
        "ab\\",
        "\\y41",
        "\\X41",       // the kernel writes a lower-case x
        "\\\\",
    })
    void anythingElseIsKeptAsItIs(String escaped) {
        assertThat(unescape(escaped)).isEqualTo(escaped);
    }

    @Test
    void controlBytesComeBackExactly() {
        assertThat(unescape("\\x00\\x0a\\x0d\\x1b\\x7f")).isEqualTo("\u0000\n\r\u001b\u007f");
    }

    @Test
    void invalidEscapeDoesNotSwallowTheValidOneAfterIt() {
        assertThat(unescape("\\xZ\\x41")).isEqualTo("\\xZA");
        assertThat(unescape("\\\\x41")).isEqualTo("\\A");
    }

    @Test
    void onlyTheGivenRangeIsRead() {
        byte[] src = "\\x41\\x42\\x43".getBytes(StandardCharsets.US_ASCII);
        byte[] dst = new byte[src.length];
        // The range ends inside the third escape: it stays as it is, and nothing past the range is read.
        int n = Escapes.unescape(src, 4, 10, dst);
        assertThat(new String(dst, 0, n, StandardCharsets.US_ASCII)).isEqualTo("B\\x");
    }

    @Test
    void hasEscapeLooksForABackslashInTheRange() {
        byte[] src = "ab\\x41".getBytes(StandardCharsets.US_ASCII);
        assertThat(Escapes.hasEscape(src, 0, src.length)).isTrue();
        assertThat(Escapes.hasEscape(src, 0, 2)).isFalse();
        assertThat(Escapes.hasEscape(src, 3, src.length)).isFalse();
    }

    @Property(tries = 500)
    void unescapingWhatTheKernelEscapedGivesBackTheBytes(@ForAll byte[] original) {
        byte[] escaped = KernelWire.escape(original);
        byte[] dst = new byte[escaped.length];
        int n = Escapes.unescape(escaped, 0, escaped.length, dst);
        assertThat(java.util.Arrays.copyOf(dst, n)).isEqualTo(original);
    }

    @Property(tries = 500)
    void unescapingNeverGrowsAndNeverThrows(@ForAll byte[] anything) {
        byte[] dst = new byte[anything.length];
        int n = Escapes.unescape(anything, 0, anything.length, dst);
        assertThat(n).isBetween(0, anything.length);
        if (!Escapes.hasEscape(anything, 0, anything.length)) {
            assertThat(java.util.Arrays.copyOf(dst, n)).isEqualTo(anything);
        }
    }
}
