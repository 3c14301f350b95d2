package dev.ncbridge.app.send;

import dev.ncbridge.app.ExitCodes;
import dev.ncbridge.app.cli.HelpOption;
import dev.ncbridge.app.cli.SocketAddressConverter;
import dev.ncbridge.app.cli.Streams;
import dev.ncbridge.config.IoErrors;
import dev.ncbridge.ingest.record.AddressText;
import dev.ncbridge.ingest.record.Facility;
import dev.ncbridge.ingest.record.Severity;
import dev.ncbridge.ingest.wire.ExtendedMessage;
import dev.ncbridge.ingest.wire.NetconsoleEncoder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ncbridge send [MESSAGE...]}: sends messages as netconsole datagrams, in the kernel's byte
 * layout (see {@link NetconsoleEncoder}), to a receiver: for trying a bridge, or a fleet's path to
 * it, without a kernel.
 */
@Command(
        name = "send",
        sortOptions = false,
        header = "Send messages as netconsole datagrams, byte for byte as the kernel does.",
        descriptionHeading = "%n",
        description = {
            "Each MESSAGE is one kernel message; without any, each line of --file or standard input"
                    + " is one. Extended datagrams by default (escaped body, dictionary lines, ncfrag"
                    + " fragments over --max-size); --legacy sends console text. docs/send.md has the"
                    + " byte layout:",
            "",
            "  ncbridge send --level err 'disk on fire'",
            "  ncbridge send --to [::1]:6666 --userdata rack=r12 --cpu 3 --taskname kworker hello",
            "  dmesg | ncbridge send --legacy --to 10.0.0.9:6666"
        },
        parameterListHeading = "%nArguments:%n",
        optionListHeading = "%nOptions:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every message was sent",
            "2:usage error, or the input could not be read or a datagram not sent"
        })
