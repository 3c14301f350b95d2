package dev.ncbridge.app.route;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.ncbridge.config.ConfigProblem;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.ingest.record.Fields;
import dev.ncbridge.ingest.record.Record;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code message}: a regular expression (RE2 syntax, see {@link RouteRegex}) found anywhere in
 * the message text, or a list of them (any of). Anchor with {@code ^} and {@code $} to match the
 * whole text.
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
                patterns.add(RouteRegex.compile(entry.text()));
            } catch (IllegalArgumentException e) {
                problems.add(entry.problem(e.getMessage()));
            }
        }
        return new MessageMatcher(patterns.toArray(new Pattern[0]));
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
            if (m.reset(Fields.MESSAGE.value(r)).find()) {
                return true;
            }
        }
        return false;
    }
}
