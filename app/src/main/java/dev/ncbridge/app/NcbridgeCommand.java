package dev.ncbridge.app;

import dev.ncbridge.app.cli.ShortUsageErrors;
import dev.ncbridge.app.cli.Streams;
import dev.ncbridge.app.cli.StreamsFactory;
import dev.ncbridge.app.cli.VersionProvider;
import dev.ncbridge.app.decode.DecodeCommand;
import dev.ncbridge.app.run.RunCommand;
import dev.ncbridge.app.run.ValidateCommand;
import dev.ncbridge.app.blast.BlastCommand;
import dev.ncbridge.app.ping.PingCommand;
import dev.ncbridge.app.send.SendCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ncbridge}, the top-level command. It does nothing itself: each job is a subcommand.
 *
 * <p>To add one: write a picocli {@code @Command} class implementing {@code Callable<Integer>} that
 * returns one of {@link ExitCodes}, give it a public constructor taking {@link Streams} if it
 * reads or writes the standard streams, and list it in {@code subcommands} below.
 */
@Command(
        name = "ncbridge",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        descriptionHeading = "%n",
        optionListHeading = "%nOptions:%n",
        description = "Receives Linux netconsole traffic (kernel log messages sent over UDP), decodes each"
                + " datagram into a record and ships the records to log pipelines.",
        commandListHeading = "%nCommands:%n",
        subcommands = {
            RunCommand.class,
            ValidateCommand.class,
            DecodeCommand.class,
            SendCommand.class,
            PingCommand.class,
            BlastCommand.class,
            CommandLine.HelpCommand.class
        },
        footerHeading = "%n",
        footer = {
            "Run 'ncbridge COMMAND --help' for a command's options, for example:",
            "  ncbridge run --help",
            "",
            "Records go to standard output; logs and messages go to standard error. Log level:"
                    + " info, or set NCBRIDGE_LOG_LEVEL=debug (or -Dncbridge.log.level=debug)."
        })
public final class NcbridgeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(Streams.system()).execute(args));
    }

    /** The command tree, reading and writing {@code streams}: what {@link #main} runs, and tests too. */
    public static CommandLine commandLine(Streams streams) {
        CommandLine cl = new CommandLine(NcbridgeCommand.class, new StreamsFactory(streams));
        cl.setOut(streams.outWriter());
        cl.setErr(streams.errWriter());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(new ShortUsageErrors());
        return cl;
    }

    /** {@code ncbridge} alone: a usage error, answered with the full help (the list of commands). */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE_OR_IO;
    }
}
