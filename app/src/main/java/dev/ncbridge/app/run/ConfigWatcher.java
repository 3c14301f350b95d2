package dev.ncbridge.app.run;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
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
 * events, an editor's save a few), then reads the file and calls back only if its bytes differ
 * from the last it saw: a change elsewhere in the directory reloads nothing.
 */
final class ConfigWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);

    private final Path file;
    private final Duration debounce;
    private final Runnable onChange;
    private final WatchService watcher;
    private final Thread thread;
    private byte[] seen;

    private ConfigWatcher(Path file, Duration debounce, Runnable onChange) throws IOException {
        this.file = file;
        this.debounce = debounce;
        this.onChange = onChange;
        this.seen = read();
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
                byte[] now = read();
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

    /** The file's bytes, or null while it is missing (between a delete and a create). */
    private byte[] read() {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
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
