package dev.ncbridge.app.blast;

import dev.ncbridge.app.ExitCodes;
import dev.ncbridge.app.cli.HelpOption;
import dev.ncbridge.app.cli.SocketAddressConverter;
import dev.ncbridge.config.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ncbridge blast}: a load generator. Simulated hosts send netconsole messages to a bridge;
 * with {@code --verify}, the bridge's own counters say how much of it arrived.
 */
@Command(
        name = "blast",
        sortOptions = false,
        header = "Send netconsole load from many simulated hosts.",
        descriptionHeading = "%n",
        description = {
            "Each simulated host sends extended (or --legacy) messages with its own rising seq, round-robin,"
                    + " from its own loopback address (127.1.0.1, 127.1.0.2, ...) or, with --spread ports, its"
                    + " own port. Prints the rate every second and the totals at the end; with --verify, reads"
                    + " the bridge's /metrics before and after and reports what it received and decoded:",
            "",
            "  ncbridge blast --hosts 1000 --duration 30s --verify http://127.0.0.1:9666",
            "  ncbridge blast --to 10.0.0.9:6666 --spread ports --rate 20000 --count 1000000"
        },
        optionListHeading = "%nOptions:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:sent (and, with --verify, the bridge received and decoded all of it)",
            "1:with --verify: the bridge received or decoded less than was sent",
            "2:usage error, or the traffic could not be sent or the bridge not asked"
        })
public final class BlastCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--to", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:6666",
            converter = SocketAddressConverter.class, description = "The bridge. Default: ${DEFAULT-VALUE}.")
    InetSocketAddress to;

    @Option(names = "--hosts", paramLabel = "N", defaultValue = "100",
            description = "Simulated hosts. Default: ${DEFAULT-VALUE}.")
    int hostCount;

    @Option(names = "--spread", paramLabel = "HOW", defaultValue = "addresses",
            description = "addresses (one 127.x address per host; loopback targets only) or ports."
                    + " Default: ${DEFAULT-VALUE}.")
    String spread;

    @Option(names = "--rate", paramLabel = "MSG/S", defaultValue = "0",
            description = "Messages per second over all hosts; 0 for as fast as possible. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "10s",
            description = "How long to send, as 10s or 2m. Default: ${DEFAULT-VALUE}.")
    String duration;

    @Option(names = "--count", paramLabel = "N",
            description = "Stop after N messages (or at --duration, whichever comes first).")
    Long count;

    @Option(names = "--sizes", paramLabel = "BYTES", split = ",", defaultValue = "80,200,600",
            description = "Message body sizes, drawn uniformly. Default: ${DEFAULT-VALUE}.")
    int[] sizes;

    @Option(names = "--fragmented", paramLabel = "FRACTION", defaultValue = "0",
            description = "Fraction (0..1) of messages 2500 bytes long, sent as kernel fragments."
                    + " Default: ${DEFAULT-VALUE}.")
    double fragmented;

    @Option(names = "--legacy", description = "Send legacy console lines instead of extended messages.")
    boolean legacy;

    @Option(names = "--verify", paramLabel = "URL",
            description = "The bridge's HTTP address (http://127.0.0.1:9666): compare its counters with what was sent."
                    + " Other traffic to the bridge meanwhile counts as received.")
    URI verify;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Duration runFor = checkOptions();
        BridgeCounters counters = verify == null ? null : new BridgeCounters(verify);
        try {
            BridgeCounters.Totals before = counters == null ? null : counters.read();
            BlastTotals sent;
            try (Blaster blaster = Blaster.open(to, hostCount, spread.equals("addresses"), sizes, fragmented, legacy)) {
                sent = blaster.run(count == null ? Long.MAX_VALUE : count, runFor.toNanos(), rate,
                        t -> out.printf("blast: %ds: %.0f msg/s, %.0f datagrams/s%n", Math.round(t.nanos() / 1e9),
                                t.messagesPerSecond(), t.datagramsPerSecond()));
            }
            out.printf("blast: sent %d messages (%d datagrams, %d bytes) from %d hosts in %.2fs: %.0f msg/s,"
                            + " %.0f datagrams/s%n", sent.messages(), sent.datagrams(), sent.bytes(), hostCount,
                    sent.nanos() / 1e9, sent.messagesPerSecond(), sent.datagramsPerSecond());
            if (counters == null) {
                return ExitCodes.OK;
            }
            BridgeCounters.Totals got = counters.awaitQuiet(Duration.ofSeconds(1), Duration.ofSeconds(60)).minus(before);
            long lostDatagrams = sent.datagrams() - got.datagrams();
            long lostMessages = sent.messages() - got.messages();
            out.printf("blast: bridge received %d of %d datagrams (lost %d, %.3f%%), decoded %d of %d messages"
                            + " (lost %d)%n", got.datagrams(), sent.datagrams(), Math.max(0, lostDatagrams),
                    100.0 * Math.max(0, lostDatagrams) / Math.max(1, sent.datagrams()), got.messages(),
                    sent.messages(), Math.max(0, lostMessages));
            return lostDatagrams > 0 || lostMessages > 0 ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
        } catch (IOException e) {
            err.println("ncbridge blast: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
            return ExitCodes.USAGE_OR_IO;
        }
    }

    private Duration checkOptions() {
        if (hostCount < 1) {
            throw usage("--hosts must be at least 1");
        }
        if (!spread.equals("addresses") && !spread.equals("ports")) {
            throw usage("--spread must be addresses or ports, not " + spread);
        }
        if (rate < 0 || fragmented < 0 || fragmented > 1 || (count != null && count < 1)) {
            throw usage("--rate must not be negative, --fragmented must be within 0..1, --count at least 1");
        }
        if (Arrays.stream(sizes).anyMatch(s -> s < 1 || s > 65_000)) {
            throw usage("--sizes must be within 1..65000 bytes");
        }
        try {
            return Durations.parse(duration);
        } catch (IllegalArgumentException e) {
            throw usage("--duration: " + e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
