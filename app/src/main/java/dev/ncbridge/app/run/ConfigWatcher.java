package dev.ncbridge.app.run;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code run --watch-config}: calls back once per change of the configuration file's content.
 *
 * <p>It watches the file's directory, not the file: editors replace a file by renaming another
 * over it, and a Kubernetes ConfigMap volume changes by swapping its {@code ..data} symlink to a
 * new directory, so the file's own inode never changes and a watch on it would see nothing. After
 * an event it waits until the directory has been quiet for the debounce time (a swap is several
 * events, an editor's save a few), then reads the file and calls back only if its content differs
 * from the last it saw (by SHA-256, so that no file, however large, is held): a change elsewhere in
 * the directory reloads nothing.
 */
final class ConfigWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);

    private final Path file;
    private final Duration debounce;
    private final Runnable onChange;
    private final WatchService watcher;
    private final Thread thread;
    /** The SHA-256 of the content last seen, or null while the file is missing. */
    private byte[] seen;

    private ConfigWatcher(Path file, Duration debounce, Runnable onChange) throws IOException {
        this.file = file;
        this.debounce = debounce;
        this.onChange = onChange;
        this.seen = digest();
        Path dir = file.toAbsolutePath().getParent();
        this.watcher = dir.getFileSystem().newWatchService();
        dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        this.thread = new Thread(this::run, "watch-config");
        this.thread.setDaemon(true);
    }

    /** Starts watching {@code file}; {@code onChange} runs on the watching thread. */
    static ConfigWatcher start(Path file, Duration debounce, Runnable onChange) throws IOException {
        ConfigWatcher w = new ConfigWatcher(file, debounce, onChange);
        w.thread.start();
        log.info("watching {} for changes", file);
        return w;
    }

    private void run() {
        try {
            while (true) {
                drain(watcher.take());
                WatchKey more;
                while ((more = watcher.poll(debounce.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                byte[] now = digest();
                if (now != null && !Arrays.equals(now, seen)) {
                    seen = now;
                    log.info("{} changed; reloading", file);
                    onChange.run();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: the bridge stops
        } catch (RuntimeException e) {
            log.error("watching {} failed, changes are no longer reloaded (SIGHUP still reloads): {}", file, e.toString());
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    /** The SHA-256 of the file's content, or null while it cannot be read (between a delete and a create). */
    private byte[] digest() {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return in.getMessageDigest().digest();
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            log.debug("closing the watch on {}: {}", file, e.toString());
        }
        thread.interrupt();
    }
}
