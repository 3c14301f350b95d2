package dev.ncbridge.sink.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The files the sink has open, by expanded path: at most {@code max}, closing the least recently
 * used to open another, as there may be more hosts than file descriptors to spare.
 *
 * <p>Used from the sink's thread only; {@link #count()} may be read from any thread.
 */
final class OpenFiles {
    /** Linux's NAME_MAX: a longer name fails every time, so it is a bad path, not an error to retry. */
    private static final int NAME_MAX_BYTES = 255;
    /**
     * How many closed files' opening times are remembered. Bounded, because with date fields in
     * the path every hour or day brings new paths that are never opened again.
     */
    private static final int REMEMBERED = 65_536;

    private final int max;
    private final boolean fsync;
    private final Rotator rotator;
    private final AtomicInteger count = new AtomicInteger();
    private final LinkedHashMap<String, LogFile> open = new LinkedHashMap<>(16, 0.75f, true);
    /**
     * When files closed for room were first opened, so that rotate_interval counts from then when
     * they are opened again, instead of being put off for ever by a busy LRU.
     */
    private final Map<String, Instant> openedBefore = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > REMEMBERED;
        }
    };

    OpenFiles(int max, boolean fsync, Rotator rotator) {
        this.max = max;
        this.fsync = fsync;
        this.rotator = rotator;
    }

    /** The number of open files, for the gauge. */
    AtomicInteger count() {
        return count;
    }

    /** The open file for {@code target}, opening it (and closing the least recently used) as needed. */
    LogFile get(String target, Instant now) throws BadPathException, IOException {
        LogFile file = open.get(target);
        if (file != null) {
            return file;
        }
        Path path = pathOf(target);
        if (open.size() >= max) {
            closeEldest();
        }
        Instant since = openedBefore.remove(target);
        file = LogFile.open(path, since != null ? since : now, fsync);
        open.put(target, file);
        count.incrementAndGet();
        return file;
    }

    /** Closes {@code target}'s file and rotates it; the next {@link #get} starts a new one. */
    void rotate(String target) throws IOException {
        LogFile file = open.remove(target);
        count.decrementAndGet();
        file.close();
        rotator.rotate(file.path());
    }

    /** Forgets files closed by a failed write, so that the retry opens them afresh. */
    void dropBroken() {
        for (Iterator<Map.Entry<String, LogFile>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, LogFile> e = it.next();
            if (e.getValue().broken()) {
                it.remove();
                count.decrementAndGet();
                openedBefore.put(e.getKey(), e.getValue().since());
            }
        }
    }

    /** Flushes and closes every file, going on past failures; the first is thrown, the rest suppressed. */
    void closeAll() throws IOException {
        List<IOException> failures = new ArrayList<>();
        for (LogFile file : open.values()) {
            try {
                file.close();
            } catch (IOException e) {
                failures.add(e);
            }
        }
        open.clear();
        count.set(0);
        if (!failures.isEmpty()) {
            IOException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    private void closeEldest() throws IOException {
        Iterator<Map.Entry<String, LogFile>> eldest = open.entrySet().iterator();
        Map.Entry<String, LogFile> e = eldest.next();
        eldest.remove();
        count.decrementAndGet();
        openedBefore.put(e.getKey(), e.getValue().since());
        e.getValue().close();
    }

    private static Path pathOf(String target) throws BadPathException {
        Path path;
        try {
            path = Path.of(target).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new BadPathException(target, e.getReason());
        }
        for (Path name : path) {
            if (name.toString().getBytes(StandardCharsets.UTF_8).length > NAME_MAX_BYTES) {
                throw new BadPathException(target, "a name in it is longer than " + NAME_MAX_BYTES + " bytes");
            }
        }
        return path;
    }
}
