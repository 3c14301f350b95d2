package dev.ncbridge.sink.spool;

import dev.ncbridge.ingest.record.Record;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sink's records on disk, oldest first: a log of segment files ({@link SegmentFormat}) and an
 * {@code ack} file naming the first record not yet delivered. Records are appended at the tail,
 * read from the head, and removed only by {@link #ack}, after the sink acknowledged them; a
 * segment file is deleted once all of its records are. Opening the spool finds what an earlier
 * run left, counts damaged entries, and reads it first.
 *
 * <p>Not thread-safe: the sink runner uses it from one thread at a time.
 */
public final class Spool implements AutoCloseable {
    /** The smallest {@code max_size}: room for the 16 segments eviction works with. */
    public static final long MIN_MAX_SIZE = 1 << 20;
    private static final Logger log = LoggerFactory.getLogger(Spool.class);
    private static final long MAX_SEGMENT_BYTES = 64L << 20;
    private static final int WRITE_BUFFER = 256 << 10;
    private static final String SUFFIX = ".seg";
    private static final int ACK_BYTES = 20;

    private final Path dir;
    private final SpoolSettings settings;
    private final SpoolMetrics metrics;
    private final long segmentBytes;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final FileChannel ackChannel;
    private final Deque<Segment> segments = new ArrayDeque<>();
    private ByteBuffer writeBuffer = ByteBuffer.allocate(WRITE_BUFFER);
    private Segment active;
    private FileChannel activeChannel;
    private Segment reading;
    private FileChannel readingChannel;
    private EntryReader reader;
    private long lastSyncNanos = System.nanoTime();
    private boolean unsynced;

    private Spool(Path dir, SpoolSettings settings, SpoolMetrics metrics, FileChannel lockChannel, FileLock lock)
            throws IOException {
        this.dir = dir;
        this.settings = settings;
        this.metrics = metrics;
        this.segmentBytes = Math.max(64 << 10, Math.min(MAX_SEGMENT_BYTES, settings.maxSize().bytes() / 16));
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.ackChannel = FileChannel.open(dir.resolve("ack"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
    }

    /**
     * Opens the spool in {@code settings.dir()}, creating it when absent, and finds what an earlier
     * run left there.
     *
     * @throws IOException when the directory cannot be created or written, or another process holds it
     */
    public static Spool open(SpoolSettings settings, SpoolMetrics metrics) throws IOException {
        Path dir = Path.of(settings.dir());
        Files.createDirectories(dir);
        FileChannel lockChannel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("spool directory " + dir + " is in use by another sink or process");
        }
        Spool spool = new Spool(dir, settings, metrics, lockChannel, lock);
        try {
            spool.recover();
        } catch (IOException | RuntimeException e) {
            spool.close();
            throw e;
        }
        return spool;
    }

    /** Records in the spool not yet acknowledged, including those read and in flight. */
    public long records() {
        return metrics.records();
    }

    public boolean isEmpty() {
        return metrics.records() == 0;
    }

    /** Whether there are records not yet read. */
    public boolean hasUnread() {
        return metrics.records() > readUnacked();
    }

    /**
     * Appends a record to the write buffer; {@link #commit} writes it. False when it does not fit
     * in {@code max_size}: the caller applies {@code when_full}.
     */
    public boolean append(Record r) throws IOException {
        return append(RecordCodec.encode(r), r.receivedAtNanos());
    }

    /** Appends all of {@code records}, or none of them when they do not all fit. */
    public boolean appendAll(List<Record> records) throws IOException {
        List<byte[]> payloads = new ArrayList<>(records.size());
        long size = 0;
        for (Record r : records) {
            byte[] p = RecordCodec.encode(r);
            payloads.add(p);
            size += SegmentFormat.FRAME_BYTES + p.length;
        }
        // Every segment they may open costs a header.
        long headers = SegmentFormat.HEADER_BYTES * (1 + size / (segmentBytes - SegmentFormat.HEADER_BYTES));
        if (metrics.bytes() + size + headers > settings.maxSize().bytes()) {
            return false;
        }
        for (int i = 0; i < records.size(); i++) {
            append(payloads.get(i), records.get(i).receivedAtNanos());
        }
        return true;
    }

    private boolean append(byte[] payload, long receivedAtNanos) throws IOException {
        int size = SegmentFormat.FRAME_BYTES + payload.length;
        boolean roll = active.bytes + size > segmentBytes && active.bytes > SegmentFormat.HEADER_BYTES;
        long needed = size + (roll ? SegmentFormat.HEADER_BYTES : 0);
        if (metrics.bytes() + needed > settings.maxSize().bytes()) {
            return false;
        }
        if (roll) {
            roll();
        }
        if (writeBuffer.remaining() < size) {
            writeOut();
            if (writeBuffer.capacity() < size) {
                writeBuffer = ByteBuffer.allocate(size);
            }
        }
        SegmentFormat.frame(writeBuffer, payload);
        active.bytes += size;
        active.remaining++;
        if (metrics.records() == 0) {
            metrics.oldest(receivedAtNanos);
        }
        metrics.added(1, size);
        return true;
    }

    /** Writes what {@link #append} buffered, and forces it to disk when {@code sync: batch}. */
    public void commit() throws IOException {
        writeOut();
        if (settings.sync() == SpoolSettings.Sync.BATCH) {
            force();
        }
    }

    /** Forces written records to disk when {@code sync: interval} says it is time. */
    public void tick() throws IOException {
        if (unsynced && settings.sync() == SpoolSettings.Sync.INTERVAL
                && System.nanoTime() - lastSyncNanos >= settings.syncInterval().toNanos()) {
            force();
        }
    }

    /** Reads up to {@code maxRecords} records (and about {@code maxBytes}) after those read before. */
    public List<Record> read(int maxRecords, long maxBytes) throws IOException {
        writeOut();
        List<Record> out = new ArrayList<>();
        long bytes = 0;
        while (out.size() < maxRecords && bytes < maxBytes) {
            byte[] payload = reader.next(reading == active ? active.bytes : reading.bytes);
            countDamage();
            if (payload == null) {
                if (reading == active) {
                    break;
                }
                moveReader(next(reading));
                continue;
            }
            bytes += payload.length;
            reading.read++;
            try {
                out.add(RecordCodec.decode(payload));
            } catch (IOException e) {
                // The CRC held, so the bytes are what was written: a record this build cannot read.
                log.warn("spool {}: a record that cannot be decoded was skipped: {}", dir, e.getMessage());
                reading.remaining--;
                reading.read--;
                metrics.corrupt(1);
                metrics.removed(1, 0);
            }
        }
        if (!out.isEmpty() && readUnacked() == out.size()) {
            metrics.oldest(out.get(0).receivedAtNanos());
        }
        return out;
    }

    /** The records read so far were delivered: removes them, and deletes the segments they emptied. */
    public void ack() throws IOException {
        long acked = 0;
        for (Segment s : segments) {
            acked += s.read;
            s.remaining -= s.read;
            s.read = 0;
        }
        while (segments.peekFirst() != reading && segments.peekFirst() != active) {
            delete(segments.pollFirst());
        }
        writeAck(reading.id, reader.position());
        metrics.removed(acked, 0);
        if (metrics.records() == 0) {
            metrics.oldest(0);
        }
    }

    /**
     * Deletes the oldest segment nobody is reading or writing, for {@code when_full: drop_oldest}.
     *
     * @return the records deleted with it; 0 when every segment is in use
     */
    public long evictOldest() throws IOException {
        for (Segment s : segments) {
            if (s.id > reading.id && s != active) {
                long lost = s.remaining;
                segments.remove(s);
                delete(s);
                metrics.removed(lost, 0);
                return lost;
            }
        }
        return 0;
    }

    /** Writes and forces everything, and releases the directory. */
    @Override
    public void close() throws IOException {
        try {
            if (activeChannel != null) {
                writeOut();
                force();
            }
        } finally {
            for (FileChannel c : new FileChannel[] {activeChannel, readingChannel, ackChannel}) {
                if (c != null) {
                    c.close();
                }
            }
            lock.release();
            lockChannel.close();
        }
    }

    private long readUnacked() {
        long n = 0;
        for (Segment s : segments) {
            n += s.read;
        }
        return n;
    }

    /** Finds the segments an earlier run left, counts their intact and damaged records, opens a new one. */
    private void recover() throws IOException {
        long[] ack = readAck();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        }
        long lastId = 0;
        long found = 0;
        for (Path file : files) {
            long id = idOf(file);
            lastId = Math.max(lastId, id);
            if (id < ack[0]) {
                Files.delete(file); // acknowledged before the crash, not yet deleted
                continue;
            }
            Segment s = new Segment(id, file, Files.size(file));
            s.start = id == ack[0] ? Math.max(SegmentFormat.HEADER_BYTES, Math.min(ack[1], s.bytes))
                    : SegmentFormat.HEADER_BYTES;
            if (!scan(s)) {
                continue;
            }
            found += s.remaining;
            segments.addLast(s);
            metrics.added(s.remaining, s.bytes);
        }
        metrics.replayed(found);
        if (found > 0) {
            log.info("spool {}: {} records from an earlier run will be delivered first", dir, found);
        }
        active = new Segment(lastId + 1, dir.resolve(name(lastId + 1)), 0);
        openActive();
        segments.addLast(active);
        moveReader(segments.peekFirst());
    }

    /** Counts a segment's intact records from its start; false when it is not a segment of this version. */
    private boolean scan(Segment s) throws IOException {
        try (FileChannel c = FileChannel.open(s.path, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(SegmentFormat.HEADER_BYTES);
            c.read(header, 0);
            header.flip();
            if (!SegmentFormat.isCurrentHeader(header)) {
                Path aside = s.path.resolveSibling(s.path.getFileName() + ".unreadable");
                log.error("spool {}: {} is not a segment this version reads; moved to {}", dir, s.path, aside);
                Files.move(s.path, aside);
                metrics.corrupt(1);
                return false;
            }
            EntryReader r = new EntryReader(c, s.start);
            while (r.next(s.bytes) != null) {
                s.remaining++;
            }
            if (r.damaged() > 0) {
                log.warn("spool {}: {} damaged entries in {} skipped", dir, r.damaged(), s.path.getFileName());
                metrics.corrupt(r.damaged());
            }
        }
        s.counted = true;
        if (s.remaining == 0) {
            Files.delete(s.path);
            return false;
        }
        return true;
    }

    private void countDamage() {
        long damaged = reader.damaged() - reading.damageSeen;
        if (damaged > 0) {
            reading.damageSeen += damaged;
            if (!reading.counted) {
                // Damage in a segment this run wrote: the disk changed under us.
                log.warn("spool {}: {} damaged entries in {} skipped", dir, damaged, reading.path.getFileName());
                metrics.corrupt(damaged);
                reading.remaining -= damaged;
                metrics.removed(damaged, 0);
            }
        }
    }

    private Segment next(Segment s) {
        boolean after = false;
        for (Segment t : segments) {
            if (after) {
                return t;
            }
            after = t == s;
        }
        throw new IllegalStateException("no segment after " + s.id);
    }

    private void moveReader(Segment s) throws IOException {
        if (readingChannel != null && reading != active) {
            readingChannel.close();
        }
        reading = s;
        readingChannel = s == active ? activeChannel : FileChannel.open(s.path, StandardOpenOption.READ);
        reader = new EntryReader(readingChannel, s.start);
    }

    private void roll() throws IOException {
        commit();
        if (reading != active) {
            activeChannel.close();
        }
        Segment next = new Segment(active.id + 1, dir.resolve(name(active.id + 1)), 0);
        active = next;
        openActive();
        segments.addLast(next);
    }

    private void openActive() throws IOException {
        activeChannel = FileChannel.open(active.path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        writeBuffer.put(SegmentFormat.header());
        active.bytes = SegmentFormat.HEADER_BYTES;
        active.start = SegmentFormat.HEADER_BYTES;
        metrics.added(0, SegmentFormat.HEADER_BYTES);
    }

    private void writeOut() throws IOException {
        if (writeBuffer.position() == 0) {
            return;
        }
        long start = System.nanoTime();
        writeBuffer.flip();
        long at = active.bytes - writeBuffer.remaining();
        while (writeBuffer.hasRemaining()) {
            at += activeChannel.write(writeBuffer, at);
        }
        writeBuffer.clear();
        unsynced = true;
        metrics.writeLatency(System.nanoTime() - start);
    }

    private void force() throws IOException {
        if (!unsynced) {
            return;
        }
        long start = System.nanoTime();
        activeChannel.force(false);
        ackChannel.force(false);
        unsynced = false;
        lastSyncNanos = System.nanoTime();
        metrics.fsyncLatency(lastSyncNanos - start);
    }

    private void delete(Segment s) throws IOException {
        Files.deleteIfExists(s.path);
        metrics.removed(0, s.bytes);
    }

    private void writeAck(long id, long position) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(ACK_BYTES);
        b.putLong(id).putLong(position).putInt(SegmentFormat.crc(b.array(), 0, 16)).flip();
        while (b.hasRemaining()) {
            ackChannel.write(b, b.position());
        }
        unsynced = true;
        if (settings.sync() == SpoolSettings.Sync.BATCH) {
            force();
        }
    }

    /** The first unacknowledged position as {segment id, offset}; {0, 0} when unknown (replay all). */
    private long[] readAck() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(ACK_BYTES);
        while (b.hasRemaining() && ackChannel.read(b, b.position()) > 0) {
            // read until full or end of file
        }
        if (b.position() < ACK_BYTES || b.getInt(16) != SegmentFormat.crc(b.array(), 0, 16)) {
            return new long[] {0, 0};
        }
        return new long[] {b.getLong(0), b.getLong(8)};
    }

    private static String name(long id) {
        return String.format("%020d%s", id, SUFFIX);
    }

    private static long idOf(Path file) throws IOException {
        String n = file.getFileName().toString();
        try {
            return Long.parseLong(n.substring(0, n.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            throw new IOException("unexpected file in the spool directory: " + file);
        }
    }

    /** One segment file and what is known about its records. */
    private static final class Segment {
        final long id;
        final Path path;
        long bytes;
        /** Where reading starts: after the header, or at the acknowledged position. */
        long start;
        /** Intact records not yet acknowledged. */
        long remaining;
        /** Records read and not yet acknowledged. */
        long read;
        /** Whether damage was already counted when the spool was opened. */
        boolean counted;
        long damageSeen;

        Segment(long id, Path path, long bytes) {
            this.id = id;
            this.path = path;
            this.bytes = bytes;
        }
    }
}
