package dev.ncbridge.app.run;

import dev.ncbridge.app.ExitCodes;
import dev.ncbridge.app.cli.HelpOption;
import dev.ncbridge.app.cli.Streams;
import dev.ncbridge.config.ConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code ncbridge run}: the bridge, until SIGTERM or SIGINT. A signal starts a graceful stop:
 * stop receiving, decode what was received, flush every source, drain the sinks, exit 0.
 */
@Command(
        name = "run",
        sortOptions = false,
        header = "Receive netconsole on UDP and ship the records to the configured sinks.",
        descriptionHeading = "%n",
        description = {
            "Without --config: listen on UDP 6666 (IPv4 and IPv6) and print every record as a JSON"
                    + " line on standard output; logs go to standard error. Metrics and health are on"
                    + " http://127.0.0.1:9666 (/metrics, /health/live, /health/ready, /api/v1/sources).",
            "",
            "  ncbridge run",
            "  ncbridge run -c /etc/ncbridge/ncbridge.yaml",
            "",
            "Check a configuration first with: ncbridge validate -c FILE. Every key is described in"
                    + " docs/configuration.md."
        },
        optionListHeading = "%nOptions:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped by SIGTERM or SIGINT after draining",
            "2:the configuration is invalid, or the bridge could not start (a port in use, a sink that"
                    + " cannot open)"
        })
public final class RunCommand implements Callable<Integer> {
    private final Streams streams;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML configuration (default: built in)")
    Path config;

    @Mixin
    HelpOption help;

    public RunCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = streams.errWriter();
        Bridge bridge;
        try {
            bridge = Bridge.build(ConfigSource.load(config), streams.out());
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            err.println("ncbridge: not started; the configuration has " + e.problems().size() + " problem"
                    + (e.problems().size() == 1 ? "" : "s"));
            return ExitCodes.BAD_CONFIG;
        }
        CountDownLatch stop = new CountDownLatch(1);
        // Signal handlers rather than a shutdown hook alone: a hook cannot choose the exit code, and
        // a drained stop is a successful one. The hook still covers other ways the JVM may end.
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        Runtime.getRuntime().addShutdownHook(new Thread(bridge::close, "shutdown"));
        try {
            bridge.start();
        } catch (Exception e) {
            err.println("ncbridge: cannot start: " + e.getMessage());
            bridge.close();
            return ExitCodes.USAGE_OR_IO;
        }
        stop.await();
        bridge.close();
        return ExitCodes.OK;
    }
}
