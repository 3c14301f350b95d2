package dev.ncbridge.bench;

import dev.ncbridge.app.route.LiveRouter;
import dev.ncbridge.app.route.RecordTarget;
import dev.ncbridge.app.route.Router;
import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.Substitution;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.Records;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What making the routes reloadable costs a record: the same route table routed directly
 * ({@link Router}) and through the {@link LiveRouter} the decode workers use, whose extra work is
 * a thread-local slot and two volatile writes. Results and the command are in docs/performance.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class RouteBenchmark {
    private static final String ROUTES = """
            routes:
              - {match: {level: "<=err"}, to: [alerts], continue: true}
              - {to: [all]}
            """;

    private Router router;
    private LiveRouter live;
    private Record record;

    @Setup
    public void setUp(Blackhole blackhole) {
        RecordTarget consume = blackhole::consume;
        router = Router.compile(new ConfigLoader(new Substitution(k -> null)).load("bench.yaml", ROUTES).routes(),
                Map.of("alerts", consume, "all", consume));
        live = new LiveRouter(router);
        record = Records.extended().message("eth0: link down").source(new InetSocketAddress("10.1.2.3", 6665))
                .hostName("web-1").level(3).facility(0).build();
    }

    @Benchmark
    public void direct() {
        router.route(record);
    }

    @Benchmark
    public void live() {
        live.route(record);
    }
}
