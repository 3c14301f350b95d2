package dev.ncbridge.dist;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Debian's rootful podman as this machine runs it (docs/operations.md, "Testing the image"):
 * runc as the runtime and default rlimits the VM can grant, through a containers.conf of its own;
 * base images made from a Debian root file system with mmdebstrap, since no registry is reachable.
 */
final class Podman {
    /**
     * The tests' own image storage, apart from this machine's: the base images (kept between runs,
     * named by a hash of what makes them) take public names there that must not shadow real ones.
     */
    private static final Path STORAGE = Path.of("/var/tmp/ncbridge-test-podman");
    private static final Path RUN_STORAGE = Path.of("/run/ncbridge-test-podman");
    private static final String SUITE = "bookworm";

    private final Map<String, String> env;

    private Podman(Path containersConf) {
        this.env = Map.of("CONTAINERS_CONF", containersConf.toString());
    }

    /** podman with its configuration written under {@code dir}. */
    static Podman configuredIn(Path dir) throws IOException {
        Path conf = Files.writeString(dir.resolve("containers.conf"), """
                [containers]
                # The VM cannot raise rlimits (no CAP_SYS_RESOURCE): ask for its hard limits, no more.
                default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
                [engine]
                # crun refuses this host's hybrid cgroup layout; runc does not.
                runtime = "runc"
                """);
        return new Podman(conf);
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of("podman", "--root", STORAGE.resolve("storage").toString(),
                "--runroot", RUN_STORAGE.toString()));
        command.addAll(List.of(args));
        return command;
    }

    HostCommand run(Duration within, String... args) throws IOException, InterruptedException {
        return HostCommand.run(within, env, command(args));
    }

    /** A podman command's standard output, or its standard error: podman logs keeps a container's apart. */
    String stream(boolean stdout, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command(args))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdout ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.DISCARD)
                .redirectError(stdout ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(env);
        Process p = builder.start();
        byte[] text = (stdout ? p.getInputStream() : p.getErrorStream()).readAllBytes();
        p.waitFor();
        return new String(text, StandardCharsets.UTF_8);
    }

    /**
     * A local image of Debian {@value SUITE} (minbase) with {@code packages}, tagged {@code tag}, made
     * with mmdebstrap unless the test storage has it already: about a minute the first time.
     */
    void debianBase(String packages, String tag) throws IOException, InterruptedException {
        String local = "localhost/ncbridge-test-base:" + sha256(SUITE + " minbase " + packages).substring(0, 16);
        if (run(Duration.ofMinutes(1), "image", "exists", local).exitCode() != 0) {
            Files.createDirectories(STORAGE);
            Path rootfs = Files.createTempFile(STORAGE, "rootfs-", ".tar");
            try {
                HostCommand.run(Duration.ofMinutes(10), "mmdebstrap", "--variant=minbase", "--include=" + packages,
                        "--format=tar", SUITE, rootfs.toString()).ok();
                run(Duration.ofMinutes(5), "import", "--change", "CMD [\"/bin/bash\"]", rootfs.toString(), local)
                        .ok();
            } finally {
                Files.deleteIfExists(rootfs);
            }
        }
        run(Duration.ofMinutes(1), "tag", local, tag).ok();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
