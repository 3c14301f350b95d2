package dev.ncbridge.bench.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * The top costs in a JFR recording, as markdown for docs/performance.md: CPU samples by the method that was
 * running (self time) and by the methods on the stack (total time), and allocation by the method that allocated
 * and by the class allocated (the sampled weight of {@code jdk.ObjectAllocationSample}). Only the bridge's own
 * threads count: the start-up on {@code main} and JFR's own threads are left out, so that what is listed is the
 * cost of the traffic.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.ncbridge.bench.profile.JfrTopCosts RECORDING.jfr [N]</pre>
 */
public final class JfrTopCosts {
    private JfrTopCosts() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: JfrTopCosts RECORDING.jfr [N]");
            System.exit(2);
        }
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        TopCosts cpuSelf = new TopCosts();
        TopCosts cpuTotal = new TopCosts();
        TopCosts allocatedBy = new TopCosts();
        TopCosts allocatedClass = new TopCosts();
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!ofTheTraffic(e)) {
                continue;
            }
            RecordedStackTrace stack = e.getStackTrace();
            List<RecordedFrame> frames = stack == null ? List.of() : stack.getFrames();
            switch (e.getEventType().getName()) {
                case "jdk.ExecutionSample" -> {
                    if (!frames.isEmpty()) {
                        cpuSelf.add(name(frames.get(0).getMethod()), 1);
                        cpuTotal.addSample(frames.stream().map(f -> name(f.getMethod())).toList(), 1);
                    }
                }
                case "jdk.ObjectAllocationSample" -> {
                    long weight = e.getLong("weight");
                    allocatedClass.add(e.getClass("objectClass").getName(), weight);
                    if (!frames.isEmpty()) {
                        allocatedBy.add(name(frames.get(0).getMethod()), weight);
                    }
                }
                default -> {
                }
            }
        }
        System.out.printf("CPU samples: %d%n%n%s%n%s%nAllocation sampled: %,d MiB%n%n%s%n%s", cpuSelf.total(),
                cpuSelf.table("method (self)", "samples", n, 1), cpuTotal.table("method (on the stack)", "samples", n, 1),
                allocatedBy.total() >> 20, allocatedBy.table("allocated in", "MiB", n, 1 << 20),
                allocatedClass.table("class", "MiB", n, 1 << 20));
    }

    private static boolean ofTheTraffic(RecordedEvent e) {
        RecordedThread thread = e.getEventType().getName().equals("jdk.ExecutionSample")
                ? e.getThread("sampledThread") : e.getThread();
        String name = thread == null || thread.getJavaName() == null ? "" : thread.getJavaName();
        return !name.equals("main") && !name.startsWith("JFR ");
    }

    private static String name(RecordedMethod m) {
        String type = m.getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + m.getName();
    }
}
