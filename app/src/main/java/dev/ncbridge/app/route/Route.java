package dev.ncbridge.app.route;

import dev.ncbridge.ingest.record.Record;

/**
 * One compiled route.
 *
 * @param matcher which records the route takes
 * @param targets indexes into the router's target array, each sink once
 * @param continues whether later routes are tried after this one matched
 */
record Route(RecordMatcher matcher, int[] targets, boolean continues) {
    boolean matches(Record r) {
        return matcher.matches(r);
    }
}
