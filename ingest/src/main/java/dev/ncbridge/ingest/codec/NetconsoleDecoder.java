package dev.ncbridge.ingest.codec;

import dev.ncbridge.ingest.crash.CrashCollector;
import dev.ncbridge.ingest.crash.CrashListener;
import dev.ncbridge.ingest.crash.CrashReport;
import dev.ncbridge.ingest.crash.UnexplainedRestart;
import dev.ncbridge.ingest.memory.MemoryBudgets;
import dev.ncbridge.ingest.record.ContinuationFlag;
import dev.ncbridge.ingest.record.CrashRecord;
import dev.ncbridge.ingest.record.Extended;
import dev.ncbridge.ingest.record.Format;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.Record;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns netconsole datagrams into records: format detection, extended header parsing, fragment
 * reassembly, unescaping, dictionary parsing, sequence tracking (duplicates, gaps, restarts),
 * continuation merging, legacy line joining, and gathering kernel reports (oops, panic...) into
 * {@link CrashRecord}s besides their lines ({@link CrashCollector}, one per source). Pure: no I/O
 * and no clock; callers pass the receive time with each datagram and call {@link #expire} now and
 * then with the current time.
 *
 * <p>Not thread-safe, by design: one decoder per worker thread, and every source's datagrams go
 * to the same worker, so per-source state needs no locks. Bad input never throws; it is counted
 * in {@link DecodeCounters} by reason.
 *
 * <p>Bounded whatever arrives: the decoder owns its sources' lives ({@link SourceTable} admits
 * and forgets them, and {@link SourceListener} tells the views), and every buffer it keeps is
 * reserved from the shared {@link MemoryBudgets}; where a bound acts, data is emitted early or
 * dropped, and counted by {@link LimitReason}.
 */
public final class NetconsoleDecoder {
    private final DecoderLimits limits;
    private final MemoryBudgets budgets;
    private final SourceNamer namer;
    private final SourceListener listener;
    private final DecodeCounters counters;
    /** This decoder's own part of {@link #counters}, which only its thread writes. */
    private final DecodeCounters.Writer counts;
    private final ExtendedHeaderParser headerParser;
    private final ExtendedHeader header = new ExtendedHeader();
    private final PayloadParser payloadParser;
    private final ExtendedPayload payload = new ExtendedPayload();
    private final SourceTable sources;
    private final ContinuationJoiner.Bounds continuationBounds;
    private final LegacyLineAssembler.Bounds legacyBounds;
    private final SourceTable.Eviction eviction = this::evict;
    /** Sources with something waiting on a timeout; {@link #expire} visits only these. */
    private List<SourceState> armed = new ArrayList<>();
    private List<SourceState> stillArmed = new ArrayList<>();
    private final long fragmentTimeoutNanos;
    private final long continuationTimeoutNanos;
    private final long legacyFlushNanos;
    private final long idleNanos;
    /** Nanoseconds between datagrams at the source rate limit, and the burst allowed above it; 0: no limit. */
    private final long rateIntervalNanos;
    private final long rateToleranceNanos;
    /** Bytes this decoder's assemblies hold of the shared assembly memory. */
    private long assemblyBytes;

    // The source, output and time of the call in progress, read by the listeners below; kept in
    // fields so that the hot path allocates no lambdas.
    private SourceState current;
    private Consumer<Record> currentOut;
    private long currentNow;
    private final Consumer<Record> emitter = this::emit;
    private final GapTracker.GapListener seqGapListener = this::seqGap;
    private final GapTracker.GapListener msgidGapListener = this::msgidGap;
    private final LegacyLineAssembler.LineListener lineListener = this::legacyLine;
    private final CrashListener crashListener = new CrashListener() {
        @Override
        public void report(CrashReport report) {
            counts.crash(report.kind());
            currentOut.accept(new CrashRecord(report.span().lastReceivedAtNanos(), current.source, current.hostName,
                    current.lastFormat, report));
        }

        @Override
        public void unexplainedRestart(UnexplainedRestart restart) {
            counts.unexplainedReboot();
            emit(SourceEvents.unexplainedReboot(current.source, current.hostName, current.lastFormat, restart,
                    currentNow));
        }

        @Override
        public void linesDropped(int lines) {
            for (int i = 0; i < lines; i++) {
                counts.limited(LimitReason.CRASH_REPORT);
            }
        }
    };

