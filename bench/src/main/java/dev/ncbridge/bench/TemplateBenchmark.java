package dev.ncbridge.bench;

import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.Records;
import dev.ncbridge.sink.template.Sanitizer;
import dev.ncbridge.sink.template.Template;
import java.net.InetSocketAddress;
import java.time.ZoneId;
import java.time.ZoneOffset;
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

/**
 * The cost of rendering a template per record, as the sinks do: into a reused builder (file sink)
 * or to a new string (Kafka topic and key, Elasticsearch index). Records come from 64 hosts, one
 * millisecond apart, so the date parts change hour as real traffic does. Results and the command
 * are in docs/performance.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class TemplateBenchmark {
    private static final int HOSTS = 64;

    private final Record[] records = new Record[4096];
    private final StringBuilder scratch = new StringBuilder(128);
    private int next;

    private final Template constant = Template.parse("netconsole", Sanitizer.NONE, ZoneOffset.UTC);
    private final Template path = Template.parse("/var/log/netconsole/{host}/{yyyy}-{MM}-{dd}.log", Sanitizer.NONE,
            ZoneId.of("Europe/Berlin"));
    private final Template index = Template.parse("netconsole-{host}-{yyyy}.{MM}.{dd}", Sanitizer.NONE,
            ZoneOffset.UTC);
    private final Template key = Template.parse("{ip}", Sanitizer.NONE, ZoneOffset.UTC);

    @Setup
    public void setUp() {
        long start = 1_795_000_000_000_000_000L;
        for (int i = 0; i < records.length; i++) {
            int host = i % HOSTS;
            records[i] = Records.extended().receivedAtNanos(start + i * 1_000_000L).message("m")
                    .source(new InetSocketAddress("10.20.30." + host, 6665)).hostName("web-" + host + ".example.net")
                    .level(6).facility(0).build();
        }
    }

    private Record nextRecord() {
        Record r = records[next];
        next = (next + 1) & (records.length - 1);
        return r;
    }

    /** A topic without fields: the same string for every record. */
    @Benchmark
    public String constantTopic() {
        return constant.render(nextRecord());
    }

    /** The file sink's path with a host and local date, into the sink's reused builder. */
    @Benchmark
    public int filePathIntoBuilder() {
        scratch.setLength(0);
        path.render(nextRecord(), scratch);
        return scratch.length();
    }

    /** An Elasticsearch index name with a host and UTC date, as a new string. */
    @Benchmark
    public String indexNameString() {
        return index.render(nextRecord());
    }

    /** The Kafka sink's default key, the source address, as a new string. */
    @Benchmark
    public String addressKeyString() {
        return key.render(nextRecord());
    }
}
