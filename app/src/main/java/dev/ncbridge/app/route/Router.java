package dev.ncbridge.app.route;

import dev.ncbridge.config.ConfigException;
import dev.ncbridge.config.ConfigProblem;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.ingest.record.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends each record to the sinks its routes name (docs/routing.md). Routes are tried in order; the
 * first that matches delivers and ends the search unless it says {@code continue: true}. A sink
 * gets a record at most once, however many matching routes name it. Records no route takes are
 * counted in {@link #unrouted()}.
 *
 * <p>{@link #route} runs on every decode worker at once. Everything it reads is fixed at
 * {@link #compile} time, and per record it keeps only a bit set in a local {@code long}: no
 * locks, and no allocation but the copy of the source address an address block test makes.
 */
public final class Router {
    private final Route[] routes;
    private final RecordTarget[] targets;
    private final LongAdder unrouted;

    private Router(Route[] routes, RecordTarget[] targets, LongAdder unrouted) {
        this.routes = routes;
        this.targets = targets;
        this.unrouted = unrouted;
    }

    /**
     * Compiles the {@code routes} sections against the sinks by name.
     *
     * @throws ConfigException with every problem in every route, each at its key and line
     */
    public static Router compile(List<ConfigSection> routes, Map<String, ? extends RecordTarget> sinks) {
        return compile(routes, sinks, new LongAdder());
    }

    /**
     * The router of a reloaded configuration: compiled like {@link #compile}, counting unrouted
     * records on in this router's count, so that the count never goes back across a reload.
     */
    public Router next(List<ConfigSection> routes, Map<String, ? extends RecordTarget> sinks) {
        return compile(routes, sinks, unrouted);
    }

    private static Router compile(List<ConfigSection> routes, Map<String, ? extends RecordTarget> sinks,
                                  LongAdder unrouted) {
        List<ConfigProblem> problems = new ArrayList<>();
        SinkIndex index = new SinkIndex(sinks);
        List<Route> compiled = new ArrayList<>();
        for (ConfigSection section : routes) {
            Route route = RouteParser.parse(section, index, problems);
            if (route != null) {
                compiled.add(route);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Router(compiled.toArray(new Route[0]), index.targets(), unrouted);
    }

    public void route(Record r) {
        offer(targetsOf(r), r);
    }

    /**
     * Routes {@code records[from, to)}, in order. Each run of records that go to the same sinks
     * is offered to each of them in one step; a sink still gets its records in their order.
     */
    public void route(List<Record> records, int from, int to) {
        long run = 0;
        int runFrom = from;
        for (int i = from; i < to; i++) {
            long targets = targetsOf(records.get(i));
            if (targets != run) {
                offer(run, records, runFrom, i);
                run = targets;
                runFrom = i;
            }
        }
        offer(run, records, runFrom, to);
    }

    /**
     * The sinks {@code r} goes to, bit i for {@code targets[i]} (SinkIndex keeps i below 64); a
     * record no route matched is counted.
     */
    private long targetsOf(Record r) {
        long to = 0;
        boolean matched = false;
        for (Route route : routes) {
            if (!route.matches(r)) {
                continue;
            }
            matched = true;
            for (int t : route.targets()) {
                to |= 1L << t;
            }
            if (!route.continues()) {
                break;
            }
        }
        if (!matched) {
            unrouted.increment();
        }
        return to;
    }

    private void offer(long to, Record r) {
        for (long left = to; left != 0; left &= left - 1) {
            targets[Long.numberOfTrailingZeros(left)].offer(r);
        }
    }

    private void offer(long to, List<Record> records, int from, int end) {
        if (from == end) {
            return;
        }
        for (long left = to; left != 0; left &= left - 1) {
            targets[Long.numberOfTrailingZeros(left)].offer(records, from, end);
        }
    }

    /** Records that no route matched, since the first router was compiled. */
    public long unrouted() {
        return unrouted.sum();
    }
}
