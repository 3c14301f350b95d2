package dev.ncbridge.sink.encode;

import dev.ncbridge.ingest.record.Record;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Objects;

/**
 * Turns a {@link Record} into bytes for a sink. Implementations are stateless and thread-safe:
 * one instance may be shared by every sink and thread.
 *
 * <p>An encoder writes one record and no delimiter; framing (a newline, a length prefix, a
 * syslog header) is the sink's business.
 */
public interface RecordEncoder {

    /**
     * Writes one encoded record to {@code out}, without a trailing newline. Neither flushes nor
     * closes {@code out}, so a sink can batch many records into one buffered stream.
     */
    void encode(Record record, OutputStream out) throws IOException;

    /** The encoded record as a new array. */
    default byte[] encode(Record record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            encode(record, out);
        } catch (IOException e) {
            // A ByteArrayOutputStream never throws; only a broken encoder could get here.
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The name this encoding is configured by ({@code json}, {@code text}, {@code raw}). */
    String name();

    /**
     * The encoder configured as {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the valid choices when {@code name} is unknown
     */
    static RecordEncoder forName(String name) {
        switch (Objects.requireNonNull(name, "name").trim().toLowerCase(Locale.ROOT)) {
            case JsonRecordEncoder.NAME:
                return new JsonRecordEncoder();
            case TextRecordEncoder.NAME:
                return new TextRecordEncoder();
            case RawRecordEncoder.NAME:
                return new RawRecordEncoder();
            default:
                throw new IllegalArgumentException("unknown encoding '" + name + "' (expected one of "
                        + JsonRecordEncoder.NAME + ", " + TextRecordEncoder.NAME + ", " + RawRecordEncoder.NAME + ")");
        }
    }
}
