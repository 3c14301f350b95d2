package dev.ncbridge.sink.kafka;

import dev.ncbridge.sink.template.Sanitizer;
import dev.ncbridge.sink.template.Template;

/**
 * What Kafka allows in a topic name: letters, digits, {@code .}, {@code _} and {@code -}, at most
 * 249 characters, not {@code .} or {@code ..}. The template's own text must keep to that; in a
 * field's value every other character becomes {@code _} (so {@code 2001:db8::5} becomes
 * {@code 2001_db8__5}), and a name made too long by a long host name is cut.
 */
final class TopicSanitizer implements Sanitizer {
    private static final String TOPIC_CHARS = "letters, digits, '.', '_' and '-'";
    private static final int MAX_TOPIC_LENGTH = 249;

    @Override
    public void appendValue(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(isLegal(c) ? c : '_');
        }
    }

    @Override
    public void checkFixedText(String fixed, String template) {
        if (!fixed.chars().allMatch(c -> isLegal((char) c))) {
            throw new IllegalArgumentException("\"" + template + "\" is not a valid topic name: use only " + TOPIC_CHARS
                    + " besides the {fields}");
        }
    }

    @Override
    public void checkTemplate(Template template) {
        String text = template.toString();
        if (template.isConstant() && (text.equals(".") || text.equals("..") || text.length() > MAX_TOPIC_LENGTH)) {
            throw new IllegalArgumentException("\"" + text + "\" is not a valid topic name: it may not be '.' or '..'"
                    + " and has at most " + MAX_TOPIC_LENGTH + " characters");
        }
    }

    @Override
    public void finish(StringBuilder out, int start) {
        if (out.length() - start > MAX_TOPIC_LENGTH) {
            out.setLength(start + MAX_TOPIC_LENGTH);
        }
    }

    private static boolean isLegal(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                || c == '-';
    }
}
