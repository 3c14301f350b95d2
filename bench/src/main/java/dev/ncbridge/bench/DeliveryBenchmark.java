package dev.ncbridge.bench;

import dev.ncbridge.app.route.LiveRouter;
import dev.ncbridge.app.route.Router;
import dev.ncbridge.app.route.RunnerTarget;
import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.Substitution;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.Records;
import dev.ncbridge.sink.BatchResult;
import dev.ncbridge.sink.Overflow;
import dev.ncbridge.sink.RejectHandler;
import dev.ncbridge.sink.RunnerSettings;
import dev.ncbridge.sink.Sink;
import dev.ncbridge.sink.SinkRunner;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a decode worker pays to hand a record to a sink: through the {@link LiveRouter} into a
 * {@link SinkRunner}'s queue, whose thread takes it and acknowledges it at once. A pass of {@value
 * #PASS} records is handed on one record at a time, as before the fourteenth batch, and as one
 * batch, as now. Results and the command are in docs/performance.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class DeliveryBenchmark {
    static final int PASS = 256;

    private SinkRunner runner;
    private LiveRouter live;
    private List<Record> pass;

    /** Acknowledges every batch at once, as the blackhole sink does. */
    private static final class AcknowledgingSink implements Sink {
        @Override
        public CompletionStage<BatchResult> write(List<Record> batch) {
            return CompletableFuture.completedFuture(BatchResult.ok());
        }

        @Override
        public void close() {
        }
    }

    @Setup
    public void setUp() throws Exception {
        RunnerSettings settings = new RunnerSettings("bench", "json", null, 65_536, null, Overflow.BLOCK, null,
                new RunnerSettings.Batching(1_000, null, Duration.ofMillis(1)),
                new RunnerSettings.Retry(Duration.ofMillis(1), Duration.ofMillis(5), 0), null);
        runner = new SinkRunner("bench", new AcknowledgingSink(), settings, new SimpleMeterRegistry(),
                RejectHandler.NONE);
        runner.start();
        live = new LiveRouter(Router.compile(
                new ConfigLoader(new Substitution(k -> null)).load("bench.yaml", "routes: [{to: [all]}]").routes(),
                Map.of("all", new RunnerTarget(runner))));
        InetSocketAddress source = new InetSocketAddress("10.1.2.3", 6665);
        pass = IntStream.range(0, PASS).mapToObj(i -> (Record) Records.extended().message("eth0: link down")
                .source(source).hostName("web-1").level(6).facility(0).build()).toList();
    }

    @TearDown
    public void tearDown() {
        runner.close(Duration.ofSeconds(5));
    }

    @Benchmark
    @OperationsPerInvocation(PASS)
    public void recordByRecord() {
        for (Record r : pass) {
            live.route(r);
        }
    }

    @Benchmark
    @OperationsPerInvocation(PASS)
    public void passAtOnce() {
        live.route(pass, 0, PASS);
    }
}
