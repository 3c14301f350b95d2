package dev.ncbridge.app.run;

import dev.ncbridge.app.http.HttpEndpoint;
import dev.ncbridge.app.http.Readiness;
import dev.ncbridge.app.liveness.Inventory;
import dev.ncbridge.app.liveness.PingRegistry;
import dev.ncbridge.app.liveness.SilencePolicy;
import dev.ncbridge.app.metrics.BuildInfo;
import dev.ncbridge.app.metrics.IngestMetrics;
import dev.ncbridge.app.metrics.JvmMetrics;
import dev.ncbridge.app.route.RecordTarget;
import dev.ncbridge.app.route.LiveRouter;
import dev.ncbridge.app.route.Router;
import dev.ncbridge.app.route.RunnerTarget;
import dev.ncbridge.app.http.ReloadOutcome;
import dev.ncbridge.app.sources.SourceRegistry;
import dev.ncbridge.app.sources.SourceState;
import dev.ncbridge.config.ConfigException;
import dev.ncbridge.config.ConfigProblem;
import dev.ncbridge.config.NcbridgeConfig;
import dev.ncbridge.config.SocketAddresses;
import dev.ncbridge.ingest.codec.DecodeCounters;
import dev.ncbridge.ingest.codec.DecoderLimits;
import dev.ncbridge.ingest.codec.NetconsoleDecoder;
import dev.ncbridge.ingest.errors.InternalErrors;
import dev.ncbridge.ingest.memory.MemoryBudgets;
import dev.ncbridge.ingest.receive.KernelUdpDrops;
import dev.ncbridge.ingest.receive.ReceiveCounters;
import dev.ncbridge.ingest.receive.SourceFilter;
import dev.ncbridge.ingest.receive.UdpReceivers;
import dev.ncbridge.ingest.receive.WallClock;
import dev.ncbridge.ingest.receive.WorkerPool;
import dev.ncbridge.ingest.record.AddressText;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.sink.InternalErrorMeters;
import dev.ncbridge.sink.SinkRunner;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running bridge, wired from a configuration: UDP receivers → rings → decode workers →
 * router → sink runners, with the HTTP endpoint beside. Building it checks everything and opens
 * nothing ({@code validate} stops there); {@link #start} opens sinks first and sockets last, and
 * {@link #close} stops in the opposite order, so no record is taken in that cannot be delivered.
 */
public final class Bridge implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Bridge.class);
    /**
     * The ping registry's bound: about 15,000 pings of one arrival each; a fleet of that size
     * pinging every few minutes keeps each ping for minutes, which is plenty to verify, and the
     * bound fits the 128 MiB heap of docs/operations.md ("Memory").
     */
    private static final long PING_BYTES = 8L << 20;
    /** How long released decode workers get to route what their rings hold, each record then counted. */
    private static final long WORKER_RELEASE_MILLIS = 2_000;
    /** How long past the drain timeout a sink's own close may take before the stop goes on without it. */
    private static final long SINK_CLOSE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** The running configuration; a reload replaces it, together with the sinks and the router. */
    private volatile NcbridgeConfig config;
    private final PrometheusMeterRegistry registry =
            JvmMetrics.inBaseUnits(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    /** The plugin jars' class loader, or the application's when there are none. */
    private final ClassLoader plugins;
    private final SinkFactory sinkFactory;
    private final OutputStream stdout;
    /** The running sinks by name, never changed in place: a reload publishes a new map. */
    private volatile Map<String, SinkRunner> sinks;
    private final LiveRouter router;
    private final Reloader reloader;
    private final HostNames names;
    private final SourceRegistry sources;
    private final SilencePolicy silence;
    private final PingRegistry pings = new PingRegistry(PING_BYTES);
    private final ReceiveCounters receiveCounters = new ReceiveCounters();
    private final DecodeCounters decodeCounters = new DecodeCounters();
    private final MemoryBudgets budgets;
    private final WorkerPool workers;
    private final UdpReceivers receivers;
    private final JvmMetrics jvmMetrics = new JvmMetrics();
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "housekeeping");
        t.setDaemon(true);
        return t;
    });
    private final InternalErrors housekeepingErrors = InternalErrorMeters.of(registry, "housekeeping");
    /**
     * Orders the liveness events of a source: held while the housekeeping thread reports sources
     * silent or never seen, and while a worker routes the {@code source_back} a record caused, so
     * that a back never reaches the routes before the event it answers. The HTTP handlers never
     * take it, so a stalled {@code block} sink that holds up routing holds up no probe or scrape.
     */
    private final Object livenessOrder = new Object();
    private HttpEndpoint http;
    private volatile boolean listening;
    private boolean started;
    private boolean closed;

    private Bridge(NcbridgeConfig config, OutputStream stdout) {
        this.config = config;
        this.stdout = stdout;
        // Every part is checked even when an earlier one failed, so that validate shows all problems.
        List<ConfigProblem> problems = new ArrayList<>();
        this.plugins = PluginLoader.forDirectory(Path.of(config.plugins().dir()), Bridge.class.getClassLoader());
        this.sinkFactory = new SinkFactory(plugins, BundledSinks.shipped());
        this.sinks = ConfigException.collect(problems, () -> sinkFactory.build(config.sinks(), registry, stdout,
                this::deadLetter), Map.of());
        this.router = new LiveRouter(ConfigException.collect(problems,
                () -> Router.compile(config.routes(), targets(config, sinks)), null));
        Map<InetAddress, String> fileNames = config.sources().names() == null ? Map.of()
                : ConfigException.collect(problems, () -> HostNames.readFile(Path.of(config.sources().names())), Map.of());
        Inventory inventory = config.sources().inventory() == null ? Inventory.empty()
                : ConfigException.collect(problems, () -> Inventory.read(Path.of(config.sources().inventory()),
                        config.decoder().sourceIdle()), Inventory.empty());
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        // The names file wins over the inventory's names: it is the one meant for naming.
        Map<InetAddress, String> allNames = new HashMap<>(inventory.names());
        allNames.putAll(fileNames);
        this.budgets = DecoderLimitsFromConfig.budgets(config.receive(), config.decoder());
        this.names = new HostNames(allNames, config.sources().reverseDns(), config.decoder().maxSources());
        this.silence = new SilencePolicy(config.sources().silentAfter(), inventory);
        this.sources = new SourceRegistry(silence, WallClock.nowNanos());
        DecoderLimits limits = DecoderLimitsFromConfig.of(config.decoder(), config.receive().workers());
        SourceViews views = new SourceViews(sources, names);
        this.workers = new WorkerPool(config.receive().workers(), config.receive().ringSize(), budgets.ring(),
                () -> new NetconsoleDecoder(limits, budgets, names, decodeCounters, views), this::deliver);
        this.receivers = new UdpReceivers(config.receive(), new SourceFilter(config.sources().allow()), workers,
                receiveCounters);
        this.reloader = new Reloader(this, registry);
    }

    /** What the router delivers to: each configured sink's runner (a sink that failed to build takes nothing). */
    private static Map<String, RecordTarget> targets(NcbridgeConfig config, Map<String, SinkRunner> runners) {
        Map<String, RecordTarget> targets = new LinkedHashMap<>();
        for (String name : config.sinks().keySet()) {
            SinkRunner runner = runners.get(name);
            targets.put(name, runner == null ? r -> { } : new RunnerTarget(runner));
        }
        return targets;
    }

    /** Builds and checks everything the configuration describes; opens no socket, file or connection. */
    public static Bridge build(NcbridgeConfig config, OutputStream stdout) {
        return new Bridge(config, stdout);
    }

    /**
     * Makes every check {@link #build} makes, as {@code validate} and a reload do, and lets the
     * result go. Nothing was started, so only what building made is released: no sink is closed
     * (which would log a stop of sinks that never ran, alongside the running bridge's own).
     *
     * @throws ConfigException with every problem
     */
    static void check(NcbridgeConfig config) {
        Bridge checked = new Bridge(config, OutputStream.nullOutputStream());
        checked.names.close();
        checked.housekeeping.shutdownNow();
        if (checked.plugins instanceof URLClassLoader jars) {
            try {
                jars.close();
            } catch (IOException e) {
                log.debug("closing the plugin jars: {}", e.toString());
            }
        }
    }

    /**
     * Called by every decode worker with each batch of its records. Routes them in their order: a
     * {@code source_back} event a record causes goes before it, and a ping is not routed unless
     * {@code sources.forward_pings} says so.
     */
    private void deliver(List<Record> records) {
        boolean forwardPings = config.sources().forwardPings();
        int from = 0; // the first record not yet routed
        int n = records.size();
        for (int i = 0; i < n; i++) {
            Record r = records.get(i);
            Record back = sources.observe(r);
            if (back != null) {
                router.route(records, from, i);
                from = i;
                synchronized (livenessOrder) {
                    router.route(back);
                }
            }
            if (r instanceof KernelMessage m && m.ping() != null) {
                pings.arrived(m);
                if (!forwardPings) {
                    router.route(records, from, i);
                    from = i + 1;
                }
            }
        }
        router.route(records, from, n);
    }

    /**
     * Passes a record a sink gave up on to its dead-letter sink, as the running configuration names
     * them (a sink a reload removed, or its dead-letter sink removed, passes nothing: the record is
     * counted failed at the sink that gave up on it).
     */
    private void deadLetter(String sink, Record record, String reason) {
        Map<String, SinkRunner> now = sinks;
        SinkRunner from = now.get(sink);
        SinkRunner target = from == null || from.settings().deadLetter() == null ? null
                : now.get(from.settings().deadLetter());
        if (target != null) {
            target.offer(record);
        }
    }

    public synchronized void start() throws Exception {
        for (SinkRunner runner : sinks.values()) {
            try {
                runner.start();
            } catch (Exception e) {
                throw new IllegalStateException("sink " + runner.name() + " cannot start: " + e.getMessage(), e);
            }
        }
        workers.start();
        receivers.start(config.listen());
        Set<Integer> ports = receivers.boundAddresses().stream().map(InetSocketAddress::getPort).collect(Collectors.toSet());
        new IngestMetrics(receiveCounters, decodeCounters, workers, budgets, new KernelUdpDrops(ports)).bindTo(registry);
        Gauge.builder("ncbridge.receive.socket_buffer", receivers, UdpReceivers::receiveBuffer).baseUnit("bytes")
                .description("The smallest receive buffer of the UDP sockets; below receive.socket_buffer, net.core.rmem_max capped it")
                .register(registry);
        jvmMetrics.bindTo(registry);
        new BuildInfo().bindTo(registry);
        FunctionCounter.builder("ncbridge.pings.evicted", pings, PingRegistry::evicted).tag("reason", "memory")
                .description("Pings forgotten, oldest first, to keep the ping registry within its bytes").register(registry);
        FunctionCounter.builder("ncbridge.dns.lookups.skipped", names, HostNames::skipped)
                .description("Reverse-DNS lookups skipped because too many were waiting; asked again later").register(registry);
        FunctionCounter.builder("ncbridge.records.unrouted", router, LiveRouter::unrouted)
                .description("Records that matched no route and went to no sink").register(registry);
        for (SourceState state : SourceState.values()) {
            Gauge.builder("ncbridge.sources", sources, s -> s.count(state)).tag("state", state.wireName())
                    .description("Sources by liveness state (never_seen: inventory hosts never heard from)")
                    .register(registry);
        }
        Duration shortestSilence = silence.shortest();
        if (shortestSilence != null) {
            // A quarter of the shortest silence: a source is reported at most a quarter late.
            long every = Math.max(10, Math.min(shortestSilence.toMillis() / 4, 5_000));
            housekeeping.scheduleAtFixedRate(housekeepingErrors.guard("liveness check", this::checkSilence),
                    every, every, TimeUnit.MILLISECONDS);
        }
        listening = true;
        if (config.http().enabled()) {
            Readiness readiness = new Readiness() {
                @Override
                public Map<String, Boolean> checks() {
                    return readinessChecks();
                }

                @Override
                public List<String> spooling() {
                    return sinks.values().stream().filter(SinkRunner::spooling).map(SinkRunner::name).toList();
                }
            };
            http = HttpEndpoint.start(SocketAddresses.parseLiteral(config.http().listen()), registry, readiness,
                    sources, pings, config.http().apiToken(), () -> reloader.reload(false));
        }
        started = true;
        log.info("ncbridge started: udp {}, sinks {}{}",
                receivers.boundAddresses().stream().map(AddressText::withPort).toList(), sinks.keySet(),
                http == null ? "" : ", http " + AddressText.withPort(http.address()));
    }

    private void checkSilence() {
        synchronized (livenessOrder) {
            sources.checkSilence(WallClock.nowNanos(), router::route);
        }
    }

    private Map<String, Boolean> readinessChecks() {
        Map<String, Boolean> checks = new LinkedHashMap<>();
        checks.put("listening", listening);
        checks.put("decoding", workers.healthy());
        sinks.forEach((name, runner) -> checks.put("sink:" + name, runner.healthy()));
        return checks;
    }

    /**
     * Drains the runners at once, so that the drain time bounds the whole stop, not each sink. A sink
     * whose own close hangs past that is left behind (its thread is a daemon) so the stop keeps its deadline.
     */
    static void closeSinks(Collection<SinkRunner> runners, long deadlineNanos) {
        Duration drain = Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
        List<Thread> closers = new ArrayList<>();
        for (SinkRunner runner : runners) {
            Thread t = new Thread(() -> runner.close(drain), "close-" + runner.name());
            t.setDaemon(true);
            t.start();
            closers.add(t);
        }
        long joinUntil = deadlineNanos + SINK_CLOSE_GRACE_NANOS;
        for (Thread t : closers) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(joinUntil - System.nanoTime())));
                if (t.isAlive()) {
                    log.warn("{}: still closing after the drain timeout; not waiting for it", t.getName());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Applies a reload's plan (the {@link Reloader}'s part; one at a time). What can fail comes first,
     * so that a failure changes nothing: the added sinks start and the added addresses open. Then
     * the changed sinks get their replacements (not started: the runner they replace owns the
     * destination, the file or the spool until it is drained), the sinks, the allow list and the
     * configuration are published, the new router is published and every worker seen to use it,
     * and the removed addresses close.
     *
     * @return the runners to drain (removed and replaced sinks) and the replacements to start once
     *     they are; the {@link Reloader} does both outside this object's lock, which {@link #close} needs
     * @throws Exception when a sink cannot start or an address cannot be bound; nothing changed then
     */
    synchronized Handover apply(ReloadPlan plan, NcbridgeConfig next) throws Exception {
        if (!started || closed) {
            throw new IllegalStateException("the bridge is " + (closed ? "stopping" : "not running"));
        }
        Map<String, SinkRunner> running = sinks;
        Map<String, SinkRunner> fresh = new LinkedHashMap<>();
        List<InetSocketAddress> opened = new ArrayList<>();
        try {
            for (String name : plan.sinksAdded()) {
                SinkRunner runner = sinkFactory.build(name, next.sinks().get(name), registry, stdout, this::deadLetter);
                fresh.put(name, runner);
                runner.start();
            }
            for (InetSocketAddress address : plan.listenAdded()) {
                receivers.open(address, next.listen());
                opened.add(address);
            }
        } catch (Exception e) {
            opened.forEach(receivers::close);
            fresh.values().forEach(r -> r.close(Duration.ZERO));
            fresh.keySet().forEach(this::removeGauges);
            throw e;
        }
        List<SinkRunner> retiring = new ArrayList<>();
        List<SinkRunner> replacements = new ArrayList<>();
        for (String name : plan.sinksChanged()) {
            // The replacement registers the same gauges, which would otherwise stay bound to the old runner.
            removeGauges(name);
            SinkRunner replacement = sinkFactory.build(name, next.sinks().get(name), registry, stdout, this::deadLetter);
            fresh.put(name, replacement);
            replacements.add(replacement);
            retiring.add(running.get(name));
        }
        plan.sinksRemoved().forEach(name -> retiring.add(running.get(name)));
        Map<String, SinkRunner> nextSinks = new LinkedHashMap<>();
        next.sinks().keySet().forEach(name -> nextSinks.put(name, fresh.getOrDefault(name, running.get(name))));
        Router nextRouter = router.current().next(next.routes(), targets(next, nextSinks));
        receivers.allow(new SourceFilter(next.sources().allow()));
        config = next;
        sinks = Collections.unmodifiableMap(nextSinks);
        if (!router.publish(nextRouter, System.nanoTime() + next.shutdown().drainTimeout().toNanos())) {
            log.warn("reload: a decode worker still waits on a full sink queue with the old routes; what it still"
                    + " routes to a removed or replaced sink is counted dropped (shutdown)");
        }
        plan.listenRemoved().forEach(receivers::close);
        return new Handover(List.copyOf(retiring), List.copyOf(replacements));
    }

    /** What a reload leaves to do once it is published: drain {@code retiring}, then start {@code replacements}. */
    record Handover(List<SinkRunner> retiring, List<SinkRunner> replacements) {
    }

    /**
     * Starts the sinks that replace drained ones, unless the bridge is stopping (its close has
     * closed them). One that cannot start refuses its records from then on (counted dropped,
     * {@code shutdown}) rather than hold up the workers with a queue nobody empties.
     */
    synchronized void startReplacements(List<SinkRunner> replacements) {
        for (SinkRunner runner : replacements) {
            if (closed) {
                return;
            }
            try {
                runner.start();
            } catch (Exception e) {
                runner.stopAccepting();
                log.error("sink {}: cannot start with the reloaded settings, so it drops what is routed to it until"
                        + " a reload or restart fixes it: {}", runner.name(), e.toString());
            }
        }
    }

    /** Takes a sink's gauges (queue, health, spool, files) off /metrics; its counters stay. */
    void removeGauges(String sink) {
        registry.getMeters().stream().filter(m -> m instanceof Gauge && sink.equals(m.getId().getTag("sink")))
                .toList().forEach(registry::remove);
    }

    NcbridgeConfig config() {
        return config;
    }

    /**
     * Reloads the configuration from where {@link #reloadingFrom} says (docs/operations.md,
     * "Reloading"); waits for a reload under way.
     */
    public ReloadOutcome reload() {
        return reloader.reload(true);
    }

    /** Where {@link #reload} reads the next configuration from; without it, every reload is refused. */
    public Bridge reloadingFrom(Supplier<NcbridgeConfig> source) {
        reloader.source(source);
        return this;
    }

    public List<InetSocketAddress> udpAddresses() {
        return receivers.boundAddresses();
    }

    /** The HTTP endpoint's address, or null when it is off. */
    public InetSocketAddress httpAddress() {
        return http == null ? null : http.address();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * Lets the workers decode what the rings hold until the deadline. Workers still waiting then on
     * a full sink queue ({@code overflow: block}, a stalled sink) are released: those sinks stop
     * accepting, and what the workers still route to them is counted dropped ({@code shutdown}).
     */
    private void stopWorkers(long deadlineNanos) {
        try {
            if (!workers.stop(TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()))) {
                log.warn("decode workers still waiting for sink queues at the drain timeout; releasing them");
                sinks.values().forEach(SinkRunner::releaseWaitingProducers);
                if (!workers.stop(WORKER_RELEASE_MILLIS)) {
                    log.warn("decode workers did not stop; what their rings hold is lost");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops receiving, decodes and flushes what was received, then drains the sinks, all within the drain timeout. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        listening = false;
        long deadline = System.nanoTime() + config.shutdown().drainTimeout().toNanos();
        receivers.close();
        stopWorkers(deadline);
        closeSinks(sinks.values(), deadline);
        names.close();
        housekeeping.shutdownNow();
        jvmMetrics.close();
        if (http != null) {
            http.stop();
        }
        if (started) {
            log.info("ncbridge stopped");
        }
    }
}
