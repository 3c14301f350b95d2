package dev.ncbridge.sink.console;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rotates a closed file with logrotate's numbered scheme: {@code f.1} becomes {@code f.2} and so
 * on, {@code f} becomes {@code f.1}, and files numbered past {@code keep} are deleted. Compressed
 * ({@code f.N.gz}) and plain ({@code f.N}) files are shifted alike, so changing {@code compress}
 * between runs loses nothing.
 */
final class Rotator {
    private final int keep;
    private final Gzipper gzipper;

    /**
     * @param gzipper compresses each newly rotated file; null to leave them as they are
     */
    Rotator(int keep, Gzipper gzipper) {
        this.keep = keep;
        this.gzipper = gzipper;
    }

    void rotate(Path file) throws IOException {
        try {
            if (gzipper != null) {
                // The previous f.1 must be compressed (and gone) before anything moves.
                gzipper.awaitPending(numbered(file, 1, false));
            }
            deleteFrom(file, keep);
            for (int n = keep - 1; n >= 1; n--) {
                moveIfExists(numbered(file, n, false), numbered(file, n + 1, false));
                moveIfExists(numbered(file, n, true), numbered(file, n + 1, true));
            }
            if (keep == 0) {
                Files.deleteIfExists(file);
                return;
            }
            Path first = numbered(file, 1, false);
            // The file may have been removed behind our back; then there is nothing to keep.
            if (moveIfExists(file, first) && gzipper != null) {
                gzipper.compress(first);
            }
        } catch (IOException e) {
            throw new IOException("cannot rotate " + file + ": " + e, e);
        }
    }

    /** Deletes {@code file.N} and {@code file.N.gz} for every N at or above {@code from}. */
    private static void deleteFrom(Path file, int from) throws IOException {
        Pattern rotated = Pattern.compile(Pattern.quote(file.getFileName().toString()) + "\\.(\\d{1,9})(\\.gz)?");
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(file.getParent(),
                p -> rotated.matcher(p.getFileName().toString()).matches())) {
            for (Path p : siblings) {
                Matcher m = rotated.matcher(p.getFileName().toString());
                if (m.matches() && Integer.parseInt(m.group(1)) >= from) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static boolean moveIfExists(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return false;
        }
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        return true;
    }

    private static Path numbered(Path file, int n, boolean gz) {
        return file.resolveSibling(file.getFileName() + "." + n + (gz ? ".gz" : ""));
    }
}
