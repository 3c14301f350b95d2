package dev.ncbridge.app.testing;

import java.nio.file.Path;

/** The checkout's root, where deploy/ and docs/ are (the {@code ncbridge.repo} property). */
public final class Repo {
    private Repo() {
    }

    public static Path root() {
        String configured = System.getProperty("ncbridge.repo");
        Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
        return root.toAbsolutePath().normalize();
    }

    public static Path file(String relative) {
        return root().resolve(relative);
    }
}