public final class SendCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "MESSAGE",
            description = "Messages to send; when none, lines of --file or standard input.")
    List<String> messages = new ArrayList<>();

    @Option(names = "--to", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:6666",
            converter = SocketAddressConverter.class,
            description = "The receiver; an IPv6 address in brackets ([::1]:6666). Default: ${DEFAULT-VALUE}.")
    InetSocketAddress to;

    @Option(names = "--from", paramLabel = "ADDR:PORT", converter = SocketAddressConverter.class,
            description = "Local address and port to send from (a receiver keys its state by them)."
                    + " Default: any address, an ephemeral port.")
    InetSocketAddress from;

    @Option(names = "--file", paramLabel = "FILE",
            description = "Read messages from FILE, one per line, when no MESSAGE is given ('-': standard input).")
    String file;

    @Option(names = "--legacy",
            description = "Send as a legacy (basic) target: console text '[    s.us] message', no header.")
    boolean legacy;

    @Option(names = "--no-timestamp",
            description = "With --legacy: no printk time prefix, the message text alone.")
    boolean noTimestamp;

    @Option(names = "--level", paramLabel = "LEVEL", defaultValue = "info", converter = LevelConverter.class,
            description = "Level: 0..7 or emerg, alert, crit, err, warning, notice, info, debug."
                    + " Default: ${DEFAULT-VALUE}.")
    int level;

    @Option(names = "--facility", paramLabel = "FACILITY", defaultValue = "kern", converter = FacilityConverter.class,
            description = "Facility: 0..255 or kern, user, ..., local7 (messages written to /dev/kmsg are"
                    + " user). Default: ${DEFAULT-VALUE}.")
    int facility;

    @Option(names = "--seq", paramLabel = "N", defaultValue = "0",
            description = "Sequence number of the first message; +1 per message. Default: ${DEFAULT-VALUE}.")
    long seq;

    @Option(names = "--ts-us", paramLabel = "N",
            description = "Kernel time stamp (microseconds since boot) of every message."
                    + " Default: a clock started at an arbitrary boot, rising.")
    Long tsUs;

    @Option(names = "--release", paramLabel = "STR",
            description = "Kernel release prefixed to the header, as a '+r' target sends it.")
    String release;

    @Option(names = "--cont", paramLabel = "FLAG", defaultValue = "none", converter = ContConverter.class,
            description = "Continuation flag: none ('-'), c (first piece) or + (continuation). Default: none.")
    char cont;

    @Option(names = "--subsystem", paramLabel = "STR", description = "Device dictionary: SUBSYSTEM=.")
    String subsystem;

    @Option(names = "--device", paramLabel = "STR", description = "Device dictionary: DEVICE=.")
    String device;

    @Option(names = "--userdata", paramLabel = "KEY=VALUE",
            description = "A userdata line, as configfs userdata; repeatable, sent in order.")
    List<String> userdata = new ArrayList<>();

    @Option(names = "--cpu", paramLabel = "N", description = "Sysdata: cpu=N.")
    Integer cpu;

    @Option(names = "--taskname", paramLabel = "NAME", description = "Sysdata: taskname=NAME.")
    String taskname;

    @Option(names = "--sysdata-release", paramLabel = "STR", description = "Sysdata: release=STR.")
    String sysdataRelease;

    @Option(names = "--msgid", paramLabel = "N",
            description = "Sysdata: msgid of the first message; +1 per message.")
    Long msgid;

    @Option(names = "--max-size", paramLabel = "BYTES", defaultValue = "1000",
            description = "Largest datagram, header included; longer messages are fragmented"
                    + " (extended) or cut (legacy). Default: ${DEFAULT-VALUE}, the kernel's.")
    int maxSize;

    @Mixin
    HelpOption help;

    private final Streams streams;

    public SendCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (maxSize < 64 || maxSize > 65507) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--max-size must be within 64..65507: " + maxSize);
        }
        if (cpu != null && cpu < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--cpu must not be negative: " + cpu);
        }
        if (seq < 0 || (tsUs != null && tsUs < 0) || (msgid != null && msgid < 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--seq, --ts-us and --msgid must not be negative");
        }
        for (String kv : userdata) {
            if (kv.indexOf('=') <= 0 || kv.indexOf('\n') >= 0) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--userdata '" + kv + "' is not KEY=VALUE (one line, a non-empty key)");
            }
        }
        List<String> lines;
        try {
            lines = messages.isEmpty() ? readLines() : messages;
        } catch (IOException e) {
            err.println("ncbridge send: " + inputName() + ": " + IoErrors.describe(e));
            return ExitCodes.USAGE_OR_IO;
        }
        List<byte[]> datagrams = new ArrayList<>();
        try {
            long bootNanos = System.nanoTime() - 5_000_000_000L;
            for (int i = 0; i < lines.size(); i++) {
                long ts = tsUs != null ? tsUs : (System.nanoTime() - bootNanos) / 1000;
                datagrams.addAll(encode(lines.get(i), i, ts));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try (DatagramSocket socket = from != null ? new DatagramSocket(from) : new DatagramSocket()) {
            for (byte[] d : datagrams) {
                socket.send(new DatagramPacket(d, d.length, to));
            }
        } catch (IOException | SecurityException e) {
            err.println("ncbridge send: cannot send to " + AddressText.withPort(to)
                    + (from != null ? " from " + AddressText.withPort(from) : "") + ": "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
            return ExitCodes.USAGE_OR_IO;
        }
        return ExitCodes.OK;
    }

    /** The datagrams of the {@code index}-th message. */
    List<byte[]> encode(String message, int index, long ts) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        if (legacy) {
            return NetconsoleEncoder.legacy(noTimestamp ? withNewline(text) : NetconsoleEncoder.consoleText(ts, text),
                    maxSize);
        }
        ExtendedMessage.Builder b = ExtendedMessage.builder()
                .release(release)
                .facility(facility)
                .level(level)
                .seq(seq + index)
                .tsUs(ts)
                .flag(cont)
                .body(text)
                .subsystem(subsystem == null ? null : subsystem.getBytes(StandardCharsets.UTF_8))
                .device(device == null ? null : device.getBytes(StandardCharsets.UTF_8))
                .cpu(cpu)
                .taskname(taskname)
                .sysdataRelease(sysdataRelease)
                .msgid(msgid == null ? null : msgid + index);
        for (String kv : userdata) {
            int eq = kv.indexOf('=');
            b.addUserdata(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return NetconsoleEncoder.extended(b.build(), maxSize);
    }

    private static byte[] withNewline(byte[] text) {
        byte[] out = new byte[text.length + 1];
        System.arraycopy(text, 0, out, 0, text.length);
        out[text.length] = '\n';
        return out;
    }

    private List<String> readLines() throws IOException {
        if (file == null || "-".equals(file)) {
            return readLines(streams.in());
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return readLines(in);
        }
    }

    private static List<String> readLines(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<String> out = new ArrayList<>();
        String line;
        while ((line = r.readLine()) != null) {
            out.add(line);
        }
        return out;
    }

    private String inputName() {
        return file == null || "-".equals(file) ? "standard input" : file;
    }

    /** {@code 0..7} or a level name. */
    public static final class LevelConverter implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            String v = value.trim();
            if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
                if (v.length() == 1 && v.charAt(0) <= '7') {
                    return v.charAt(0) - '0';
                }
                throw new CommandLine.TypeConversionException("level out of range 0..7: " + value);
            }
            try {
                return Severity.parse(v).code();
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code 0..255} or a facility name. */
    public static final class FacilityConverter implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                return Facility.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code none}, {@code c} or {@code +} (also {@code -}). */
    public static final class ContConverter implements CommandLine.ITypeConverter<Character> {
        @Override
        public Character convert(String value) {
            switch (value) {
                case "none":
                case "-":
                    return '-';
                case "c":
                    return 'c';
                case "+":
                    return '+';
                default:
                    throw new CommandLine.TypeConversionException(
                            "'" + value + "' is not a continuation flag (expected none, c or +)");
            }
        }
    }
}
