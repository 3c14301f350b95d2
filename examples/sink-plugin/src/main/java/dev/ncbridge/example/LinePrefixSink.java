package dev.ncbridge.example;

import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.sink.BatchResult;
import dev.ncbridge.sink.Sink;
import dev.ncbridge.sink.encode.RecordEncoder;
import dev.ncbridge.sink.template.Template;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Writes lines, each after its prefix if there is one, to one file; a failed write fails the batch,
 * and the runner retries it.
 */
final class LinePrefixSink implements Sink {
    private final Path path;
    private final Template prefix;
    private final RecordEncoder encoder;
    private OutputStream out;

    LinePrefixSink(Path path, Template prefix, RecordEncoder encoder) {
        this.path = path;
        this.prefix = prefix;
        this.encoder = encoder;
    }

    @Override
    public void start() throws IOException {
        out = new BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    }

    @Override
    public CompletionStage<BatchResult> write(List<Record> batch) {
        try {
            for (Record r : batch) {
                if (prefix != null) {
                    out.write(prefix.render(r).getBytes(StandardCharsets.UTF_8));
                }
                encoder.encode(r, out);
                out.write('\n');
            }
            out.flush();
            return CompletableFuture.completedFuture(BatchResult.ok());
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
