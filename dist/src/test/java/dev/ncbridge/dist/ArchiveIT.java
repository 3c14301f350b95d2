package dev.ncbridge.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ncbridge.app.testing.BridgeProcess;
import dev.ncbridge.app.testing.Repo;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release archive, unpacked as a user would, and its bin/ncbridge started from elsewhere. */
class ArchiveIT {
    private static final Duration COMMAND = Duration.ofMinutes(1);

    @TempDir
    static Path unpacked;
    static Path home;

    @TempDir
    Path elsewhere;

    @BeforeAll
    static void unpack() throws Exception {
        home = Dist.unpackArchive(unpacked);
    }

    @Test
    void isLaidOutAsUsersExpect() throws IOException {
        assertThat(home.getFileName().toString()).matches("ncbridge-\\d+\\.\\d+\\.\\d+.*");
        assertThat(home.resolve("bin/ncbridge")).isExecutable();
        assertThat(home.resolve("bin/ncbridge-ping")).isExecutable();
        assertThat(home.resolve("bin/ncbridge-cds")).isExecutable();
        assertThat(home.resolve("lib/ncbridge.jar")).isRegularFile();
        assertThat(Files.readAllLines(home.resolve("lib/ncbridge.classlist")))
                .as("the classes ncbridge starts and takes a datagram with").contains("dev/ncbridge/app/run/RunCommand",
                        "io/netty/channel/epoll/EpollDatagramChannel", "dev/ncbridge/ingest/codec/NetconsoleDecoder");
        assertThat(home.resolve("lib/sinks")).isDirectoryContaining("glob:**/elasticsearch.jar")
                .isDirectoryContaining("glob:**/kafka.jar");
        assertThat(home.resolve("lib/jvm.options")).hasSameTextualContentAs(Repo.file("deploy/jvm.options"));
        assertThat(home.resolve("conf/ncbridge.yaml")).hasSameTextualContentAs(Repo.file("deploy/examples/stdout.yaml"));
        assertThat(home.resolve("systemd")).isDirectoryContaining("glob:**/ncbridge.service")
                .isDirectoryContaining("glob:**/ncbridge-ping.timer");
        assertThat(home.resolve("docs/operations.md")).isRegularFile();
        assertThat(Files.readString(home.resolve("LICENSE"))).contains("Apache License", "Version 2.0");
        assertThat(home.resolve("NOTICE")).hasSameTextualContentAs(Repo.file("NOTICE"));
    }

    @Test
    void theJarsCarryTheirLibrariesNoticesMergedNotJustTheFirst() throws IOException {
        assertThat(notice("lib/ncbridge.jar")).contains("Micrometer", "Apache Commons Text");
        assertThat(notice("lib/sinks/elasticsearch.jar")).contains("Apache Commons Logging", "Elasticsearch Java Client");
        assertThat(notice("lib/sinks/kafka.jar")).as("for the binder it copies").contains("Micrometer");
        assertThat(entry("lib/sinks/kafka.jar", "NOTICE")).as("the client's, at the root as it ships it")
                .contains("Apache Kafka");
    }

    private static String notice(String jar) throws IOException {
        return entry(jar, "META-INF/NOTICE");
    }

