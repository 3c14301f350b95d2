package dev.ncbridge.app.decode;

import dev.ncbridge.app.ExitCodes;
import dev.ncbridge.app.cli.EncoderConverter;
import dev.ncbridge.app.cli.HelpOption;
import dev.ncbridge.app.cli.SocketAddressConverter;
import dev.ncbridge.app.cli.Streams;
import dev.ncbridge.config.IoErrors;
import dev.ncbridge.ingest.codec.DecodeCounters;
import dev.ncbridge.ingest.codec.NetconsoleDecoder;
import dev.ncbridge.sink.encode.RecordEncoder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ncbridge decode [FILE]}: decodes datagrams from a file or standard input, offline, and
 * prints one record per line: the bridge's decoder without the network.
 */
@Command(
        name = "decode",
        sortOptions = false,
        header = "Decode netconsole datagrams from a file or stdin: one record per line.",
        descriptionHeading = "%n",
        description = {
            "Records go to standard output in the encoding the bridge's sinks use; messages and"
                    + " the summary go to standard error. A capture (.jsonl, one captured datagram per"
                    + " line) is replayed with the times its datagrams arrived at, so timeouts fire as"
                    + " they did live. Kernel reports (an oops, a panic...) come out as crash records"
                    + " besides their lines, and a kernel restart without one as an unexplained_reboot"
                    + " event. Any other input is one raw datagram, received now:",
            "",
            "  printf '6,1,100,-;hello\\n' | ncbridge decode --format text",
            "  ncbridge decode --stats fixtures/kernel/7.3.4+deb13-amd64.jsonl"
        },
        parameterListHeading = "%nArguments:%n",
        optionListHeading = "%nOptions:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every datagram decoded",
            "1:some datagrams were malformed (counted; a summary goes to standard error)",
            "2:usage error, or the input could not be read or the output written"
        })
public final class DecodeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(DecodeCommand.class);
    private static final String STDIN = "-";
    private static final int OUTPUT_BUFFER_BYTES = 64 * 1024;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "FILE",
            description = "The input; standard input when absent or '-'.")
    String file;

    @Option(names = "--input", paramLabel = "KIND",
            description = {
                "capture: one captured datagram per line, as in fixtures/kernel/*.jsonl:"
                        + " {\"port\":..., \"recv_ns\":..., \"payload_b64\":...}. Each line's port becomes"
                        + " the source port, so each netconsole target stays a source of its own.",
                "datagram: the whole input is one raw datagram.",
                "Default: capture when FILE ends in .jsonl, else datagram."
            })
    InputKind input;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
            converter = EncoderConverter.class, completionCandidates = EncoderConverter.Names.class,
            description = "Record encoding: ${COMPLETION-CANDIDATES}; docs/encodings.md describes them."
                    + " Default: ${DEFAULT-VALUE}.")
    RecordEncoder encoder;

    @Option(names = "--source", paramLabel = "ADDR:PORT", defaultValue = "127.0.0.1:6665",
            converter = SocketAddressConverter.class,
            description = {
                "The sender to attribute datagrams to; a capture takes only the address from it.",
                "Default: ${DEFAULT-VALUE}."
            })
    InetSocketAddress source;

    @Option(names = "--stats", description = "At the end, print the decoder's counters to standard error.")
    boolean stats;

    @Mixin
    HelpOption help;

    private final Streams streams;

    public DecodeCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        DecodeCounters counters = new DecodeCounters();
        RecordLines lines = new RecordLines(encoder, new BufferedOutputStream(streams.out(), OUTPUT_BUFFER_BYTES));
        try {
            try {
                decode(counters, lines);
            } finally {
                // Records decoded before an input error are still printed.
                lines.flush();
            }
        } catch (IOException e) {
            err.println("ncbridge decode: " + inputName() + ": " + IoErrors.describe(e));
            return ExitCodes.USAGE_OR_IO;
        } catch (UncheckedIOException e) {
            err.println("ncbridge decode: cannot write to standard output: " + IoErrors.describe(e.getCause()));
            return ExitCodes.USAGE_OR_IO;
        }
        if (stats) {
            DecodeStats.print(counters, err);
        }
        if (counters.malformedTotal() > 0) {
            err.println("ncbridge decode: " + DecodeStats.malformedSummary(counters));
            return ExitCodes.BAD_INPUT;
        }
        return ExitCodes.OK;
    }

    private void decode(DecodeCounters counters, RecordLines out) throws IOException {
        InputKind kind = input != null ? input : InputKind.forFileName(file);
        log.debug("decoding {} as {} input", inputName(), kind);
        DatagramReplay replay = new DatagramReplay(NetconsoleDecoder.withDefaults(counters));
        if (readsStdin()) {
            replay.run(kind.reader(streams.in(), source, DecodeCommand::epochNanosNow), out);
            return;
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            replay.run(kind.reader(in, source, DecodeCommand::epochNanosNow), out);
        }
    }

    private boolean readsStdin() {
        return file == null || STDIN.equals(file);
    }

    private String inputName() {
        return readsStdin() ? "standard input" : file;
    }

    private static long epochNanosNow() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
