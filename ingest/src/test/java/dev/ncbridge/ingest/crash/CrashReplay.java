package dev.ncbridge.ingest.crash;

import dev.ncbridge.ingest.codec.DecodeCounters;
import dev.ncbridge.ingest.codec.NetconsoleDecoder;
import dev.ncbridge.ingest.record.Extended;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.KernelCaptures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Kernel captures decoded by the real decoder, every source's messages fed to its own
 * {@link CrashCollector} as the decoder feeds its own: a restart (the record's {@code seqReset})
 * before the new boot's first message, {@link CrashCollector#expire} whenever time moves on.
 */
final class CrashReplay {
    final NetconsoleDecoder decoder = NetconsoleDecoder.withDefaults(new DecodeCounters());
    final CrashLimits limits;
    final Map<Integer, CrashCollector> collectors = new TreeMap<>();
    final List<Found<CrashReport>> reports = new ArrayList<>();
    final List<Found<UnexplainedRestart>> restarts = new ArrayList<>();
    long clock;

    /** Something a collector reported, with the port of its source. */
    record Found<T>(int port, T value) {
    }

    CrashReplay() {
        this(CrashLimits.defaults());
    }

    CrashReplay(CrashLimits limits) {
        this.limits = limits;
    }

    /** Replays a crash capture at its own receive times. */
    static CrashReplay ofCrash(String run) {
        return new CrashReplay().feed(KernelCaptures.loadCrash(run), 0);
    }

    /** Feeds {@code datagrams} so that the first arrives {@code silence} after the last one fed so far. */
    CrashReplay feedAfter(List<KernelCaptures.Datagram> datagrams, Duration silence) {
        return feed(datagrams, clock + silence.toNanos() - datagrams.get(0).receivedAtNanos());
    }

    /** Moves time on by {@code d}, expiring what waits. */
    CrashReplay idle(Duration d) {
        clock += d.toNanos();
        expireAll();
        return this;
    }

    List<CrashReport> reportsFrom(int port) {
        return values(reports, port);
    }

    List<UnexplainedRestart> restartsFrom(int port) {
        return values(restarts, port);
    }

    private CrashReplay feed(List<KernelCaptures.Datagram> datagrams, long shiftNanos) {
        for (KernelCaptures.Datagram d : datagrams) {
            clock = d.receivedAtNanos() + shiftNanos;
            decoder.decode(d.payload(), 0, d.payload().length, d.source(), clock, this::collect);
            expireAll();
        }
        return this;
    }

    /** Only the messages: the decoder's own crash records and events are not what these tests look at. */
    private void collect(Record r) {
        if (!(r instanceof KernelMessage m)) {
            return;
        }
        int port = r.source().getPort();
        CrashCollector c = collectors.computeIfAbsent(port, p -> new CrashCollector(limits, CollectorDriver.UNBOUNDED));
        CrashListener out = listener(port);
        Extended x = m.extended();
        if (x != null) {
            if (x.seqReset()) {
                c.restart(m.receivedAtNanos(), out);
            }
            c.acceptExtended(m.message(), x.seq(), m.kernelTsUs(), m.receivedAtNanos(), out);
        } else {
            c.acceptLegacy(m.message(), m.kernelTsUs() == null ? -1 : m.kernelTsUs(), m.receivedAtNanos(), out);
        }
    }

    private void expireAll() {
        collectors.forEach((port, c) -> c.expire(clock, listener(port)));
    }

    private CrashListener listener(int port) {
        return new CrashListener() {
            @Override
            public void report(CrashReport report) {
                reports.add(new Found<>(port, report));
            }

            @Override
            public void unexplainedRestart(UnexplainedRestart restart) {
                restarts.add(new Found<>(port, restart));
            }

            @Override
            public void linesDropped(int lines) {
                throw new AssertionError("no real capture reaches the bounds");
            }
        };
    }

    private static <T> List<T> values(List<Found<T>> found, int port) {
        return found.stream().filter(f -> f.port() == port).map(Found::value).collect(Collectors.toList());
    }
}
