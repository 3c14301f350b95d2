package dev.ncbridge.app.ping;

import dev.ncbridge.app.ExitCodes;
import dev.ncbridge.app.cli.HelpOption;
import dev.ncbridge.config.Durations;
import dev.ncbridge.config.IoErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ncbridge ping}: on a netconsole host, sends a ping for every enabled configfs target and,
 * with {@code --verify}, asks the bridge whether each arrived. One line of output and the exit
 * code are the whole answer, for configuration management to act on.
 */
@Command(
        name = "ping",
        sortOptions = false,
        header = "Check that this host's netconsole targets reach the bridge.",
        descriptionHeading = "%n",
        description = {
            "Reads the netconsole targets under configfs and sends each enabled one a ping message"
                    + " (\"ncbridge-ping nonce=...\") in the target's format, to its remote address."
                    + " With --verify, asks the bridge's HTTP API whether every ping arrived from this"
                    + " host. Prints one line; docs/api.md describes the ping and the API:",
            "",
            "  ncbridge ping --verify http://bridge:9666",
            "  ncbridge ping --via kmsg --verify http://bridge:9666 --timeout 30s"
        },
        optionListHeading = "%nOptions:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every ping was sent (and, with --verify, arrived)",
            "1:a ping could not be sent or was not verified, or no target is enabled",
            "2:usage error, or configfs could not be read"
        })
public final class PingCommand implements Callable<Integer> {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--configfs", paramLabel = "DIR", defaultValue = "/sys/kernel/config/netconsole",
            description = "Where the netconsole targets are. Default: ${DEFAULT-VALUE}.")
    Path configfs;

    @Option(names = "--via", paramLabel = "HOW", defaultValue = "udp", converter = ViaConverter.class,
            description = "udp (a socket in user space), kmsg (write /dev/kmsg: the kernel's own path)"
                    + " or send_msg (the target's configfs send_msg, where the kernel offers it)."
                    + " Default: ${DEFAULT-VALUE}.")
    PingVia via;

    @Option(names = "--target", paramLabel = "NAME",
            description = "Only this target (repeatable). Default: every enabled target.")
    List<String> only = new ArrayList<>();

    @Option(names = "--verify", paramLabel = "URL",
            description = "The bridge's HTTP address (http://bridge:9666): wait until it saw every ping.")
    URI verify;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "How long --verify waits, as 10s or 1m. Default: ${DEFAULT-VALUE}.")
    String timeout;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "With --verify: a file holding the bridge's API token (http.api_token), sent as a Bearer token.")
    Path tokenFile;

    @Option(names = "--any-source",
            description = "With --verify: accept a ping from any source address and port (NAT on the way).")
    boolean anySource;

    @Option(names = "--kmsg", paramLabel = "FILE", defaultValue = "/dev/kmsg", hidden = true,
            description = "The kernel log device (tests point it elsewhere).")
    Path kmsg;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Duration wait;
        try {
            wait = Durations.parse(timeout);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout: " + e.getMessage());
        }
        String token = null;
        if (tokenFile != null) {
            try {
                token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                spec.commandLine().getErr().println("ncbridge ping: cannot read the token file " + tokenFile + ": "
                        + IoErrors.describe(e));
                return ExitCodes.USAGE_OR_IO;
            }
        }
        List<NetconsoleTarget> targets;
        try {
            targets = chosen(ConfigfsTargets.read(configfs));
        } catch (ConfigfsTargets.TargetsException e) {
            spec.commandLine().getErr().println("ncbridge ping: " + e.getMessage());
            return ExitCodes.USAGE_OR_IO;
        }
        if (targets.isEmpty()) {
            out.println("ncbridge ping: FAILED: no enabled netconsole target"
                    + (only.isEmpty() ? "" : " named " + String.join(", ", only)) + " under " + configfs);
            return ExitCodes.CHECK_FAILED;
        }
        PingSender sender = new PingSender(kmsg, System.getProperty("os.version"), PingCommand::uptimeUs);
        PingReport report = new PingReport(verify);
        List<SentPing> sent = new ArrayList<>();
        for (NetconsoleTarget t : targets) {
            String nonce = HexFormat.of().formatHex(nonceBytes());
            try {
                sent.add(sender.send(t, via, nonce));
            } catch (IOException e) {
                report.failed(t, "cannot send via " + via.wireName() + ": " + e.getMessage());
            }
        }
        if (verify == null) {
            sent.forEach(report::sent);
        } else {
            PingVerifier verifier = new PingVerifier(verify, token, anySource);
            long start = System.nanoTime();
            long deadline = start + wait.toNanos();
            for (SentPing p : sent) {
                String why = verifier.await(p, deadline);
                if (why == null) {
                    report.verified(p, Duration.ofNanos(System.nanoTime() - start));
                } else {
                    report.failed(p.target(), why + " within " + Durations.format(wait));
                }
            }
        }
        out.println(report.line(via));
        return report.ok() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private List<NetconsoleTarget> chosen(List<NetconsoleTarget> all) {
        return all.stream().filter(NetconsoleTarget::enabled)
                .filter(t -> only.isEmpty() || only.contains(t.name()))
                .toList();
    }

    private static byte[] nonceBytes() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }

    /** The kernel's clock from /proc/uptime, so a user-space header looks like its kernel's; 0 if unknown. */
    private static long uptimeUs() {
        try {
            String first = Files.readString(Path.of("/proc/uptime")).split(" ")[0];
            return (long) (Double.parseDouble(first) * 1_000_000);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** {@code udp}, {@code kmsg} or {@code send_msg}. */
    static final class ViaConverter implements CommandLine.ITypeConverter<PingVia> {
        @Override
        public PingVia convert(String value) {
            for (PingVia v : PingVia.values()) {
                if (v.wireName().equals(value)) {
                    return v;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not udp, kmsg or send_msg");
        }
    }
}
