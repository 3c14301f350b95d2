package dev.ncbridge.sink.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gzips rotated files on a background thread, one file at a time, so that compressing a 100 MiB
 * file does not stall the sink's writes for every host. The thread exists only while there is
 * work. {@code f.1} becomes {@code f.1.gz} by way of {@code f.1.gz.tmp}, so a half-written
 * archive never carries the final name; {@code f.1} is deleted only once the archive is complete.
 */
final class Gzipper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Gzipper.class);
    private static final int BUFFER_BYTES = 64 * 1024;

    private final String sink;
    private final boolean fsync;
    private final ThreadPoolExecutor executor;
    private final Map<Path, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();

    Gzipper(String sink, boolean fsync) {
        this.sink = sink;
        this.fsync = fsync;
        this.executor = new ThreadPoolExecutor(0, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), task -> {
            Thread t = new Thread(task, "file-gzip-" + sink);
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues {@code plain} to be replaced by {@code plain.gz}. */
    void compress(Path plain) {
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> gzip(plain), executor);
        pending.put(plain, done);
        // Runs at once if already done, so the map never keeps finished work.
        done.whenComplete((ignored, error) -> pending.remove(plain, done));
    }

    /**
     * Waits until {@code plain}'s compression, if any is queued or running, has ended. This is
     * what bounds the work: a file cannot be rotated again until its last rotation is compressed.
     */
    void awaitPending(Path plain) {
        CompletableFuture<Void> done = pending.get(plain);
        if (done != null) {
            // gzip logs its own failures; only that it ended matters here.
            done.exceptionally(error -> null).join();
        }
    }

    /** Finishes the queued compressions: a rotated file is otherwise left uncompressed for good. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            while (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.info("sink {}: still compressing rotated files", sink);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void gzip(Path plain) {
        Path gz = plain.resolveSibling(plain.getFileName() + ".gz");
        Path tmp = plain.resolveSibling(plain.getFileName() + ".gz.tmp");
        try {
            try (InputStream in = Files.newInputStream(plain);
                 FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                         StandardOpenOption.TRUNCATE_EXISTING);
                 GZIPOutputStream out = new GZIPOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES)) {
                in.transferTo(out);
                out.finish();
                if (fsync) {
                    channel.force(true);
                }
            }
            Files.move(tmp, gz, StandardCopyOption.ATOMIC_MOVE);
            Files.delete(plain);
        } catch (IOException e) {
            log.warn("sink {}: cannot gzip {}, leaving it uncompressed: {}", sink, plain, e.toString());
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // Overwritten by the next compression of the same name.
            }
        }
    }
}
