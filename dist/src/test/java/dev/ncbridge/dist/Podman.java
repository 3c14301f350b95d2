package dev.ncbridge.dist;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
    /** Where base image root file systems are kept between runs, by a hash of what makes them. */
    private static final Path CACHE = Path.of("/var/tmp/ncbridge-test-images");
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

    HostCommand run(Duration within, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(args));
        return HostCommand.run(within, env, command);
    }

    /** A podman command's standard output, or its standard error: podman logs keeps a container's apart. */
    String stream(boolean stdout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
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
     * with mmdebstrap unless the cache has it: about a minute the first time on a machine.
     */
    void debianBase(String packages, String tag) throws IOException, InterruptedException {
        String key = sha256(SUITE + " minbase " + packages).substring(0, 16);
        String local = "localhost/ncbridge-test-base:" + key;
        if (run(Duration.ofMinutes(1), "image", "exists", local).exitCode() != 0) {
            Path rootfs = CACHE.resolve(key + ".tar");
            if (!Files.exists(rootfs)) {
                Files.createDirectories(CACHE);
                Path partial = Files.createTempFile(CACHE, key, ".partial");
                try {
                    HostCommand.run(Duration.ofMinutes(10), "mmdebstrap", "--variant=minbase",
                            "--include=" + packages, "--format=tar", SUITE, partial.toString()).ok();
                    // Whole or not at all, should two runs make it at once.
                    Files.move(partial, rootfs, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(partial);
                }
            }
            run(Duration.ofMinutes(5), "import", "--change", "CMD [\"/bin/bash\"]", rootfs.toString(), local).ok();
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
