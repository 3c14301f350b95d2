package dev.ncbridge.ingest.record;

/** Syslog severities (the kernel's log levels 0..7), with the names logs and ECS use. */
public enum Severity {
    EMERG("emerg", "Emergency"),
    ALERT("alert", "Alert"),
    CRIT("crit", "Critical"),
    ERR("err", "Error"),
    WARNING("warning", "Warning"),
    NOTICE("notice", "Notice"),
    INFO("info", "Informational"),
    DEBUG("debug", "Debug");

    private static final Severity[] BY_CODE = values();

    private final String keyword;
    private final String displayName;

    Severity(String keyword, String displayName) {
        this.keyword = keyword;
        this.displayName = displayName;
    }

    public int code() {
        return ordinal();
    }

    /** The short name ({@code err}), used as {@code log.level}. */
    public String keyword() {
        return keyword;
    }

    /** The RFC 5424 name ({@code Error}), used as {@code log.syslog.severity.name}. */
    public String displayName() {
        return displayName;
    }

    public static Severity ofCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("severity code out of range 0..7: " + code);
        }
        return BY_CODE[code];
    }

    /** Parses a keyword ({@code err}, {@code warning}) or an alias ({@code error}, {@code warn}). */
    public static Severity parse(String name) {
        String n = name.trim().toLowerCase(java.util.Locale.ROOT);
        switch (n) {
            case "emergency":
            case "panic":
                return EMERG;
            case "critical":
                return CRIT;
            case "error":
                return ERR;
            case "warn":
                return WARNING;
            case "informational":
                return INFO;
            default:
                for (Severity s : BY_CODE) {
                    if (s.keyword.equals(n)) {
                        return s;
                    }
                }
                throw new IllegalArgumentException("unknown severity '" + name
                        + "' (expected one of emerg, alert, crit, err, warning, notice, info, debug or 0..7)");
        }
    }
}
