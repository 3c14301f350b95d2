package dev.ncbridge.sink.console;

import dev.ncbridge.sink.template.Sanitizer;
import dev.ncbridge.sink.template.Template;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * What the file sink's {@code path} template allows. Field values (a host name, an address) come
 * from datagrams, configuration or reverse DNS, which an attacker controlling a PTR record can fill
 * with {@code ../../etc/passwd}; whatever they hold must stay one plain name inside the sink's
 * directory.
 */
final class FilePathSanitizer implements Sanitizer {
    /**
     * Appends {@code value} with every character other than {@code [A-Za-z0-9._:-]} replaced by
     * {@code _}, and the second of two dots in a row too; an empty value or a lone {@code .}
     * becomes {@code _}. So what is appended never contains {@code /} or {@code ..}, and is
     * never empty or {@code .}.
     */
    @Override
    public void appendValue(StringBuilder out, String value) {
        int start = out.length();
        char previous = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            char safe = allowed(c) && !(c == '.' && previous == '.') ? c : '_';
            out.append(safe);
            previous = safe;
        }
        if (out.length() == start) {
            out.append('_');
        } else if (out.length() == start + 1 && out.charAt(start) == '.') {
            out.setCharAt(start, '_');
        }
    }

    /** The path must name a file, and be a path once its fields are filled in. */
    @Override
    public void checkTemplate(Template template) {
        String text = template.toString();
        if (text.endsWith("/")) {
            throw new IllegalArgumentException("\"" + text + "\" names a directory: end it with a file name, as {host}.log");
        }
        try {
            Path.of(template.pattern("x"));
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a valid path: " + e.getReason());
        }
    }

    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == ':' || c == '-';
    }
}
