package dev.ncbridge.app.deploy;

import java.nio.file.Path;

/** The checkout's root, where deploy/ and docs/ are. */
final class Repo {
    private Repo() {
    }

    static Path root() {
        String configured = System.getProperty("ncbridge.repo");
        Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
        return root.toAbsolutePath().normalize();
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }
}
