package dev.ncbridge.sink.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LocalHourTest {
    @Test
    void everySecondOfAStretchHasTheDateAndHourTheJdkGivesIt() {
        SplittableRandom random = new SplittableRandom(42);
        for (String zone : new String[] {"UTC", "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe",
                "America/St_Johns", "+05:45"}) {
            ZoneId id = ZoneId.of(zone);
            for (int i = 0; i < 2000; i++) {
                long second = random.nextLong(1_700_000_000L, 1_900_000_000L);
                LocalHour hour = LocalHour.containing(second, id);
                assertThat(hour.covers(second)).isTrue();
                for (long s : new long[] {hour.from(), hour.until() - 1}) {
                    ZonedDateTime t = Instant.ofEpochSecond(s).atZone(id);
                    assertThat(new int[] {hour.year(), hour.month(), hour.day(), hour.hour()})
                            .as("%s at %s", zone, Instant.ofEpochSecond(s))
                            .containsExactly(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour());
                }
                ZonedDateTime after = Instant.ofEpochSecond(hour.until()).atZone(id);
                ZonedDateTime before = Instant.ofEpochSecond(hour.from() - 1).atZone(id);
                assertThat(after.getHour() != hour.hour() || after.getDayOfMonth() != hour.day()
                        || after.getOffset() != Instant.ofEpochSecond(second).atZone(id).getOffset())
                        .as("the stretch ends where the hour does (%s)", zone).isTrue();
                assertThat(before.getHour() != hour.hour() || before.getOffset() != after.getOffset()
                        || before.getDayOfMonth() != hour.day())
                        .as("the stretch starts where the hour does (%s)", zone).isTrue();
            }
        }
    }
}
