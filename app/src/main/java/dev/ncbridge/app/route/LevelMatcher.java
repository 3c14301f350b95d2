package dev.ncbridge.app.route;

import dev.ncbridge.config.ConfigProblem;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.ingest.record.Fields;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.record.Severity;
import java.util.List;

/**
 * {@code level}: a severity ({@code err}, {@code 3}) or a comparison ({@code <=err}, {@code >=4}),
 * or a list of them. Comparisons are on the number, where 0 (emerg) is the most severe: so
 * {@code <=err} is err or worse (0..3) and {@code >=warning} is warning or milder (4..7). Every
 * entry becomes a set of levels up front, so matching is one bit test. Records without a level
 * (legacy lines, events) never match.
 */
final class LevelMatcher implements RecordMatcher {
    private static final int LEVELS = 8;
    private static final String FORMS = "write a level name (emerg, alert, crit, err, warning, notice, info, debug), "
            + "a number 0..7, or a comparison such as \"<=err\" or \">=4\"";

    /** Bit n set: level n matches. */
    private final int accepted;

    private LevelMatcher(int accepted) {
        this.accepted = accepted;
    }

    static LevelMatcher of(ConfigSection value, List<ConfigProblem> problems) {
        int accepted = 0;
        for (Scalars.Scalar entry : Scalars.of(value, problems)) {
            accepted |= levels(entry, problems);
        }
        return new LevelMatcher(accepted);
    }

    @Override
    public boolean matches(Record r) {
        Severity level = Fields.LEVEL.value(r);
        return level != null && (accepted & 1 << level.code()) != 0;
    }

    /** The levels one entry names, as a bit set; 0 after reporting a problem. */
    private static int levels(Scalars.Scalar entry, List<ConfigProblem> problems) {
        String text = entry.text().trim();
        String op = operator(text);
        int level = level(text.substring(op.length()).trim());
        if (level < 0) {
            problems.add(entry.problem("\"" + entry.text() + "\" is not a level: " + FORMS));
            return 0;
        }
        int set = 0;
        for (int n = 0; n < LEVELS; n++) {
            if (compare(op, n, level)) {
                set |= 1 << n;
            }
        }
        if (set == 0) {
            problems.add(entry.problem("\"" + entry.text() + "\" matches no level"));
        }
        return set;
    }

    private static String operator(String text) {
        for (String op : new String[] {"<=", ">=", "<", ">", "="}) {
            if (text.startsWith(op)) {
                return op;
            }
        }
        return "";
    }

    /** The level a name or number stands for, or -1. */
    private static int level(String name) {
        if (name.length() == 1 && name.charAt(0) >= '0' && name.charAt(0) < '0' + LEVELS) {
            return name.charAt(0) - '0';
        }
        try {
            return Severity.parse(name).code();
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private static boolean compare(String op, int n, int level) {
        switch (op) {
            case "<=":
                return n <= level;
            case ">=":
                return n >= level;
            case "<":
                return n < level;
            case ">":
                return n > level;
            default:
                return n == level;
        }
    }
}
