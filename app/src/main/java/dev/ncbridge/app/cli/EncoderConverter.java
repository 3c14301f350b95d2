package dev.ncbridge.app.cli;

import dev.ncbridge.sink.encode.RecordEncoder;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine;

/** {@code --format NAME}: the record encoder of that name ({@code json}, {@code text}, {@code raw}). */
public final class EncoderConverter implements CommandLine.ITypeConverter<RecordEncoder> {

    @Override
    public RecordEncoder convert(String name) {
        try {
            return RecordEncoder.forName(name);
        } catch (IllegalArgumentException e) {
            // The encoder's message already names the valid choices.
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /** The names, for help text ({@code ${COMPLETION-CANDIDATES}}) and shell completion. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("json", "text", "raw").iterator();
        }
    }
}
