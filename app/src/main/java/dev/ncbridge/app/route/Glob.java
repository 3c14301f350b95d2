package dev.ncbridge.app.route;

import java.util.Locale;

/**
 * A shell-style pattern: {@code *} is any run of characters (also none), {@code ?} exactly one,
 * everything else itself. Matching walks the strings directly instead of going through a regex,
 * so it allocates nothing per record.
 */
final class Glob {
    private final String pattern;
    private final boolean ignoreCase;

    private Glob(String pattern, boolean ignoreCase) {
        this.pattern = pattern;
        this.ignoreCase = ignoreCase;
    }

    static Glob caseSensitive(String pattern) {
        return new Glob(pattern, false);
    }

    /** For host names, which DNS treats case-blind. */
    static Glob ignoringCase(String pattern) {
        return new Glob(pattern.toLowerCase(Locale.ROOT), true);
    }

    /**
     * Greedy matching with one backtrack point, the last {@code *} seen: a later {@code *} makes
     * every earlier choice final, so the work is at most pattern length times text length, never
     * exponential as naive recursion is.
     */
    boolean matches(String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = t;
            } else if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == fold(text.charAt(t)))) {
                p++;
                t++;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private char fold(char c) {
        return ignoreCase ? Character.toLowerCase(c) : c;
    }
}
