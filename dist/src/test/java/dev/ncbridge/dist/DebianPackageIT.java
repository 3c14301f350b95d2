package dev.ncbridge.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ncbridge.app.testing.BridgeProcess;
import dev.ncbridge.app.testing.FakeNetconsole;
import dev.ncbridge.ingest.testing.RequiredServer;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian packages on this machine, as root: installed with dpkg (apt-get install -f for the
 * Java runtime), the installed bridge validated, started as its system user with the class-data
 * archive postinst made, fed a datagram and checked with the installed ncbridge-ping, the archive
 * made again by the trigger a Java update pulls, then both packages purged without a trace.
 */
class DebianPackageIT {
    private static final Duration APT = Duration.ofMinutes(10);
    private static final Duration COMMAND = Duration.ofMinutes(1);
    private static final List<String> PACKAGES = List.of("ncbridge", "ncbridge-ping");
    /** What the packages install or create, and purge must remove. */
    private static final List<String> INSTALLED = List.of("/usr/bin/ncbridge", "/usr/share/ncbridge",
            "/etc/ncbridge", "/var/lib/ncbridge", "/var/log/ncbridge", "/usr/lib/systemd/system/ncbridge.service",
            "/etc/systemd/system/multi-user.target.wants/ncbridge.service", "/usr/bin/ncbridge-ping",
            "/etc/default/ncbridge-ping", "/usr/lib/systemd/system/ncbridge-ping.timer", "/var/cache/ncbridge");
    /** The class-data archive postinst makes, and the launcher maps through lib/ncbridge.jsa. */
    private static final Path CLASS_DATA_ARCHIVE = Path.of("/var/cache/ncbridge/ncbridge.jsa");

    @TempDir
    Path dir;
    /** Set before dpkg -i: only then is there anything of the test's to purge. */
    boolean installing;

    @BeforeEach
    void dpkgAsRoot() throws Exception {
        if (!HostCommand.onPath("dpkg") || !HostCommand.onPath("apt-get")) {
            RequiredServer.unavailable("dpkg", "this is not a Debian system (no dpkg and apt-get)");
        }
        if (!HostCommand.run(COMMAND, "id", "-u").ok().output().strip().equals("0")) {
            RequiredServer.unavailable("dpkg", "installing a package needs root");
        }
        for (String pkg : PACKAGES) {
            // The test purges what it installs: it must not take a package someone installed.
            if (HostCommand.run(COMMAND, "dpkg-query", "-W", "-f", "${db:Status-Status}", pkg).output()
                    .equals("installed")) {
                RequiredServer.unavailable("dpkg", pkg + " is installed on this machine already");
            }
        }
    }

    @AfterEach
    void purgeWhatTheTestInstalled() throws Exception {
        if (installing) {
            purge();
        }
    }

    private static void purge() throws IOException, InterruptedException {
        HostCommand.run(APT, List.of("dpkg", "--purge", "ncbridge", "ncbridge-ping").toArray(String[]::new)).ok();
    }

    private static String query(String pkg, String format) throws IOException, InterruptedException {
        return HostCommand.run(COMMAND, "dpkg-query", "-W", "-f", format, pkg).ok().output();
    }