    /** A decoder with memory budgets of its own, sized by {@code limits}. */
    public NetconsoleDecoder(DecoderLimits limits, SourceNamer namer, DecodeCounters counters) {
        this(limits, ownBudgets(limits), namer, counters, SourceListener.NONE);
    }

    /**
     * @param budgets the memory budgets, shared with the other decoders and the receivers of a bridge
     */
    public NetconsoleDecoder(DecoderLimits limits, MemoryBudgets budgets, SourceNamer namer, DecodeCounters counters,
                             SourceListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.budgets = Objects.requireNonNull(budgets, "budgets");
        this.namer = Objects.requireNonNull(namer, "namer");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.counts = counters.writer();
        this.sources = new SourceTable(limits.maxSources(), limits.maxSourcesPerAddress());
        this.continuationBounds = new ContinuationJoiner.Bounds(limits.maxMessageBytes(),
                limits.continuationMaxAge().toNanos(), budgets.continuations(), counts);
        this.legacyBounds = new LegacyLineAssembler.Bounds(limits.maxLegacyLineBytes(), budgets.legacyLines(), counts);
        this.rateIntervalNanos = limits.sourceRate() == 0 ? 0 : 1_000_000_000L / limits.sourceRate();
        this.rateToleranceNanos = rateIntervalNanos * limits.sourceBurst();
        this.headerParser = new ExtendedHeaderParser(limits.maxMessageBytes());
        this.payloadParser = new PayloadParser(limits.maxMessageBytes());
        this.fragmentTimeoutNanos = limits.fragmentTimeout().toNanos();
        this.continuationTimeoutNanos = limits.continuationTimeout().toNanos();
        this.legacyFlushNanos = limits.legacyFlushTimeout().toNanos();
        this.idleNanos = limits.sourceIdleTimeout().toNanos();
    }

    /** A decoder with default limits that names sources by address. */
    public static NetconsoleDecoder withDefaults(DecodeCounters counters) {
        return new NetconsoleDecoder(DecoderLimits.defaults(), SourceNamer.ADDRESS, counters);
    }

    private static MemoryBudgets ownBudgets(DecoderLimits limits) {
        return MemoryBudgets.of(Long.MAX_VALUE, limits.maxAssemblyBytes(), limits.maxContinuationBytes(),
                limits.maxLegacyBytes(), limits.maxCrashBytes());
    }

    public DecodeCounters counters() {
        return counters;
    }

    /** Sources this decoder holds state for. */
    public int sourceCount() {
        return sources.size();
    }

    /** Bytes held by this decoder's fragmented messages waiting for their other fragments. */
    public long assemblyBytes() {
        return assemblyBytes;
    }

    public MemoryBudgets budgets() {
        return budgets;
    }

    /**
     * Decodes one datagram. Records complete with it (possibly none, possibly several, possibly
     * events) go to {@code out} before this returns. The buffer is not kept.
     *
     * @param receivedAtNanos receive time, nanoseconds since the epoch; also the decoder's clock
     */
    public void decode(byte[] buf, int off, int len, InetSocketAddress source, long receivedAtNanos,
                       Consumer<Record> out) {
        decode(buf, off, len, source, receivedAtNanos, out, false);
    }

    /**
     * Decodes one datagram, the whole of {@code data}, and hands the array over: a record may keep
     * it as its raw bytes instead of a copy, so the caller must not change it afterwards. A
     * receiver's datagrams are arrays of their own, and the copy was about 15 % of the bytes the
     * bridge allocated under a flood (docs/performance.md).
     */
    public void decodeOwned(byte[] data, InetSocketAddress source, long receivedAtNanos, Consumer<Record> out) {
        decode(data, 0, data.length, source, receivedAtNanos, out, true);
    }