    private static String entry(String jar, String name) throws IOException {
        try (JarFile file = new JarFile(home.resolve(jar).toFile())) {
            return new String(file.getInputStream(file.getEntry(name)).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The Elasticsearch and Kafka sinks come from lib/sinks, loaded when a configuration names them. */
    @Test
    void theSinksInLibSinksAreThereWhenAConfigurationNamesThem() throws Exception {
        Path config = Files.writeString(elsewhere.resolve("sinks.yaml"), """
                listen: ["127.0.0.1:16666"]
                sinks:
                  e: {type: elasticsearch, hosts: ["http://127.0.0.1:9"]}
                  k: {type: kafka, bootstrap_servers: "127.0.0.1:9", topic: netconsole}
                routes: [{to: [e, k]}]
                """);

        HostCommand run = HostCommand.run(COMMAND, Map.of(), List.of(home.resolve("bin/ncbridge").toString(),
                "validate", "-c", config.toString())).ok();

        assertThat(run.output()).contains("valid (2 sinks, 1 route)");
    }

    /** The JVM's own account of its flags (-XX:+PrintCommandLineFlags), from a link in another directory. */
    private HostCommand viaLink(Map<String, String> env) throws Exception {
        Path link = Files.createSymbolicLink(elsewhere.resolve("ncbridge"), home.resolve("bin/ncbridge"));
        return HostCommand.run(COMMAND, env, List.of(link.toString(), "--version"));
    }

    @Test
    void worksFromAnyDirectoryThroughALinkWithTheDefaultJvmOptions() throws Exception {
        HostCommand run = viaLink(Map.of("NCBRIDGE_JAVA_OPTS", "-XX:+PrintCommandLineFlags")).ok();

        assertThat(run.output()).contains("-XX:MaxHeapSize=" + 128 * 1024 * 1024,
                "-XX:InitialHeapSize=" + 8 * 1024 * 1024, "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                "-XX:-UsePerfData", "-XX:MinHeapFreeRatio=5", "-XX:MaxHeapFreeRatio=20", "-XX:NewRatio=1",
                "-XX:MaxNewSize=" + 32 * 1024 * 1024,
                "-XX:Tier4InvocationThreshold=50000", "-XX:Tier3InvocationThreshold=600",
                "-XX:TrimNativeHeapInterval=1000").contains("ncbridge");
    }

    @Test
    void ncbridgeJavaOptsComeAfterTheDefaultsAndOverrideThem() throws Exception {
        HostCommand run = viaLink(Map.of("NCBRIDGE_JAVA_OPTS", "-Xmx256m  -XX:+PrintCommandLineFlags")).ok();

        assertThat(run.output()).contains("-XX:MaxHeapSize=" + 256 * 1024 * 1024);
    }

    @Test
    void javaHomeChoosesTheRuntime() throws Exception {
        // A "runtime" that only says how it was called.
        Path bin = Files.createDirectories(elsewhere.resolve("jdk/bin"));
        Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\necho \"fake java: $*\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

        HostCommand run = viaLink(Map.of("JAVA_HOME", elsewhere.resolve("jdk").toString())).ok();

        assertThat(run.output().strip()).startsWith("fake java: -Xmx128m -Xms8m -XX:+UseSerialGC")
                .endsWith("-jar " + home.resolve("lib/ncbridge.jar") + " --version");
    }

    /** The class-data archive is mapped when lib/ has one (the image makes it), and not asked for otherwise. */
    @Test
    void theLauncherMapsAClassDataArchiveOnlyWhenThereIsOne() throws Exception {
        Path bin = Files.createDirectories(elsewhere.resolve("jdk/bin"));
        Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\necho \"fake java: $*\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = Map.of("JAVA_HOME", elsewhere.resolve("jdk").toString());

        assertThat(viaLink(env).ok().output()).doesNotContain("SharedArchiveFile");
        Files.delete(elsewhere.resolve("ncbridge"));
        Path archive = Files.writeString(home.resolve("lib/ncbridge.jsa"), "made by a training run");
        try {
            assertThat(viaLink(env).ok().output()).contains(" -XX:SharedArchiveFile=" + archive + " -jar ");
        } finally {
            Files.delete(archive);
        }
    }

    /** Two malloc arenas unless the user chose a number: the JVM's environment says which. */
    @Test
    void theRuntimeGetsTwoMallocArenasUnlessTheEnvironmentSaysOtherwise() throws Exception {
        Path bin = Files.createDirectories(elsewhere.resolve("jdk/bin"));
        Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\necho \"arenas: $MALLOC_ARENA_MAX\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        String jdk = elsewhere.resolve("jdk").toString();

        assertThat(viaLink(Map.of("JAVA_HOME", jdk)).ok().output().strip()).isEqualTo("arenas: 2");
        Files.delete(elsewhere.resolve("ncbridge"));
        assertThat(viaLink(Map.of("JAVA_HOME", jdk, "MALLOC_ARENA_MAX", "8")).ok().output().strip())
                .isEqualTo("arenas: 8");
    }

    @Test
    void runsTheShippedConfigurationReceivesAndDrains() throws Exception {
        HostCommand.run(COMMAND, home.resolve("bin/ncbridge").toString(), "validate", "-c",
                home.resolve("conf/ncbridge.yaml").toString()).ok();

        try (BridgeProcess bridge = startTheShippedConfiguration()) {
            bridge.stopGracefully(Duration.ofSeconds(45));
        }
    }

    /**
     * bin/ncbridge-cds makes lib/ncbridge.jsa from lib/ncbridge.classlist with the JVM here, and the
     * launcher's bridge maps it, with nothing said about it.
     */
    @Test
    void ncbridgeCdsMakesTheArchiveTheLauncherMaps() throws Exception {
        Path archive = home.resolve("lib/ncbridge.jsa");
        try {
            HostCommand cds = HostCommand.run(Duration.ofMinutes(3), home.resolve("bin/ncbridge-cds").toString()).ok();

            assertThat(cds.output()).contains("ncbridge-cds: made " + archive);
            assertThat(Files.size(archive)).isGreaterThan(10_000_000);
            assertThat(archive.getParent()).as("no partial file left").isDirectoryNotContaining("glob:**.partial");
            try (BridgeProcess bridge = startTheShippedConfiguration()) {
                assertThat(bridge.memoryMaps()).contains(archive.toString());
                assertThat(bridge.stderr()).doesNotContainIgnoringCase("[cds]").doesNotContain("class-data archive");
                bridge.stopGracefully(Duration.ofSeconds(45));
            }
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    /**
     * An archive the JVM cannot use (here: made for a heap too large for compressed pointers, as a
     * JVM update or another jar would make it) is left unmapped without a word from JDK 17; the
     * bridge says so.
     */
    @Test
    void theBridgeSaysWhenItsArchiveIsNotUsed() throws Exception {
        Path archive = home.resolve("lib/ncbridge.jsa");
        try {
            HostCommand.run(Duration.ofMinutes(3), Map.of("NCBRIDGE_JAVA_OPTS", "-Xmx40g"),
                    List.of(home.resolve("bin/ncbridge-cds").toString())).ok();
            try (BridgeProcess bridge = startTheShippedConfiguration()) {
                assertThat(bridge.memoryMaps()).doesNotContain(archive.toString());
                assertThat(bridge.stderr()).contains("WARN", "the class-data archive " + archive + " is not used",
                        "ncbridge-cds");
                bridge.stopGracefully(Duration.ofSeconds(45));
            }
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    /** The shipped configuration on free loopback ports, started by bin/ncbridge, one datagram through it. */
    private BridgeProcess startTheShippedConfiguration() throws Exception {
        int udpPort = BridgeProcess.freeUdpPort();
        int httpPort = BridgeProcess.freeTcpPort();
        Path config = Files.writeString(elsewhere.resolve("ncbridge.yaml"),
                ShippedConfig.onLoopback(home.resolve("conf/ncbridge.yaml"), udpPort, httpPort));
        BridgeProcess bridge = BridgeProcess.start(List.of(home.resolve("bin/ncbridge").toString(), "run", "-c",
                config.toString()), elsewhere, elsewhere, httpPort);
        try (DatagramSocket sender = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            byte[] bytes = "6,1,100,-;hello from the archive\n".getBytes(StandardCharsets.UTF_8);
            sender.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", udpPort)));
            await().atMost(Duration.ofSeconds(20)).until(() -> bridge.records().size() == 1);
            JsonNode record = bridge.records().get(0);
            assertThat(record.path("message").asText()).isEqualTo("hello from the archive");
            return bridge;
        } catch (Exception | Error e) {
            bridge.close();
            throw e;
        }
    }
}