    @Test
    void installsRunsAndPurgesCleanly() throws Exception {
        Path deb = Dist.file("ncbridge.deb");
        Path pingDeb = Dist.file("ncbridge.ping.deb");
        // Without the dependencies dpkg leaves the packages unconfigured; apt-get install -f brings them.
        installing = true;
        if (HostCommand.run(APT, "dpkg", "-i", deb.toString(), pingDeb.toString()).exitCode() != 0) {
            HostCommand.run(APT, Map.of("DEBIAN_FRONTEND", "noninteractive"),
                    List.of("apt-get", "install", "-f", "-y", "--no-install-recommends")).ok();
        }

        for (String pkg : PACKAGES) {
            assertThat(query(pkg, "${Status}")).isEqualTo("install ok installed");
        }
        assertThat(query("ncbridge", "${Depends}")).contains("openjdk-17-jre-headless | java17-runtime-headless");
        assertThat(query("ncbridge", "${Conffiles}")).contains("/etc/ncbridge/ncbridge.yaml");
        assertThat(query("ncbridge-ping", "${Depends}")).contains("curl").doesNotContain("java", "jre");
        assertThat(Path.of("/usr/bin/ncbridge").toRealPath()).isEqualTo(Path.of("/usr/share/ncbridge/bin/ncbridge"));
        assertThat(Path.of("/usr/share/ncbridge/lib/sinks")).as("the sinks loaded when configured")
                .isDirectoryContaining("glob:**/elasticsearch.jar").isDirectoryContaining("glob:**/kafka.jar");
        assertThat(HostCommand.run(COMMAND, "getent", "passwd", "ncbridge").ok().output())
                .contains(":/var/lib/ncbridge:/usr/sbin/nologin");
        assertThat(Files.getOwner(Path.of("/var/lib/ncbridge")).getName()).isEqualTo("ncbridge");
        // deb-systemd-helper links /lib/... or /usr/lib/..., one file with a merged /usr.
        assertThat(Path.of("/etc/systemd/system/multi-user.target.wants/ncbridge.service").toRealPath()).as("enabled")
                .isEqualTo(Path.of("/usr/lib/systemd/system/ncbridge.service").toRealPath());
        for (String unit : List.of("ncbridge.service", "ncbridge-ping.service")) {
            Matcher doc = Pattern.compile("(?m)^Documentation=.*file://(/usr/share/doc/\\S+)")
                    .matcher(Files.readString(Path.of("/usr/lib/systemd/system", unit)));
            assertThat(doc.find()).as("%s names the packaged documentation", unit).isTrue();
            assertThat(Path.of(doc.group(1))).as("%s's Documentation=", unit).isRegularFile();
        }
        if (Files.isDirectory(Path.of("/run/systemd/system"))) {
            assertThat(HostCommand.run(COMMAND, "systemctl", "is-active", "ncbridge").output().strip())
                    .as("installed, not started").isEqualTo("inactive");
        }

        HostCommand validate = HostCommand.run(COMMAND, "ncbridge", "validate", "-c", "/etc/ncbridge/ncbridge.yaml");
        assertThat(validate.ok().output()).contains("/etc/ncbridge/ncbridge.yaml: valid (");
        assertThat(Path.of("/usr/share/ncbridge/lib/ncbridge.jsa").toRealPath()).isEqualTo(CLASS_DATA_ARCHIVE);
        assertThat(Files.size(CLASS_DATA_ARCHIVE)).as("made by postinst").isGreaterThan(10_000_000);

        runTheInstalledBridgeAsItsUser();
        aJavaRuntimeUpdateMakesTheArchiveAgain();

        HostCommand.run(APT, List.of("dpkg", "--purge", "ncbridge", "ncbridge-ping").toArray(String[]::new)).ok();
        for (String path : INSTALLED) {
            assertThat(Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS)).as("%s after purge", path).isFalse();
        }
        assertThat(HostCommand.run(COMMAND, "getent", "passwd", "ncbridge").exitCode()).as("user after purge")
                .isNotZero();
    }

    /**
     * The installed configuration with its ports moved to free loopback ones, run by /usr/bin/ncbridge
     * as the unit runs it (its user, its working directory); setpriv execs, so SIGTERM reaches java.
     */
    private void runTheInstalledBridgeAsItsUser() throws Exception {
        int udpPort = BridgeProcess.freeUdpPort();
        int httpPort = BridgeProcess.freeTcpPort();
        // Under /var/lib/ncbridge, where the service user can read it and purge removes it.
        Path config = Files.writeString(Path.of("/var/lib/ncbridge/loopback-test.yaml"),
                ShippedConfig.onLoopback(Path.of("/etc/ncbridge/ncbridge.yaml"), udpPort, httpPort));
        List<String> command = List.of("setpriv", "--reuid=ncbridge", "--regid=ncbridge", "--init-groups",
                "/usr/bin/ncbridge", "run", "-c", config.toString());

        try (BridgeProcess bridge = BridgeProcess.start(command, Path.of("/var/lib/ncbridge"), dir, httpPort)) {
            try (DatagramSocket sender = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                byte[] bytes = "6,1,100,-;hello from the package\n".getBytes(StandardCharsets.UTF_8);
                sender.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", udpPort)));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> bridge.records().size() == 1);
            assertThat(bridge.records().get(0).path("message").asText()).isEqualTo("hello from the package");
            // The archive postinst made with this machine's Java: mapped, and no warning from the JVM
            // or from the bridge (which says when its archive goes unused).
            assertThat(bridge.memoryMaps()).contains(CLASS_DATA_ARCHIVE.toString());
            assertThat(bridge.stderr()).doesNotContainIgnoringCase("[cds]").doesNotContain("class-data archive");

            pingWithTheInstalledScript(udpPort, "http://127.0.0.1:" + httpPort);

            bridge.stopGracefully(Duration.ofSeconds(45));
        }
    }

    /**
     * A package changing a file under /usr/lib/jvm (a Java update) activates the package's file
     * trigger; dpkg then runs postinst, which makes the archive again for the runtime now there.
     */
    private static void aJavaRuntimeUpdateMakesTheArchiveAgain() throws Exception {
        Files.delete(CLASS_DATA_ARCHIVE);
        HostCommand.run(COMMAND, "dpkg-trigger", "--no-await", "/usr/lib/jvm").ok();
        HostCommand triggers = HostCommand.run(APT, "dpkg", "--triggers-only", "ncbridge").ok();

        assertThat(triggers.output()).contains("ncbridge-cds: made " + CLASS_DATA_ARCHIVE);
        assertThat(Files.size(CLASS_DATA_ARCHIVE)).isGreaterThan(10_000_000);
    }

    private void pingWithTheInstalledScript(int udpPort, String api) throws Exception {
        FakeNetconsole netconsole = new FakeNetconsole(Files.createDirectories(dir.resolve("netconsole")));
        netconsole.target("bridge", true, udpPort, BridgeProcess.freeUdpPort(), true, false);
        Path kmsg = Files.createFile(dir.resolve("kmsg"));
        Process ping = new ProcessBuilder("/usr/bin/ncbridge-ping", "--configfs", netconsole.configfs().toString(),
                "--kmsg", kmsg.toString(), "--verify", api, "--timeout", "30s")
                .redirectErrorStream(true).redirectOutput(dir.resolve("ping").toFile()).start();
        String written = await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(kmsg), s -> !s.isEmpty());
        netconsole.send(written);
        await().atMost(Duration.ofSeconds(40)).until(() -> !ping.isAlive());
        assertThat(ping.exitValue()).as(Files.readString(dir.resolve("ping"))).isZero();
        assertThat(Files.readString(dir.resolve("ping"))).startsWith("ncbridge-ping: ok: 1/1 targets verified");
    }
}