    private void decode(byte[] buf, int off, int len, InetSocketAddress source, long receivedAtNanos,
                        Consumer<Record> out, boolean owned) {
        counts.increment(DecodeCounter.DATAGRAMS);
        counts.add(DecodeCounter.BYTES, len);
        if (len <= 0) {
            counts.malformed(MalformedReason.EMPTY);
            return;
        }
        SourceState st = state(source, receivedAtNanos, out);
        st.lastSeenNanos = receivedAtNanos;
        if (rateIntervalNanos != 0 && overRate(st, receivedAtNanos)) {
            counts.limited(LimitReason.RATE_LIMIT);
            return;
        }
        long nameVersion = namer.version();
        if (st.nameVersion != nameVersion) {
            st.hostName = namer.nameOf(st.source);
            st.nameVersion = nameVersion;
        }
        begin(st, receivedAtNanos, out);
        switch (headerParser.parse(buf, off, len, header)) {
            case EXTENDED:
                st.lastFormat = Format.EXTENDED;
                decodeExtended(st, buf, off, len, receivedAtNanos, owned);
                break;
            case LEGACY:
                st.lastFormat = Format.LEGACY;
                st.legacy(legacyBounds).accept(buf, off, off + len, receivedAtNanos, lineListener);
                break;
            default:
                counts.malformed(header.malformedReason);
                break;
        }
        armIfPending(st);
        end();
    }

    /** Emits what has waited too long: incomplete fragments, continuations, partial lines, gaps, kernel reports. */
    public void expire(long nowNanos, Consumer<Record> out) {
        for (SourceState st : armed) {
            begin(st, nowNanos, out);
            expireSource(st, nowNanos);
            if (st.hasPendingWork()) {
                stillArmed.add(st);
            } else {
                st.armed = false;
            }
        }
        List<SourceState> swap = armed;
        armed = stillArmed;
        stillArmed = swap;
        stillArmed.clear();
        currentNow = nowNanos;
        currentOut = out;
        sources.forgetIdle(nowNanos - idleNanos, eviction);
        end();
    }

    /** Emits everything held, as at shutdown: pending gaps are reported as loss. */
    public void flushAll(long nowNanos, Consumer<Record> out) {
        for (SourceState st : sources.values()) {
            begin(st, nowNanos, out);
            flushSource(st);
            st.armed = false;
        }
        armed.clear();
        end();
    }

    private void begin(SourceState st, long now, Consumer<Record> out) {
        current = st;
        currentNow = now;
        currentOut = out;
    }

    private void end() {
        current = null;
        currentOut = null;
    }

    /** The source's state; a new one is keyed and named by the address spelled once ({@link SenderAddress}). */
    private SourceState state(InetSocketAddress source, long now, Consumer<Record> out) {
        SourceState st = sources.touch(source);
        if (st != null) {
            return st;
        }
        long version = namer.version();
        InetSocketAddress address = SenderAddress.normalize(source);
        st = new SourceState(address, namer.nameOf(address));
        st.nameVersion = version;
        st.lastSeenNanos = now;
        currentNow = now;
        currentOut = out;
        sources.admit(st, listener.expected(address.getAddress()), eviction);
        return st;
    }

    /**
     * The per-source rate limit as a GCRA (a token bucket kept as one time stamp): a datagram is
     * over the rate when it comes earlier than its theoretical arrival time allows, less the burst.
     */
    private boolean overRate(SourceState st, long now) {
        long tat = Math.max(st.rateTat, now);
        if (tat - now > rateToleranceNanos) {
            return true;
        }
        st.rateTat = tat + rateIntervalNanos;
        return false;
    }

    /** Forgets a source the table let go: emits what it held, then tells the views. */
    private void evict(SourceState st, LimitReason reason, boolean lastOfAddress) {
        SourceState caller = current;
        current = st;
        flushSource(st);
        current = caller;
        if (st.armed) {
            armed.remove(st);
            st.armed = false;
        }
        counts.increment(DecodeCounter.SOURCES_EVICTED);
        if (reason != null) {
            counts.limited(reason);
        }
        listener.forgotten(st.source, lastOfAddress);
    }

    private void armIfPending(SourceState st) {
        if (!st.armed && st.hasPendingWork()) {
            st.armed = true;
            armed.add(st);
        }
    }

    // ---- extended ------------------------------------------------------------------------

