package dev.ncbridge.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWatcherTest {
    private static final Duration DEBOUNCE = Duration.ofMillis(100);
    private final AtomicInteger changes = new AtomicInteger();

    @Test
    void aRewriteAnEditorsRenameAndAnUnrelatedFileCountAsTheyShould(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("ncbridge.yaml"), "a: 1\n");
        try (ConfigWatcher w = ConfigWatcher.start(file, DEBOUNCE, changes::incrementAndGet)) {
            Files.writeString(file, "a: 2\n");
            await().atMost(Duration.ofSeconds(30)).until(() -> changes.get() == 1);

            // An unrelated file, then the same bytes written again: no reload; the rename after is one.
            Files.writeString(dir.resolve("other"), "x");
            Files.writeString(file, "a: 2\n");
            Path saved = Files.writeString(dir.resolve(".ncbridge.yaml.swp"), "a: 3\n");
            Files.move(saved, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            await().atMost(Duration.ofSeconds(30)).until(() -> changes.get() >= 2);
            assertThat(changes).hasValue(2);
        }
    }

    @Test
    void aConfigMapDataSwapIsOneChange(@TempDir Path dir) throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("..v1")).resolve("ncbridge.yaml"), "a: 1\n");
        Files.createSymbolicLink(dir.resolve("..data"), Path.of("..v1"));
        Path file = Files.createSymbolicLink(dir.resolve("ncbridge.yaml"), Path.of("..data/ncbridge.yaml"));
        try (ConfigWatcher w = ConfigWatcher.start(file, DEBOUNCE, changes::incrementAndGet)) {
            Files.writeString(Files.createDirectories(dir.resolve("..v2")).resolve("ncbridge.yaml"), "a: 2\n");
            Files.move(Files.createSymbolicLink(dir.resolve("..data_tmp"), Path.of("..v2")), dir.resolve("..data"),
                    StandardCopyOption.ATOMIC_MOVE);
            await().atMost(Duration.ofSeconds(30)).until(() -> changes.get() == 1);
            // The kubelet then removes the old directory: no content change, no reload; the next swap is one.
            Files.delete(dir.resolve("..v1/ncbridge.yaml"));
            Files.delete(dir.resolve("..v1"));
            Files.writeString(Files.createDirectories(dir.resolve("..v3")).resolve("ncbridge.yaml"), "a: 3\n");
            Files.move(Files.createSymbolicLink(dir.resolve("..data_tmp"), Path.of("..v3")), dir.resolve("..data"),
                    StandardCopyOption.ATOMIC_MOVE);
            await().atMost(Duration.ofSeconds(30)).until(() -> changes.get() >= 2);
            assertThat(changes).hasValue(2);
        }
    }
}
