package dev.ncbridge.app.route;

import dev.ncbridge.config.ConfigProblem;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.ingest.record.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code message}: a Java regular expression found anywhere in the message text, or a list of
 * them (any of). Anchor with {@code ^} and {@code $} to match the whole text.
 */
final class MessageMatcher implements RecordMatcher {
    private final Pattern[] patterns;

    /**
     * A Matcher is mutable, so it cannot be shared between the decode workers, and making a new
     * one per record is an allocation of several arrays. Each worker thread keeps its own and
     * resets it onto the next message (holding on to the last message until then, which is harmless).
     */
    private final ThreadLocal<Matcher[]> matchers;

    private MessageMatcher(Pattern[] patterns) {
        this.patterns = patterns;
        this.matchers = ThreadLocal.withInitial(this::newMatchers);
    }

    static MessageMatcher of(ConfigSection value, List<ConfigProblem> problems) {
        List<Pattern> patterns = new ArrayList<>();
        for (Scalars.Scalar entry : Scalars.of(value, problems)) {
            try {
                patterns.add(Pattern.compile(entry.text()));
            } catch (PatternSyntaxException e) {
                problems.add(entry.problem(invalid(e)));
            }
        }
        return new MessageMatcher(patterns.toArray(new Pattern[0]));
    }

    /** One line: the exception's own message spans three, with a caret under the position. */
    private static String invalid(PatternSyntaxException e) {
        String where = e.getIndex() >= 0 ? " (at index " + e.getIndex() + ")" : "";
        return "\"" + e.getPattern() + "\" is not a valid regular expression: " + reason(e.getDescription()) + where;
    }

    /** The commonest of Java's descriptions in plain words; the others as Java gives them. */
    private static String reason(String description) {
        if (description.startsWith("Dangling meta character '") && description.length() >= 27) {
            char c = description.charAt(25);
            return "\"" + c + "\" has nothing before it to repeat; write \\" + c + " to match a \"" + c + "\"";
        }
        return switch (description) {
            case "Unclosed group" -> "a \"(\" is not closed";
            case "Unclosed character class" -> "a \"[\" is not closed";
            case "Unmatched closing ')'" -> "a \")\" has no \"(\" before it";
            case "Illegal repetition" -> "\"{\" starts a count such as {2,3}; write \\{ to match a \"{\"";
            default -> description;
        };
    }

    private Matcher[] newMatchers() {
        Matcher[] m = new Matcher[patterns.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = patterns[i].matcher("");
        }
        return m;
    }

    @Override
    public boolean matches(Record r) {
        for (Matcher m : matchers.get()) {
            if (m.reset(r.message()).find()) {
                return true;
            }
        }
        return false;
    }
}
