package dev.ncbridge.sink.template;

/**
 * What a target (a file path, a Kafka topic, an index name) allows in the text a template makes.
 * The sink passes it to {@link Template#parse}: the fixed text is checked once there, and every
 * field value a record brings is made safe as it is rendered, so a host name can never make an
 * illegal name or leave the sink's directory.
 */
public interface Sanitizer {
    /** Values as they are, for targets that take any text (a Kafka key, a line prefix). */
    Sanitizer NONE = StringBuilder::append;

    /** Appends a field's value, with what the target does not allow replaced. */
    void appendValue(StringBuilder out, String value);

    /**
     * Checks a piece of the template's own text, between fields.
     *
     * @param template the whole template, to name in the message
     * @throws IllegalArgumentException saying what the target does not allow
     */
    default void checkFixedText(String fixed, String template) {
    }

    /**
     * Checks the parsed template as a whole (its {@linkplain Template#prefix() prefix}, whether it
     * is {@linkplain Template#isConstant() constant}...).
     *
     * @throws IllegalArgumentException saying what the target does not allow
     */
    default void checkTemplate(Template template) {
    }

    /** Makes the rendered text, {@code out} from {@code start} on, fit the target: cuts it to a length limit. */
    default void finish(StringBuilder out, int start) {
    }
}
