package dev.ncbridge.app.run;

import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.sink.BatchResult;
import dev.ncbridge.sink.Sink;
import dev.ncbridge.sink.SinkContext;
import dev.ncbridge.sink.SinkProvider;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code type: test-stuck}: a destination that never answers, as a hung server does. */
public final class StuckSinkProvider implements SinkProvider {
    @Override
    public String type() {
        return "test-stuck";
    }

    @Override
    public Sink create(SinkContext context) {
        context.settings().bind(NoSettings.class);
        return new Sink() {
            @Override
            public CompletionStage<BatchResult> write(List<Record> batch) {
                return new CompletableFuture<>();
            }

            @Override
            public void close() {
            }
        };
    }

    record NoSettings() {
    }
}
