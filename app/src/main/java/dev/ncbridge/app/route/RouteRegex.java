package dev.ncbridge.app.route;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Compiles the regular expressions users write in routes with RE2/J, whose matching takes time
 * linear in the text and a bounded stack: no message, however long or crafted, can stall a decode
 * worker or overflow its stack, as {@code ^(a|aa)+$} does with {@code java.util.regex}. The price
 * is RE2's syntax, without backreferences and lookaround; refusing those says so in plain words.
 */
final class RouteRegex {
    private static final String SYNTAX = " (routes use RE2 syntax, which matches in time linear in the message)";

    private RouteRegex() {
    }

    /** @throws IllegalArgumentException when RE2 cannot compile {@code regex}, saying why in one line */
    static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("\"" + regex + "\" is not a valid regular expression: "
                    + explain(e.getDescription(), fragment(e)));
        }
    }

    /** The part of the expression RE2/J points at: its message ends with {@code : `fragment`}. */
    private static String fragment(PatternSyntaxException e) {
        String message = e.getMessage();
        int open = message.indexOf(": `");
        return open >= 0 && message.endsWith("`") ? message.substring(open + 3, message.length() - 1) : "";
    }

    private static String explain(String description, String fragment) {
        if (fragment.matches("\\\\([1-9]|k)")) {
            return "backreferences (" + fragment + ") are not supported" + SYNTAX;
        }
        if (fragment.startsWith("(?=") || fragment.startsWith("(?!") || fragment.startsWith("(?<=")
                || fragment.startsWith("(?<!")) {
            return "lookahead and lookbehind (" + fragment + ") are not supported" + SYNTAX;
        }
        if (fragment.startsWith("(?>")) {
            return "atomic groups ((?>) are not supported" + SYNTAX;
        }
        if (description.equals("invalid nested repetition operator")) {
            return "a repetition of a repetition (" + fragment + ", as in possessive quantifiers) is not supported" + SYNTAX;
        }
        if (description.equals("missing argument to repetition operator") && fragment.length() == 1) {
            return "\"" + fragment + "\" has nothing before it to repeat; write \\" + fragment + " to match a \""
                    + fragment + "\"";
        }
        if (fragment.equals("stack underflow")) {
            // RE2/J's words for a ')' that closes nothing.
            return "unmatched ')'";
        }
        return fragment.isEmpty() ? description : description + " at \"" + fragment + "\"";
    }
}
