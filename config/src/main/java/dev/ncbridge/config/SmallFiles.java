package dev.ncbridge.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the small text files a configuration is made of (the file itself, {@code ${file:}}
 * secrets) with a bound on their size, and only regular files: a device or a pipe named by
 * mistake would otherwise fill the memory or block the start for ever.
 */
final class SmallFiles {
    private SmallFiles() {
    }

    /** The file as UTF-8 text; an IOException with the reason, in plain words, when it cannot be. */
    static String read(Path file, int maxBytes) throws IOException {
        if (!Files.isRegularFile(file)) {
            if (!Files.exists(file)) {
                throw new NoSuchFileException(file.toString());
            }
            throw new IOException("not a regular file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new IOException("larger than " + maxBytes + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
