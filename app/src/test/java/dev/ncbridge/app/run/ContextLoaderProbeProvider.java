package dev.ncbridge.app.run;

import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.sink.BatchResult;
import dev.ncbridge.sink.Sink;
import dev.ncbridge.sink.SinkContext;
import dev.ncbridge.sink.SinkProvider;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code type: test-context-loader}: a sink that notes the thread's context class loader when it is made. */
public final class ContextLoaderProbeProvider implements SinkProvider {
    static volatile ClassLoader atCreate;

    @Override
    public String type() {
        return "test-context-loader";
    }

    @Override
    public Sink create(SinkContext context) {
        context.settings().bind(StuckSinkProvider.NoSettings.class);
        atCreate = Thread.currentThread().getContextClassLoader();
        return new Sink() {
            @Override
            public CompletionStage<BatchResult> write(List<Record> batch) {
                return CompletableFuture.completedFuture(BatchResult.ok());
            }

            @Override
            public void close() {
            }
        };
    }
}
