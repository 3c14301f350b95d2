package dev.ncbridge.ingest.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.record.ContinuationFlag;
import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.KernelMessage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExtendedHeaderParserTest {
    private static final int MAX_MESSAGE = 4096;
    private final ExtendedHeaderParser parser = new ExtendedHeaderParser(MAX_MESSAGE);
    private final ExtendedHeader h = new ExtendedHeader();
    private byte[] buf;

    /** Parses {@code datagram} placed at offset 5 of a larger buffer, to catch offset mistakes. */
    private HeaderParse parse(String datagram) {
        byte[] d = datagram.getBytes(StandardCharsets.UTF_8);
        buf = new byte[d.length + 10];
        java.util.Arrays.fill(buf, (byte) ';');
        System.arraycopy(d, 0, buf, 5, d.length);
        return parser.parse(buf, 5, d.length, h);
    }

    private String release() {
        return new String(buf, h.releaseOffset, h.releaseLength, StandardCharsets.US_ASCII);
    }

    private String body() {
        return new String(buf, h.headerEnd + 1, buf.length - 5 - h.headerEnd - 1, StandardCharsets.UTF_8);
    }

    @Nested
    class Fields {
        @ParameterizedTest
        @CsvSource({"0,0,0", "6,0,6", "11,1,3", "12,1,4", "14,1,6", "165,20,5", "2047,255,7"})
        void prefixIsFacilityTimesEightPlusLevel(int prefix, int facility, int level) {
            assertThat(parse(prefix + ",1,2,-;x")).isEqualTo(HeaderParse.EXTENDED);
            assertThat(h.prefix).isEqualTo(prefix);
            assertThat(h.facility()).isEqualTo(facility);
            assertThat(h.level()).isEqualTo(level);
        }

        @Test
        void seqTimestampAndBodyStart() {
            assertThat(parse("6,416,1758426,-;the text")).isEqualTo(HeaderParse.EXTENDED);
            assertThat(h.seq).isEqualTo(416);
            assertThat(h.tsUs).isEqualTo(1_758_426);
            assertThat(h.flag).isEqualTo(ContinuationFlag.NONE);
            assertThat(h.isFragment()).isFalse();
            assertThat(h.releaseLength).isZero();
            assertThat(h.headerEnd).isEqualTo(5 + "6,416,1758426,-".length());
        }

        @Test
        void largestValuesThatFitInALongAreAccepted() {
            assertThat(parse("6,9223372036854775807,9223372036854775807,-;x")).isEqualTo(HeaderParse.EXTENDED);
            assertThat(h.seq).isEqualTo(Long.MAX_VALUE);
            assertThat(h.tsUs).isEqualTo(Long.MAX_VALUE);
        }

        @ParameterizedTest
        @CsvSource({"-,NONE", "c,FIRST", "+,CONTINUATION"})
        void flags(char flag, ContinuationFlag expected) {
            assertThat(parse("4,20,2000," + flag + ";CPU0")).isEqualTo(HeaderParse.EXTENDED);
            assertThat(h.flag).isEqualTo(expected);
        }

        @Test
        void fragmentField() {
            assertThat(parse("6,416,1758426,-,ncfrag=16/31; the 2nd chunk.")).isEqualTo(HeaderParse.EXTENDED);
            assertThat(h.isFragment()).isTrue();
            assertThat(h.fragOffset).isEqualTo(16);
            assertThat(h.fragTotal).isEqualTo(31);
            assertThat(new String(buf, h.fragTokenStart, h.fragTokenEnd - h.fragTokenStart, StandardCharsets.US_ASCII))
                    .isEqualTo(",ncfrag=16/31");
            assertThat(body()).isEqualTo(" the 2nd chunk.");
        }

        @Test
        void unknownFieldsAreToleratedBeforeAndAfterTheFragmentField() {
            assertThat(parse("0,5,9,-,ncemg=1;panic")).isEqualTo(HeaderParse.EXTENDED);
            assertThat(h.isFragment()).isFalse();
            assertThat(h.seq).isEqualTo(5);

            assertThat(parse("6,7,700,-,foo=bar,ncfrag=2/6,baz=1,odd;cde")).isEqualTo(HeaderParse.EXTENDED);
            assertThat(h.fragOffset).isEqualTo(2);
            assertThat(h.fragTotal).isEqualTo(6);
            assertThat(body()).isEqualTo("cde");
        }

        @Test
        void aFieldThatOnlyStartsLikeNcfragIsNotTheFragmentField() {
            assertThat(parse("6,7,700,-,ncfra=0/6;abc")).isEqualTo(HeaderParse.EXTENDED);
            assertThat(h.isFragment()).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"6.14.0", "6.4.0", "7.3.4+deb13-amd64", "6.14.0-rc6-01219-g3c027fbd941d"})
        void releasePrefix(String release) {
            assertThat(parse(release + ",6,444,501151268,-;netconsole: network logging started"))
                    .isEqualTo(HeaderParse.EXTENDED);
            assertThat(release()).isEqualTo(release);
            assertThat(h.prefix).isEqualTo(6);
            assertThat(h.seq).isEqualTo(444);
            assertThat(h.tsUs).isEqualTo(501_151_268);
            assertThat(body()).isEqualTo("netconsole: network logging started");
        }

        @Test
        void releasePrefixOnAFragment() {
            assertThat(parse("7.3.4+deb13-amd64,14,407,6162498,-,ncfrag=951/1014;d|L0094")).isEqualTo(HeaderParse.EXTENDED);
            assertThat(release()).isEqualTo("7.3.4+deb13-amd64");
            assertThat(h.fragOffset).isEqualTo(951);
            assertThat(h.fragTotal).isEqualTo(1014);
        }

        @Test
        void emptyBodyIsStillExtended() {
            assertThat(parse("6,1,2,-;")).isEqualTo(HeaderParse.EXTENDED);
            assertThat(body()).isEmpty();
        }

        @Test
        void theParserForgetsThePreviousHeader() {
            parse("6.4.0,6,1,2,-,ncfrag=0/4;ab");
            assertThat(parse("6,3,4,-;x")).isEqualTo(HeaderParse.EXTENDED);
            assertThat(h.releaseLength).isZero();
            assertThat(h.isFragment()).isFalse();
            assertThat(h.malformedReason).isNull();
        }
    }

    @Nested
    class ConsoleTextIsLegacy {
        @ParameterizedTest
        @ValueSource(strings = {
            "[  1.2] foo: a=1,b=2; c",
            "6,foo;bar",
            "[    1.000000] a, b; c,d;e",
            "no separators at all",
            "6,1,2,-",                  // no ';'
            ";",
            ",;",
            "6;x",
            "6,1;x",
            "6,1,2;x",                  // no flag
            "6,1,2,;x",                 // empty flag
            "6,1,2,x;y",                // unknown flag
            "6,1,2,-x;y",               // flag longer than one character
            "6,1,2,--;y",
            "a,1,2,-;x",
            "6,a,2,-;x",
            "6,1,a,-;x",
            "-6,1,2,-;x",
            "6, 1,2,-;x",
            "1.2 3,6,1,2,-;x",          // a release never holds a space
            "1.2,foo;bar",              // release-like, then not a header
            "[    5.123456] usb 1-1: new device, 1,2,3,-; strange",
        })
        void textWithCommasAndSemicolonsIsNotReadAsAHeader(String text) {
            assertThat(parse(text)).isEqualTo(HeaderParse.LEGACY);
        }

        @Test
        void releaseOverSixtyFourBytesIsNotARelease() {
            assertThat(parse("x".repeat(63) + ".,6,1,2,-;y")).isEqualTo(HeaderParse.EXTENDED);
            assertThat(parse("x".repeat(64) + ".,6,1,2,-;y")).isEqualTo(HeaderParse.LEGACY);
        }

        @Test
        void semicolonBeyondTheLongestHeaderIsText() {
            String longHeader = "6,1,2,-,k=" + "v".repeat(ExtendedHeaderParser.MAX_HEADER_BYTES);
            assertThat(parse(longHeader + ";x")).isEqualTo(HeaderParse.LEGACY);
        }
    }

    @Nested
    class Malformed {
        private void assertMalformed(String datagram, MalformedReason reason) {
            assertThat(parse(datagram)).as(datagram).isEqualTo(HeaderParse.MALFORMED);
            assertThat(h.malformedReason).as(datagram).isEqualTo(reason);
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "6,1234567890123456789012345,2,-;x",   // a 25-digit seq
            "6,9223372036854775808,2,-;x",         // one past Long.MAX_VALUE
            "6,99999999999999999999,2,-;x",        // 20 digits
            "6,1,1234567890123456789012345,-;x",
            "6,1,9999999999999999999,-;x",         // 19 digits that overflow a long
            "2048,1,2,-;x",                        // facility above 255
            "1234567890123456789012345,1,2,-;x",
            "6.4.0,99999,1,2,-;x",
        })
        void numbersOutOfRange(String datagram) {
            assertMalformed(datagram, MalformedReason.HEADER_NUMBER_OUT_OF_RANGE);
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "6,1,2,-,ncfrag=-1/10;x",
            "6,1,2,-,ncfrag=1/-10;x",
            "6,1,2,-,ncfrag=;x",
            "6,1,2,-,ncfrag=5;x",
            "6,1,2,-,ncfrag=/10;x",
            "6,1,2,-,ncfrag=5/;x",
            "6,1,2,-,ncfrag=a/10;x",
            "6,1,2,-,ncfrag=1/2/3;x",
            "6,1,2,-,ncfrag= 0/10;x",
            "6,1,2,-,ncfrag=0/10,ncfrag=0/10;x",    // twice
            "6,1,2,-,ncfrag=1234567890123456789012345/10;x",
            "6,1,2,-,ncfrag=0/1234567890123456789012345;x",
        })
        void badFragmentFields(String datagram) {
            assertMalformed(datagram, MalformedReason.BAD_FRAGMENT_FIELD);
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "6,1,2,-,ncfrag=0/0;x",       // nothing to assemble
            "6,1,2,-,ncfrag=0/10;",       // a fragment with no bytes
            "6,1,2,-,ncfrag=10/10;x",     // offset at the end
            "6,1,2,-,ncfrag=11/10;x",
            "6,1,2,-,ncfrag=8/10;abc",    // runs past the total
            "6,1,2,-,ncfrag=0/2;abc",
            "6,1,2,-,ncfrag=9223372036854775807/10;x",
        })
        void fragmentsOutsideTheirTotal(String datagram) {
            assertMalformed(datagram, MalformedReason.FRAGMENT_OUT_OF_BOUNDS);
        }

        @Test
        void fragmentEndingExactlyAtTheTotalIsFine() {
            assertThat(parse("6,1,2,-,ncfrag=7/10;abc")).isEqualTo(HeaderParse.EXTENDED);
        }

        @Test
        void totalOverTheMessageLimit() {
            assertThat(parse("6,1,2,-,ncfrag=0/" + MAX_MESSAGE + ";x")).isEqualTo(HeaderParse.EXTENDED);
            assertMalformed("6,1,2,-,ncfrag=0/" + (MAX_MESSAGE + 1) + ";x", MalformedReason.FRAGMENT_TOO_LARGE);
            assertMalformed("6,1,2,-,ncfrag=0/9223372036854775807;x", MalformedReason.FRAGMENT_TOO_LARGE);
        }
    }

    /** Absurd but well-formed numbers go through the whole decoder without upsetting it. */
    @Nested
    class InTheDecoder {
        @Test
        void malformedHeadersAreCountedOnceAndEmitNothing() {
            DecoderHarness d = new DecoderHarness(DecoderLimits.defaults().withMaxMessageBytes(100))
                    .send("6,1234567890123456789012345,2,-;x", 0)
                    .send("6,1,2,-,ncfrag=-1/10;x", 1)
                    .send("6,1,2,-,ncfrag=5/4;x", 2)
                    .send("6,1,2,-,ncfrag=0/101;x", 3)
                    .flush(4);
            assertThat(d.out).isEmpty();
            assertThat(d.counters.malformedTotal()).isEqualTo(4);
            assertThat(d.counters.malformedCount(MalformedReason.HEADER_NUMBER_OUT_OF_RANGE)).isEqualTo(1);
            assertThat(d.counters.malformedCount(MalformedReason.BAD_FRAGMENT_FIELD)).isEqualTo(1);
            assertThat(d.counters.malformedCount(MalformedReason.FRAGMENT_OUT_OF_BOUNDS)).isEqualTo(1);
            assertThat(d.counters.malformedCount(MalformedReason.FRAGMENT_TOO_LARGE)).isEqualTo(1);
            assertThat(d.decoder.assemblyBytes()).isZero();
        }

        @Test
        void overlappingFragmentIsMalformedAndTheExactCopyIsADuplicate() {
            DecoderHarness d = new DecoderHarness()
                    .send("6,1,2,-,ncfrag=0/6;abc", 0)
                    .send("6,1,2,-,ncfrag=0/6;abc", 1)
                    .send("6,1,2,-,ncfrag=1/6;bcd", 2)
                    .send("6,1,2,-,ncfrag=0/6;abX", 3)
                    .send("6,1,2,-,ncfrag=3/6;def", 4);
            assertThat(d.texts()).containsExactly("abcdef");
            assertThat(d.counters.malformedCount(MalformedReason.FRAGMENT_OVERLAP)).isEqualTo(2);
            assertThat(d.counters.get(DecodeCounter.FRAGMENT_DUPLICATES)).isEqualTo(1);
            assertThat(d.messages().get(0).fragments()).isEqualTo(2);
        }

        @Test
        void largestSeqAndTimeDecode() {
            DecoderHarness d = new DecoderHarness().send("6,9223372036854775807,9223372036854775807,-;top\n", 0);
            KernelMessage r = d.messages().get(0);
            assertThat(r.extended().seq()).isEqualTo(Long.MAX_VALUE);
            assertThat(r.kernelTsUs()).isEqualTo(Long.MAX_VALUE);
        }

        @Test
        void kernelTimeNearTheTopOfItsRangeIsNotMistakenForARestart() {
            long ts = Long.MAX_VALUE - 10;
            DecoderHarness d = new DecoderHarness()
                    .send("6,1," + ts + ",-;a\n", 0)
                    .send("6,2," + (ts + 5) + ",-;b\n", 1)
                    .flush(2);
            assertThat(d.timeline()).containsExactly("a", "b");
            assertThat(d.events(EventType.SOURCE_RESET)).isEmpty();
            assertThat(d.messages()).noneMatch(r -> r.extended().seqReset());
        }
    }
}
