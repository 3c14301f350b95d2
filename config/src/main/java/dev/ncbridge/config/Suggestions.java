package dev.ncbridge.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** "Did you mean" for a misspelt key or name: the closest of the valid ones, when it is close. */
public final class Suggestions {
    private Suggestions() {
    }

    /** The valid name {@code given} most likely misspells, if one is within a typo or two of it. */
    public static Optional<String> closest(String given, Collection<String> valid) {
        // A third of the length, at least 2: "recieve" finds "receive", "abc" finds nothing in "listen".
        int limit = Math.max(2, given.length() / 3);
        LevenshteinDistance distance = new LevenshteinDistance(limit);
        String lower = given.toLowerCase(Locale.ROOT);
        return valid.stream()
                .filter(v -> distance.apply(lower, v.toLowerCase(Locale.ROOT)) >= 0)
                .min(Comparator.comparingInt((String v) -> distance.apply(lower, v.toLowerCase(Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()));
    }

    /**
     * The message for a name that is not one of {@code valid}: {@code what "given" (did you mean
     * "x"?); listLabel: a, b, c}, with the suggestion only when there is one.
     */
    public static String unknown(String what, String given, Collection<String> valid, String listLabel) {
        String names = String.join(", ", new TreeSet<>(valid));
        return what + " \"" + given + "\"" + didYouMean(given, valid)
                + (names.isEmpty() ? "; there are none" : "; " + listLabel + ": " + names);
    }

    /** {@code  (did you mean "x"?)} when a valid name is close to {@code given}, else nothing. */
    public static String didYouMean(String given, Collection<String> valid) {
        return closest(given, valid).map(s -> " (did you mean \"" + s + "\"?)").orElse("");
    }
}
