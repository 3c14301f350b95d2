package dev.ncbridge.app.run;

import dev.ncbridge.app.ExitCodes;
import dev.ncbridge.app.cli.HelpOption;
import dev.ncbridge.app.cli.Streams;
import dev.ncbridge.config.ConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code ncbridge run}: the bridge, until SIGTERM or SIGINT. A signal starts a graceful stop:
 * stop receiving, decode what was received, flush every source, drain the sinks, exit 0. SIGHUP,
 * {@code POST /api/v1/reload} and, with {@code --watch-config}, a change of the file reload the
 * configuration without stopping (docs/operations.md, "Reloading").
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
                    + " docs/configuration.md.",
            "",
            "SIGHUP reloads the configuration file without stopping (so does POST /api/v1/reload); an"
                    + " invalid one is refused and the running one stays. See docs/operations.md, Reloading."
        },
        optionListHeading = "%nOptions:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped by SIGTERM or SIGINT after draining (SIGHUP reloads, it does not stop)",
            "2:the configuration is invalid, or the bridge could not start (a port in use, a sink that"
                    + " cannot open)"
        })
public final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);
    /** A save or a ConfigMap swap is a burst of events; this much quiet after one ends it. */
    private static final Duration WATCH_DEBOUNCE = Duration.ofMillis(500);
    private final Streams streams;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML configuration (default: built in)")
    Path config;

    @Option(names = "--watch-config", description = "Reload when the configuration file changes, as on SIGHUP"
            + " (a Kubernetes ConfigMap update included)")
    boolean watchConfig;

    @Mixin
    HelpOption help;

    public RunCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = streams.errWriter();
        if (watchConfig && config == null) {
            err.println("ncbridge: --watch-config needs --config FILE: the built-in configuration never changes");
            return ExitCodes.USAGE_OR_IO;
        }
        Bridge bridge;
        try {
            bridge = Bridge.build(ConfigSource.load(config), streams.out()).reloadingFrom(() -> ConfigSource.load(config));
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
        // Reloads run on their own thread, as a signal handler must return at once. One waits at
        // most: it reads the file when it begins, so it covers every trigger that came after it.
        ExecutorService reloads = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1), r -> {
            Thread t = new Thread(r, "reload");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.DiscardPolicy());
        Runnable reload = () -> reloads.execute(bridge::reload);
        // Without a handler the JVM treats SIGHUP as a stop (exit 129). deploy/jvm.options must not
        // have -Xrs, with which the JVM keeps SIGHUP (and TERM, INT) from Java: no handler installs.
        if (Signal.handle(new Signal("HUP"), s -> reload.run()) == SignalHandler.SIG_IGN) {
            // The JVM leaves a SIGHUP that was ignored when it started (nohup, or a parent that
            // ignores it) ignored, and installs no handler: say so rather than reload on nothing.
            log.warn("SIGHUP was ignored when this process started (nohup?) and stays ignored: it will not "
                    + "reload; use POST /api/v1/reload or run --watch-config, or start without nohup");
        }
        ConfigWatcher watcher = null;
        try {
            bridge.start();
            ClassDataArchive.warnIfUnused();
            if (watchConfig) {
                watcher = ConfigWatcher.start(config, WATCH_DEBOUNCE, reload);
            }
        } catch (Exception e) {
            err.println("ncbridge: cannot start: " + e.getMessage());
            bridge.close();
            return ExitCodes.USAGE_OR_IO;
        }
        stop.await();
        if (watcher != null) {
            watcher.close();
        }
        reloads.shutdownNow();
        bridge.close();
        return ExitCodes.OK;
    }
}