    /** @param owned whether {@code buf} is the datagram alone and the decoder's to keep ({@link #decodeOwned}) */
    private void decodeExtended(SourceState st, byte[] buf, int off, int len, long now, boolean owned) {
        ExtendedHeader h = header;
        if (!h.isFragment()) {
            String release = releaseOf(st, buf, h);
            emitExtended(st, h.seq, h.tsUs, h.prefix, h.flag, release, buf, h.headerEnd + 1, off + len,
                    owned ? buf : Arrays.copyOfRange(buf, off, off + len), 1, false, false);
            return;
        }
        counts.increment(DecodeCounter.FRAGMENTS);
        if (st.sequence(limits).isRecentDuplicate(h.seq, h.tsUs, now)) {
            counts.increment(DecodeCounter.FRAGMENT_DUPLICATES);
            return;
        }
        FragmentAssembly a = assemblyFor(st, h, buf, off, now);
        if (a == null) {
            return; // no memory for it, even after letting this decoder's others go: counted
        }
        int chunkStart = h.headerEnd + 1;
        switch (a.offer(h.fragOffset, buf, chunkStart, off + len - chunkStart, now)) {
            case DUPLICATE:
                counts.increment(DecodeCounter.FRAGMENT_DUPLICATES);
                return;
            case OVERLAP:
                counts.malformed(MalformedReason.FRAGMENT_OVERLAP);
                return;
            default:
                break;
        }
        if (a.isComplete()) {
            removeAssembly(st, a);
            counts.increment(DecodeCounter.FRAGMENTED_MESSAGES);
            emitAssembled(st, a, a.payload(), false);
        }
    }

    /**
     * The in-flight assembly for this fragment's message, made (within bounds) if there is none;
     * null when the shared assembly memory has no room even after this decoder's oldest went.
     */
    private FragmentAssembly assemblyFor(SourceState st, ExtendedHeader h, byte[] buf, int off, long now) {
        List<FragmentAssembly> list = st.assemblies();
        for (FragmentAssembly a : list) {
            if (a.seq == h.seq) {
                if (a.matches(h)) {
                    return a;
                }
                counts.increment(DecodeCounter.FRAGMENT_HEADER_CHANGES);
                flushIncomplete(st, a);
                break;
            }
        }
        if (list.size() >= limits.maxAssembliesPerSource()) {
            counts.increment(DecodeCounter.ASSEMBLIES_EVICTED);
            flushIncomplete(st, list.get(0));
        }
        int footprint = FragmentAssembly.footprint(h, off);
        while (!budgets.assemblies().tryReserve(footprint)) {
            if (!evictOldestAssembly()) {
                counts.limited(LimitReason.ASSEMBLY_MEMORY);
                return null;
            }
            counts.increment(DecodeCounter.ASSEMBLIES_EVICTED);
            counts.limited(LimitReason.ASSEMBLY_MEMORY);
        }
        FragmentAssembly a = new FragmentAssembly(h, buf, off, now);
        list.add(a);
        assemblyBytes += footprint;
        return a;
    }

    /** Flushes the oldest assembly of any source; false when there is none. */
    private boolean evictOldestAssembly() {
        SourceState owner = null;
        FragmentAssembly oldest = null;
        for (SourceState st : armed) {
            if (st.hasAssemblies()) {
                FragmentAssembly a = st.assemblies().get(0);
                if (oldest == null || a.firstArrivalNanos < oldest.firstArrivalNanos) {
                    oldest = a;
                    owner = st;
                }
            }
        }
        if (current.hasAssemblies() && (oldest == null
                || current.assemblies().get(0).firstArrivalNanos < oldest.firstArrivalNanos)) {
            owner = current;
            oldest = current.assemblies().get(0);
        }
        if (oldest == null) {
            return false;
        }
        SourceState caller = current;
        current = owner;
        flushIncomplete(owner, oldest);
        current = caller;
        return true;
    }

    private void removeAssembly(SourceState st, FragmentAssembly a) {
        st.assemblies().remove(a);
        assemblyBytes -= a.footprint();
        budgets.assemblies().release(a.footprint());
    }

    private void flushIncomplete(SourceState st, FragmentAssembly a) {
        removeAssembly(st, a);
        counts.increment(DecodeCounter.INCOMPLETE_MESSAGES);
        emitAssembled(st, a, a.receivedBytes(), true);
    }

