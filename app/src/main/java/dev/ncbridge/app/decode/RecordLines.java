package dev.ncbridge.app.decode;

import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.sink.encode.RecordEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * Writes records one per line in the chosen encoding. A write failure is thrown unchecked, so it
 * can pass through the decoder's callback; its cause is the real {@link IOException}.
 */
final class RecordLines implements Consumer<Record> {
    private final RecordEncoder encoder;
    private final OutputStream out;

    RecordLines(RecordEncoder encoder, OutputStream out) {
        this.encoder = encoder;
        this.out = out;
    }

    @Override
    public void accept(Record r) {
        try {
            encoder.encode(r, out);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
