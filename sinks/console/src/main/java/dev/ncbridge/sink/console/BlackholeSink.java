package dev.ncbridge.sink.console;

import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.sink.BatchResult;
import dev.ncbridge.sink.Sink;
import dev.ncbridge.sink.encode.RecordEncoder;
import io.micrometer.core.instrument.Counter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Settles every batch at once; encodes into one reused buffer first when asked to. */
final class BlackholeSink implements Sink {
    private static final CompletableFuture<BatchResult> DONE = CompletableFuture.completedFuture(BatchResult.ok());

    /** Null when records are not encoded. */
    private final RecordEncoder encoder;
    private final Counter encodedBytes;
    /** Netty's buffer rather than a ByteArrayOutputStream, which takes a lock at every call (StdoutSink says why). */
    private final ByteBuf buffer = Unpooled.buffer(4096);
    private final ByteBufOutputStream bufferOut = new ByteBufOutputStream(buffer);

    BlackholeSink(RecordEncoder encoder, Counter encodedBytes) {
        this.encoder = encoder;
        this.encodedBytes = encodedBytes;
    }

    @Override
    public CompletionStage<BatchResult> write(List<Record> batch) {
        if (encoder == null) {
            return DONE;
        }
        long bytes = 0;
        try {
            for (Record r : batch) {
                buffer.clear();
                encoder.encode(r, bufferOut);
                bytes += buffer.readableBytes();
            }
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        encodedBytes.increment(bytes);
        return DONE;
    }

    @Override
    public void close() {
    }
}
