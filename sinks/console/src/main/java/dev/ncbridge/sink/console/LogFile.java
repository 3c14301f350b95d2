package dev.ncbridge.sink.console;

import io.netty.buffer.ByteBuf;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One file the sink appends lines to, buffered, with what rotation needs to know: its size and
 * since when it is open.
 *
 * <p>After a failed write or flush the file is closed at once and its buffer thrown away, so the
 * runner's retry of the batch starts from a fresh handle instead of writing stale buffered bytes
 * a second time; {@link #broken()} then tells the owner to forget it.
 */
final class LogFile {
    /** Small, because up to max_open_files of these exist at once; a batch is flushed anyway. */
    private static final int BUFFER_BYTES = 8 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final OutputStream out;
    private final Instant since;
    private final boolean fsync;
    private long size;
    private boolean closed;
    private boolean broken;

    private LogFile(Path path, FileChannel channel, Instant since, boolean fsync) throws IOException {
        this.path = path;
        this.channel = channel;
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
        this.since = since;
        this.fsync = fsync;
        this.size = channel.size();
    }

    /**
     * Opens {@code path} for appending, creating it and its missing parent directories.
     *
     * @param since when the file counts as opened, for rotate_interval
     * @throws BadPathException when no file can be at {@code path}
     * @throws IOException when the file system refuses (permissions, disk full): worth retrying
     */
    static LogFile open(Path path, Instant since, boolean fsync) throws BadPathException, IOException {
        Path dir = path.getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            if (fileInTheWay(dir)) {
                throw new BadPathException(path.toString(), "a parent is not a directory");
            }
            throw new IOException("cannot create directory " + dir + ": " + e, e);
        }
        if (Files.isDirectory(path)) {
            throw new BadPathException(path.toString(), "is a directory");
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IOException("cannot open " + path + ": " + e, e);
        }
        try {
            return new LogFile(path, channel, since, fsync);
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot open " + path + ": " + e, e);
        }
    }

    /** Whether the nearest existing ancestor of {@code dir} is something other than a directory. */
    private static boolean fileInTheWay(Path dir) {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return !Files.isDirectory(p);
            }
        }
        return false;
    }

    Path path() {
        return path;
    }

    long size() {
        return size;
    }

    Instant since() {
        return since;
    }

    boolean broken() {
        return broken;
    }

    /** Appends the bytes collected in {@code line}, which it leaves as they are. */
    void write(ByteBuf line) throws IOException {
        try {
            int length = line.readableBytes();
            line.getBytes(line.readerIndex(), out, length);
            size += length;
        } catch (IOException e) {
            throw fail("write", e);
        }
    }

    /** Hands buffered bytes to the OS, and forces them to disk when fsync is on. No-op once closed. */
    void flush() throws IOException {
        if (closed) {
            return;
        }
        try {
            out.flush();
            if (fsync) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw fail("write", e);
        }
    }

    void close() throws IOException {
        flush();
        if (!closed) {
            closed = true;
            try {
                channel.close();
            } catch (IOException e) {
                throw fail("close", e);
            }
        }
    }

    private IOException fail(String what, IOException cause) {
        broken = true;
        closed = true;
        try {
            channel.close();
        } catch (IOException suppressed) {
            cause.addSuppressed(suppressed);
        }
        return new IOException("cannot " + what + " " + path + ": " + cause, cause);
    }
}