    private void emitAssembled(SourceState st, FragmentAssembly a, byte[] payloadBytes, boolean incomplete) {
        byte[] raw = new byte[a.header.length + 1 + payloadBytes.length];
        System.arraycopy(a.header, 0, raw, 0, a.header.length);
        raw[a.header.length] = ';';
        System.arraycopy(payloadBytes, 0, raw, a.header.length + 1, payloadBytes.length);
        emitExtended(st, a.seq, a.tsUs, a.prefix, a.flag, a.release, payloadBytes, 0, payloadBytes.length, raw,
                a.fragments(), incomplete, true);
    }

    /** The release prefix as a string, reusing the source's last one when the bytes match. */
    private static String releaseOf(SourceState st, byte[] buf, ExtendedHeader h) {
        if (h.releaseLength == 0) {
            return null;
        }
        byte[] last = st.releaseBytes;
        if (last != null && Arrays.equals(last, 0, last.length, buf, h.releaseOffset,
                h.releaseOffset + h.releaseLength)) {
            return st.release;
        }
        st.releaseBytes = Arrays.copyOfRange(buf, h.releaseOffset, h.releaseOffset + h.releaseLength);
        st.release = new String(st.releaseBytes, StandardCharsets.US_ASCII);
        return st.release;
    }

    private void emitExtended(SourceState st, long seq, long tsUs, int prefix, ContinuationFlag flag,
                              String release, byte[] buf, int from, int to, byte[] raw, int fragments,
                              boolean incomplete, boolean reassembled) {
        SequenceTracker tracker = st.sequence(limits);
        boolean userSpacePing = Pings.isUserSpace(buf, from, to);
        SequenceVerdict verdict = userSpacePing ? SequenceVerdict.IN_ORDER
                : tracker.classify(seq, tsUs, currentNow, reassembled);
        if (verdict == SequenceVerdict.DUPLICATE) {
            counts.increment(DecodeCounter.DUPLICATE_MESSAGES);
            listener.duplicateDropped(st.source);
            return;
        }
        boolean restarted = verdict == SequenceVerdict.RESET || verdict == SequenceVerdict.JUMP;
        if (restarted) {
            reset(st, tracker, seq, tsUs, verdict == SequenceVerdict.JUMP);
            CrashCollector crash = st.crashIfPresent();
            if (verdict == SequenceVerdict.RESET && crash != null) {
                // A kernel restart, not a forged seq: the previous boot's report ends here, and its
                // last words say whether the restart was expected.
                crash.restart(currentNow, crashListener);
            }
        } else if (verdict == SequenceVerdict.OUT_OF_ORDER) {
            counts.increment(DecodeCounter.OUT_OF_ORDER);
        }
        ExtendedPayload p = payload;
        payloadParser.parse(buf, from, to, p);
        if (!userSpacePing && tracker.record(seq, tsUs, p.msgid, currentNow, seqGapListener, msgidGapListener)) {
            counts.limited(LimitReason.SEQ_JUMP);
        }
        Extended extended = new Extended(prefix & 7, prefix >>> 3, seq, flag, release != null ? release : p.release,
                restarted, verdict == SequenceVerdict.OUT_OF_ORDER, false, p.devicePart(), p.sysdataPart(),
                p.userdataOrEmpty());
        KernelMessage r = new KernelMessage(currentNow, st.source, st.hostName, p.message, tsUs, fragments, incomplete,
                raw, Pings.parse(p.message), extended);
        if (flag == ContinuationFlag.FIRST || st.hasPendingContinuation()) {
            st.continuation(continuationBounds).accept(r, emitter);
        } else {
            emit(r);
        }
    }

    /** The kernel restarted (or seq jumped too far): settle what belonged to the old run, then start over. */
    private void reset(SourceState st, SequenceTracker tracker, long seq, long tsUs, boolean jump) {
        tracker.flush(seqGapListener, msgidGapListener);
        if (st.hasPendingContinuation()) {
            st.pendingContinuation().flush(emitter);
        }
        counts.increment(DecodeCounter.SOURCE_RESETS);
        if (jump) {
            counts.limited(LimitReason.SEQ_JUMP);
        }
        emit(SourceEvents.reset(st.source, st.hostName, tracker.highestSeq(), tracker.highestTs(), seq, tsUs, jump,
                currentNow));
        tracker.restart();
    }

    private void seqGap(long first, long last) {
        SequenceTracker tracker = current.sequenceIfPresent();
        if (tracker != null && tracker.lossByMsgid()) {
            counts.add(DecodeCounter.SEQ_SKIPPED, last - first + 1);
        } else {
            lost("seq", first, last);
        }
    }

