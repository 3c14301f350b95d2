package dev.ncbridge.ingest.record;

/**
 * Syslog facility names. The kernel stores the facility in a byte, so a record may carry a code
 * above 23; such codes have no standard name and are rendered as {@code facility<N>}.
 */
public final class Facility {
    public static final int KERN = 0;
    public static final int USER = 1;
    public static final int MAX_CODE = 255;

    private static final String[] NAMES = {
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
        "uucp", "cron", "authpriv", "ftp", "ntp", "security", "console", "solaris-cron",
        "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
    };

    private static final String[] ALL_NAMES = new String[MAX_CODE + 1];

    static {
        for (int i = 0; i <= MAX_CODE; i++) {
            ALL_NAMES[i] = i < NAMES.length ? NAMES[i] : "facility" + i;
        }
    }

    private Facility() {
    }

    /** The facility's name ({@code kern}, {@code local4}), or {@code facility<N>} above 23. */
    public static String name(int code) {
        if (code < 0 || code > MAX_CODE) {
            throw new IllegalArgumentException("facility code out of range 0..255: " + code);
        }
        return ALL_NAMES[code];
    }

    /** Parses a facility name or number. */
    public static int parse(String name) {
        String n = name.trim().toLowerCase(java.util.Locale.ROOT);
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(n)) {
                return i;
            }
        }
        try {
            int code = Integer.parseInt(n);
            if (code >= 0 && code <= MAX_CODE) {
                return code;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("unknown facility '" + name + "' (expected kern, user, ..., local7 or 0..255)");
    }
}
