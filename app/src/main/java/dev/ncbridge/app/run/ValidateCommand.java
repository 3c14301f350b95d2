package dev.ncbridge.app.run;

import dev.ncbridge.app.ExitCodes;
import dev.ncbridge.app.cli.HelpOption;
import dev.ncbridge.app.cli.Streams;
import dev.ncbridge.config.ConfigException;
import dev.ncbridge.config.NcbridgeConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ncbridge validate}: builds everything a configuration describes, opens nothing, prints every problem. */
@Command(
        name = "validate",
        header = "Check a configuration file and print every problem in it.",
        descriptionHeading = "%n",
        description = {
            "Builds every sink, route and setting as run would, without opening sockets, files or"
                    + " connections. Each problem is printed as FILE:LINE: KEY: what is wrong.",
            "",
            "  ncbridge validate -c /etc/ncbridge/ncbridge.yaml"
        },
        optionListHeading = "%nOptions:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the configuration is valid", "2:it has problems (printed on standard error)"})
public final class ValidateCommand implements Callable<Integer> {
    private final Streams streams;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML configuration (default: the built-in one)")
    Path config;

    @Mixin
    HelpOption help;

    public ValidateCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() {
        PrintWriter err = streams.errWriter();
        try {
            NcbridgeConfig c = ConfigSource.load(config);
            Bridge.check(c);
            streams.outWriter().println(c.origin() + ": valid (" + c.sinks().size() + " sink"
                    + (c.sinks().size() == 1 ? "" : "s") + ", " + c.routes().size() + " route"
                    + (c.routes().size() == 1 ? "" : "s") + ")");
            return ExitCodes.OK;
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            return ExitCodes.BAD_CONFIG;
        }
    }
}
