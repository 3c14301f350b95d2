package dev.ncbridge.bench;

import dev.ncbridge.sink.encode.RecordEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The {@code json} encoding's cost per record in CPU time of the encoding thread, for a machine
 * that other work shares: JMH's wall-clock time then counts the time the thread waits for a
 * core, CPU time does not (it still counts what sharing a core's caches costs). Rounds of
 * encodes of each of {@link EncodeRecords} after two rounds of warm-up; prints min / median /
 * max of the rounds, in ns per record, the record's build included (as in
 * {@link JsonEncodeBenchmark}, whose {@code baselineBuild} measures it).
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.ncbridge.bench.EncodeCpuTime [rounds] [records per round]</pre>
 */
public final class EncodeCpuTime {
    private static final int WARM_UP_ROUNDS = 2;

    private EncodeCpuTime() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        RecordEncoder json = RecordEncoder.forName("json");
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        long now = 1_700_000_000_000_000_000L;
        double[][] nanos = new double[EncodeRecords.values().length][rounds];
        for (int round = -WARM_UP_ROUNDS; round < rounds; round++) {
            for (EncodeRecords record : EncodeRecords.values()) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < perRound; i++) {
                    now += 1000;
                    out.reset();
                    json.encode(record.at(now), out);
                }
                if (round >= 0) {
                    nanos[record.ordinal()][round] = (threads.getCurrentThreadCpuTime() - start) / (double) perRound;
                }
            }
        }
        System.out.println("record | CPU ns per record, min / median / max of " + rounds + " rounds of " + perRound);
        for (EncodeRecords record : EncodeRecords.values()) {
            double[] n = nanos[record.ordinal()];
            Arrays.sort(n);
            System.out.printf("%s | %.0f / %.0f / %.0f%n", record.name().toLowerCase(), n[0], n[n.length / 2],
                    n[n.length - 1]);
        }
    }
}