    private void msgidGap(long first, long last) {
        lost("msgid", first, last);
    }

    private void lost(String counter, long first, long last) {
        counts.add(DecodeCounter.LOST_MESSAGES, last - first + 1);
        emit(SourceEvents.loss(current.source, current.hostName, counter, first, last, currentNow));
    }

    // ---- legacy --------------------------------------------------------------------------

    private void legacyLine(byte[] buf, int from, int to, int datagrams, boolean partial) {
        if (from == to) {
            return;
        }
        int textStart = LegacyTimestamp.prefixEnd(buf, from, to);
        String text = new String(buf, textStart, to - textStart, StandardCharsets.UTF_8);
        KernelMessage r = new KernelMessage(currentNow, current.source, current.hostName, text,
                LegacyTimestamp.parseMicros(buf, from, to), Math.max(1, datagrams), partial,
                Arrays.copyOfRange(buf, from, to), Pings.parse(text), null);
        counts.increment(DecodeCounter.LEGACY_LINES);
        if (partial) {
            counts.increment(DecodeCounter.LEGACY_PARTIAL_FLUSHES);
        }
        emit(r);
    }

    // ---- timeouts ------------------------------------------------------------------------

    private void expireSource(SourceState st, long now) {
        if (st.hasAssemblies()) {
            for (FragmentAssembly a : new ArrayList<>(st.assemblies())) {
                if (now - a.firstArrivalNanos >= fragmentTimeoutNanos) {
                    flushIncomplete(st, a);
                }
            }
        }
        if (st.hasPendingContinuation()) {
            ContinuationJoiner run = st.pendingContinuation();
            if (run.tooOld(now)) {
                run.cut(LimitReason.CONTINUATION_AGE, emitter);
            } else if (now - run.lastArrivalNanos() >= continuationTimeoutNanos) {
                run.flush(emitter);
            }
        }
        if (st.hasPendingLegacy() && now - st.pendingLegacy().lastArrivalNanos() >= legacyFlushNanos) {
            st.pendingLegacy().flush(lineListener);
        }
        SequenceTracker tracker = st.sequenceIfPresent();
        if (tracker != null) {
            tracker.expire(now, seqGapListener, msgidGapListener);
        }
        CrashCollector crash = st.crashIfPresent();
        if (crash != null) {
            crash.expire(now, crashListener);
        }
    }

    private void flushSource(SourceState st) {
        while (st.hasAssemblies()) {
            flushIncomplete(st, st.assemblies().get(0));
        }
        if (st.hasPendingContinuation()) {
            st.pendingContinuation().flush(emitter);
        }
        if (st.hasPendingLegacy()) {
            st.pendingLegacy().flush(lineListener);
        }
        SequenceTracker tracker = st.sequenceIfPresent();
        if (tracker != null) {
            tracker.flush(seqGapListener, msgidGapListener);
        }
        // Last: the lines flushed above may still belong to the open report.
        CrashCollector crash = st.crashIfPresent();
        if (crash != null) {
            crash.flush(crashListener);
        }
    }

    /** Hands on a message or event; a message then goes to the source's crash collector. */
    private void emit(Record r) {
        if (!(r instanceof KernelMessage m)) {
            counts.increment(DecodeCounter.EVENTS);
            currentOut.accept(r);
            return;
        }
        counts.increment(DecodeCounter.MESSAGES);
        // The message goes out first: a report it ends or cuts follows it.
        currentOut.accept(m);
        if (m.ping() != null && m.ping().fromUserSpace()) {
            return; // not the kernel's words, and its seq and time are not the kernel's either
        }
        CrashCollector crash = current.crash(limits.crash(), budgets.crash());
        Extended x = m.extended();
        if (x != null) {
            crash.acceptExtended(m.message(), x.seq(), m.kernelTsUs(), m.receivedAtNanos(), crashListener);
        } else {
            crash.acceptLegacy(m.message(), m.kernelTsUs() == null ? -1 : m.kernelTsUs(), m.receivedAtNanos(),
                    crashListener);
        }
    }

    /** For tests: the sources currently held. */
    Iterable<SourceState> sources() {
        return sources.values();
    }
}
