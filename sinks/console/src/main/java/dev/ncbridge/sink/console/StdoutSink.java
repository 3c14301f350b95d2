package dev.ncbridge.sink.console;

import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.sink.BatchResult;
import dev.ncbridge.sink.Sink;
import dev.ncbridge.sink.encode.RecordEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Writes each record, encoded, followed by {@code '\n'} to standard output, and flushes at the end
 * of every batch so lines show up promptly.
 *
 * <p>Records are encoded into a private buffer and handed to standard output only as whole lines,
 * while holding the stream's lock, so that two stdout sinks (or a sink and a log appender) sharing
 * the stream never interleave inside a line. The buffer is Netty's rather than a {@link
 * java.io.ByteArrayOutputStream}, whose every call takes a lock: three per line, which cost more
 * than a tenth of the sink's time under a flood for a buffer only this sink's thread uses.
 */
final class StdoutSink implements Sink {
    /** Whole lines are handed over once this many bytes have collected, not only at the batch end. */
    private static final int HAND_OVER_BYTES = 64 * 1024;

    private final RecordEncoder encoder;
    private final OutputStream stdout;
    private final ByteBuf lines = Unpooled.buffer(HAND_OVER_BYTES);
    private final ByteBufOutputStream linesOut = new ByteBufOutputStream(lines);

    StdoutSink(RecordEncoder encoder, OutputStream stdout) {
        this.encoder = encoder;
        this.stdout = stdout;
    }

    @Override
    public CompletionStage<BatchResult> write(List<Record> batch) {
        try {
            for (Record record : batch) {
                encoder.encode(record, linesOut);
                lines.writeByte('\n');
                if (lines.readableBytes() >= HAND_OVER_BYTES) {
                    handOver(false);
                }
            }
            handOver(true);
            return CompletableFuture.completedFuture(BatchResult.ok());
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new IOException("cannot write to standard output: " + e, e));
        } finally {
            // After a failure the runner retries the whole batch: start it from nothing.
            lines.clear();
        }
    }

    private void handOver(boolean flush) throws IOException {
        synchronized (stdout) {
            lines.readBytes(stdout, lines.readableBytes());
            if (flush) {
                stdout.flush();
            }
            // System.out is a PrintStream, which swallows write errors (a closed pipe) and only
            // remembers them; without this check the runner would count lost lines as sent.
            if (stdout instanceof PrintStream print && print.checkError()) {
                throw new IOException("the stream reports an error (closed pipe or full disk?)");
            }
        }
        lines.clear();
    }

    /** Flushes what is written; standard output itself stays open, as other parts of the process share it. */
    @Override
    public void close() throws IOException {
        synchronized (stdout) {
            stdout.flush();
        }
    }
}
