package dev.ncbridge.sink.encode;

import dev.ncbridge.ingest.record.CrashRecord;
import dev.ncbridge.ingest.record.Facility;
import dev.ncbridge.ingest.record.Extended;
import dev.ncbridge.ingest.record.Facility;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.record.Severity;
import dev.ncbridge.ingest.record.SourceEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One human-readable UTF-8 line per record, in the spirit of netconsd's printer:
 *
 * <pre>
 * 2026-11-21T10:15:30.123456Z web-42 kern.err [22085.407756] seq=607 the message
 * 2026-11-21T10:15:31.000000Z web-42 event loss 3 messages missing
 * 2026-11-21T10:15:32.000000Z web-42 crash oops BUG: kernel NULL pointer dereference, address: 0000000000000000
 *   BUG: kernel NULL pointer dereference, address: 0000000000000000
 *   #PF: supervisor read access in kernel mode
 *   ...
 * </pre>
 *
 * A crash record is the one record of several lines: its title line, then the report's full text,
 * each line indented by two spaces so that it cannot be read as a record of its own.
 * Tokens the record lacks are left out. The message is escaped so that the line stays one line
 * and a terminal shows no raw control characters. Stateless and thread-safe.
 */
public final class TextRecordEncoder implements RecordEncoder {
    static final String NAME = "text";

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void encode(Record r, OutputStream out) throws IOException {
        StringBuilder line = new StringBuilder(64 + r.message().length());
        line.append(TimestampFormatter.format(r.receivedAtNanos())).append(' ').append(r.hostName());
        if (r instanceof KernelMessage m) {
            appendMessageTokens(line, m);
        } else if (r instanceof SourceEvent e) {
            line.append(" event ").append(e.event().type().wireName());
        } else if (r instanceof CrashRecord c) {
            line.append(" crash ").append(c.report().kind().wireName());
        }
        line.append(' ');
        appendEscaped(line, r.message());
        if (r instanceof CrashRecord c) {
            for (String text : c.report().text().split("\n", -1)) {
                line.append("\n  ");
                appendEscaped(line, text);
            }
        }
        if (r instanceof KernelMessage m) {
            if (m.incomplete()) {
                line.append(" (incomplete)");
            }
            if (m.extended() != null && m.extended().truncated()) {
                line.append(" (truncated)");
            }
        }
        out.write(line.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void appendMessageTokens(StringBuilder line, KernelMessage m) {
        Extended x = m.extended();
        if (x != null) {
            line.append(' ').append(Facility.name(x.facility())).append('.').append(Severity.ofCode(x.level()).keyword());
        }
        if (m.kernelTsUs() != null) {
            long us = m.kernelTsUs();
            line.append(" [").append(us / 1_000_000).append('.');
            String micros = Long.toString(us % 1_000_000);
            for (int pad = micros.length(); pad < 6; pad++) {
                line.append('0');
            }
            line.append(micros).append(']');
        }
        if (x != null) {
            line.append(" seq=").append(x.seq());
        }
    }

    /** Backslash-escapes line breaks, control characters and the backslash itself. */
    private static void appendEscaped(StringBuilder line, String message) {
        for (int i = 0, n = message.length(); i < n; i++) {
            char c = message.charAt(i);
            if (c == '\\') {
                line.append("\\\\");
            } else if (c == '\n') {
                line.append("\\n");
            } else if (c == '\r') {
                line.append("\\r");
            } else if (c < 0x20 || c == 0x7f) {
                line.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else {
                line.append(c);
            }
        }
    }
}
