package dev.ncbridge.sink.elasticsearch;

import dev.ncbridge.sink.template.Sanitizer;
import dev.ncbridge.sink.template.Template;

/**
 * What Elasticsearch allows in an index or data stream name: lower case, none of
 * {@code \ / * ? " < > | , # :} or space, not starting with {@code -}, {@code _} or {@code +},
 * not {@code .} or {@code ..}. The template's own text must keep to that; a field's value (a host
 * name holds anything a name file said) is lower-cased, and every character but letters, digits,
 * {@code .}, {@code -} and {@code _} becomes {@code _}.
 */
final class IndexNameSanitizer implements Sanitizer {
    /** Characters Elasticsearch forbids in index names (besides upper case). */
    private static final String FORBIDDEN = "\\/*?\"<>|,#: ";

    @Override
    public void appendValue(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = Character.toLowerCase(value.charAt(i));
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
            out.append(allowed ? c : '_');
        }
    }

    @Override
    public void checkFixedText(String fixed, String template) {
        for (int i = 0; i < fixed.length(); i++) {
            char c = fixed.charAt(i);
            if (FORBIDDEN.indexOf(c) >= 0 || c == '{' || c == '}') {
                throw new IllegalArgumentException("\"" + template + "\": Elasticsearch names cannot contain '" + c + "'");
            }
            if (Character.isUpperCase(c)) {
                throw new IllegalArgumentException("\"" + template + "\": Elasticsearch names must be lower case");
            }
        }
    }

    /** The template must start with its own text, so that its index template matches only these indices. */
    @Override
    public void checkTemplate(Template template) {
        if (template.prefix().isEmpty()) {
            throw new IllegalArgumentException("\"" + template + "\" must start with literal text (as"
                    + " netconsole-{host}-{yyyy}.{MM}.{dd}), so that its index template matches only these indices");
        }
        checkStart(template.prefix());
    }

    /** Checks the start of a name, or of the fixed text a template's names start with. */
    static void checkStart(String name) {
        if ("-_+".indexOf(name.charAt(0)) >= 0 || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("\"" + name + "\": Elasticsearch names cannot start with '"
                    + name.charAt(0) + "' or be . or ..");
        }
    }
}
