package dev.ncbridge.sink.template;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * The local date and hour of a stretch of time, {@code from} (inclusive) to {@code until}
 * (exclusive) in epoch seconds, in one zone. Every record received in the stretch has these date
 * parts, so a template computes them once per hour rather than once per record.
 */
record LocalHour(long from, long until, int year, int month, int day, int hour) {

    /** The local hour {@code epochSecond} falls in, cut short by any change of the zone's offset. */
    static LocalHour containing(long epochSecond, ZoneId zone) {
        ZonedDateTime t = Instant.ofEpochSecond(epochSecond).atZone(zone);
        long from = epochSecond - t.getMinute() * 60L - t.getSecond();
        long until = from + 3600;
        ZoneRules rules = zone.getRules();
        if (!rules.isFixedOffset()) {
            // At a daylight saving change the local hour ends (or began) at the change.
            ZoneOffsetTransition previous = rules.previousTransition(Instant.ofEpochSecond(epochSecond + 1));
            if (previous != null) {
                from = Math.max(from, previous.toEpochSecond());
            }
            ZoneOffsetTransition next = rules.nextTransition(Instant.ofEpochSecond(epochSecond));
            if (next != null) {
                until = Math.min(until, next.toEpochSecond());
            }
        }
        return new LocalHour(from, until, t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour());
    }

    boolean covers(long epochSecond) {
        return epochSecond >= from && epochSecond < until;
    }
}
