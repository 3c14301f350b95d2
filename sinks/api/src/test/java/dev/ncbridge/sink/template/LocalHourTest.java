package dev.ncbridge.sink.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LocalHourTest {
    private static final long FROM = 1_700_000_000L;
    private static final long UNTIL = 1_900_000_000L;

    @Test
    void aStretchIsOneLocalHourAsTheJdkSeesItEvenAcrossOffsetChanges() {
        SplittableRandom random = new SplittableRandom(42);
        // Whole, half and three-quarter hour offsets; Lord Howe moves its clocks by half an hour.
        for (String zone : new String[] {"UTC", "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe",
                "America/St_Johns", "+05:45"}) {
            ZoneId id = ZoneId.of(zone);
            for (int i = 0; i < 2000; i++) {
                check(random.nextLong(FROM, UNTIL), id);
            }
            ZoneOffsetTransition change = id.getRules().nextTransition(Instant.ofEpochSecond(FROM));
            while (change != null && change.toEpochSecond() < UNTIL) {
                check(change.toEpochSecond() - 1, id);
                check(change.toEpochSecond(), id);
                change = id.getRules().nextTransition(change.getInstant());
            }
        }
    }

    private static void check(long second, ZoneId zone) {
        LocalHour hour = LocalHour.containing(second, zone);
        assertThat(hour.covers(second)).isTrue();
        ZonedDateTime first = Instant.ofEpochSecond(hour.from()).atZone(zone);
        ZonedDateTime last = Instant.ofEpochSecond(hour.until() - 1).atZone(zone);
        for (ZonedDateTime t : new ZonedDateTime[] {first, last}) {
            assertThat(new int[] {hour.year(), hour.month(), hour.day(), hour.hour()}).as("%s", t)
                    .containsExactly(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour());
        }
        assertThat(first.getOffset()).as("no offset change inside the stretch").isEqualTo(last.getOffset());
        // And it is as long as it can be: at either end the hour or the offset changes.
        assertThat(changes(Instant.ofEpochSecond(hour.from() - 1).atZone(zone), first))
                .as("%s: the stretch starts where the hour does", first).isTrue();
        assertThat(changes(last, Instant.ofEpochSecond(hour.until()).atZone(zone)))
                .as("%s: the stretch ends where the hour does", last).isTrue();
    }

    private static boolean changes(ZonedDateTime before, ZonedDateTime after) {
        return before.getHour() != after.getHour() || !before.getOffset().equals(after.getOffset());
    }
}
