package dev.ncbridge.sink.console;

import java.time.Duration;
import java.time.Instant;

/**
 * When a file is rotated.
 *
 * @param maxBytes rotate before a line would take the file past this; 0 never
 * @param maxAge rotate once the file has been open this long; null never
 */
record RotationPolicy(long maxBytes, Duration maxAge) {

    /** Whether {@code file} must be rotated before {@code lineBytes} more bytes go in at {@code now}. */
    boolean due(LogFile file, int lineBytes, Instant now) {
        // An empty file is never rotated, so a line longer than max_bytes still gets written, alone.
        if (file.size() == 0) {
            return false;
        }
        return (maxBytes > 0 && file.size() + lineBytes > maxBytes)
                || (maxAge != null && !now.isBefore(file.since().plus(maxAge)));
    }
}
