package dev.ncbridge.sink.console;

import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.sink.BatchResult;
import dev.ncbridge.sink.Sink;
import dev.ncbridge.sink.encode.RecordEncoder;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends each record, encoded and followed by {@code '\n'}, to the file its path template names
 * (typically one per host, as netconsd's logger does), rotating files by size and age.
 *
 * <p>Writes happen on the runner's thread, which is the sink's own, so they block nothing else.
 * A write that fails fails the whole batch and the runner retries it; lines of that batch that had
 * already reached other files are then written again (at-least-once).
 */
final class FileSink implements Sink {
    private static final Logger log = LoggerFactory.getLogger(FileSink.class);
    /** The reject reason of a record whose expanded path is not a file the sink may write. */
    private static final String BAD_PATH = "bad_path";

    private final String name;
    private final FileOptions options;
    private final RecordEncoder encoder;
    private final Clock clock;
    private final Gzipper gzipper;
    private final OpenFiles files;
    private final MeterRegistry registry;
    private final WarningThrottle badPathWarnings;
    private final StringBuilder pathScratch = new StringBuilder(128);
    /** Netty's buffer rather than a ByteArrayOutputStream, which takes a lock at every call (StdoutSink says why). */
    private final ByteBuf line = Unpooled.buffer(512);
    private final ByteBufOutputStream lineOut = new ByteBufOutputStream(line);
    private final Set<LogFile> unflushed = new LinkedHashSet<>();
    /** Registered at start, not at creation, so that only a running sink has meters. */
    private FileMeters meters;

    FileSink(String name, FileOptions options, RecordEncoder encoder, MeterRegistry registry, Clock clock) {
        this.name = name;
        this.options = options;
        this.encoder = encoder;
        this.clock = clock;
        this.gzipper = options.compress() == Compress.GZIP ? new Gzipper(name, options.fsync()) : null;
        this.files = new OpenFiles(options.maxOpenFiles(), options.fsync(), new Rotator(options.keep(), gzipper));
        this.registry = registry;
        this.badPathWarnings = new WarningThrottle(clock, TimeUnit.MINUTES.toMillis(1));
    }

    /**
     * Fails unless the directory before the template's first field can be created and written to,
     * so that a wrong path stops the bridge at start rather than failing every batch.
     */
    @Override
    public void start() throws IOException {
        checkBaseDirectory();
        meters = new FileMeters(registry, name, files.count());
    }

    private void checkBaseDirectory() throws IOException {
        Path base = options.baseDirectory().toAbsolutePath();
        try {
            Files.createDirectories(base);
            // Only writing tells for sure: permission bits are not the whole story (root squash
            // on NFS, SELinux, immutable directories, read-only mounts).
            Files.delete(Files.createTempFile(base, ".ncbridge-write-test", null));
        } catch (IOException e) {
            throw new IOException("file sink " + name + ": cannot write to directory " + base + " (from path \""
                    + options.path() + "\"): " + e, e);
        }
    }

    @Override
    public CompletionStage<BatchResult> write(List<Record> batch) {
        Instant now = clock.instant();
        BatchResult.Builder result = BatchResult.builder();
        try {
            for (int i = 0; i < batch.size(); i++) {
                Record record = batch.get(i);
                line.clear();
                encoder.encode(record, lineOut);
                line.writeByte('\n');
                pathScratch.setLength(0);
                options.path().render(record, pathScratch);
                String target = pathScratch.toString();
                try {
                    append(target, now);
                } catch (BadPathException e) {
                    result.reject(i, BAD_PATH);
                    warnBadPath(e);
                }
            }
            if (options.flush() == FlushPolicy.BATCH) {
                for (LogFile file : unflushed) {
                    file.flush();
                }
            }
            return CompletableFuture.completedFuture(result.build());
        } catch (IOException e) {
            files.dropBroken();
            return CompletableFuture.failedFuture(e);
        } finally {
            unflushed.clear();
        }
    }

    /** Appends {@link #line} to {@code target}'s file, rotating that first when it is due. */
    private void append(String target, Instant now) throws BadPathException, IOException {
        LogFile file = files.get(target, now);
        int length = line.readableBytes();
        if (options.rotation().due(file, length, now)) {
            files.rotate(target);
            meters.rotations.increment();
            file = files.get(target, now);
        }
        file.write(line);
        meters.bytesWritten.increment(length);
        switch (options.flush()) {
            case ALWAYS -> file.flush();
            case BATCH -> unflushed.add(file);
            case NONE -> {
                // The buffer goes to the OS when it fills, at rotation, and at close.
            }
        }
    }

    private void warnBadPath(BadPathException e) {
        long heldBack = badPathWarnings.tryWarn();
        if (heldBack >= 0) {
            log.warn("file sink {}: record rejected, no file can be at {}{}", name, e.getMessage(),
                    heldBack > 0 ? " (" + heldBack + " more such records since the last warning)" : "");
        }
    }

    /** Flushes and closes every file, then waits for rotated files still being compressed. */
    @Override
    public Set<String> rejectReasons() {
        return Set.of(BAD_PATH);
    }

    @Override
    public void close() throws IOException {
        try {
            files.closeAll();
        } finally {
            if (gzipper != null) {
                gzipper.close();
            }
            if (meters != null) {
                meters.remove();
            }
        }
    }
}
