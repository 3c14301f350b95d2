package dev.ncbridge.sink.encode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.testing.Records;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TimestampFormatterTest {
    /** An independent reference: java.time's own formatting, truncated to microseconds. */
    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private static String reference(long epochNanos) {
        return REFERENCE.format(Instant.EPOCH.plusNanos(epochNanos).truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void formatsTheDesignExample() {
        assertThat(TimestampFormatter.format(Records.nanos("2026-11-21T10:15:30.123456Z")))
                .isEqualTo("2026-11-21T10:15:30.123456Z");
    }

    @Test
    void truncatesNanosecondsToMicroseconds() {
        long second = Records.nanos("2026-11-21T10:15:30Z");
        assertThat(TimestampFormatter.format(second + 999_999)).isEqualTo("2026-11-21T10:15:30.000999Z");
        assertThat(TimestampFormatter.format(second + 999_999_999)).isEqualTo("2026-11-21T10:15:30.999999Z");
        assertThat(TimestampFormatter.format(second + 1_000)).isEqualTo("2026-11-21T10:15:30.000001Z");
    }

    @Test
    void formatsTheEpoch() {
        assertThat(TimestampFormatter.format(0)).isEqualTo("1970-01-01T00:00:00.000000Z");
    }

    @Test
    void rollsOverTheYear() {
        long newYear = Records.nanos("2027-01-01T00:00:00Z");
        assertThat(TimestampFormatter.format(newYear - 1_000)).isEqualTo("2026-12-31T23:59:59.999999Z");
        assertThat(TimestampFormatter.format(newYear)).isEqualTo("2027-01-01T00:00:00.000000Z");
    }

    @Test
    void formatsLeapDayAndZeroPaddedFields() {
        assertThat(TimestampFormatter.format(Records.nanos("2028-02-29T01:02:03.000004Z")))
                .isEqualTo("2028-02-29T01:02:03.000004Z");
    }

    @Test
    void switchingSecondsBackAndForthNeverReusesAnotherSecondsText() {
        long a = Records.nanos("2026-11-21T10:15:30.000001Z");
        long b = Records.nanos("2026-11-21T10:15:31.000002Z");
        long c = Records.nanos("2031-05-07T08:09:10.000003Z");
        for (int i = 0; i < 3; i++) {
            assertThat(TimestampFormatter.format(a)).isEqualTo("2026-11-21T10:15:30.000001Z");
            assertThat(TimestampFormatter.format(a + 5_000)).isEqualTo("2026-11-21T10:15:30.000006Z");
            assertThat(TimestampFormatter.format(b)).isEqualTo("2026-11-21T10:15:31.000002Z");
            assertThat(TimestampFormatter.format(c)).isEqualTo("2031-05-07T08:09:10.000003Z");
        }
    }

    /** It writes in words: none may reach past the timestamp's bytes on either side. */
    @Test
    void writesItsBytesAndNoOthers() {
        byte[] out = new byte[TimestampFormatter.LENGTH + 6];
        Arrays.fill(out, (byte) 'x');

        TimestampFormatter.write(Records.nanos("2026-11-21T10:15:30.123456Z"), out, 3);

        assertThat(new String(out, StandardCharsets.US_ASCII)).isEqualTo("xxx2026-11-21T10:15:30.123456Zxxx");
    }

    @Test
    void agreesWithJavaTimeOverRandomInstants() {
        SplittableRandom random = new SplittableRandom(42);
        long from = Records.nanos("1971-01-01T00:00:00Z");
        long to = Records.nanos("2200-01-01T00:00:00Z");
        for (int i = 0; i < 10_000; i++) {
            long nanos = random.nextLong(from, to);
            assertThat(TimestampFormatter.format(nanos)).as("nanos %d", nanos).isEqualTo(reference(nanos));
        }
    }

    @Test
    void threadsFormattingDifferentSecondsAgreeWithJavaTime() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long base = Records.nanos("2026-11-21T10:15:30Z") + t * 86_400_000_000_000L;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        long nanos = base + (i % 3) * 1_000_000_000L + i * 1_000L;
                        assertThat(TimestampFormatter.format(nanos)).isEqualTo(reference(nanos));
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
