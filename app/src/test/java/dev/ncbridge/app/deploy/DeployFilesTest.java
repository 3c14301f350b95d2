package dev.ncbridge.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ncbridge.app.CommandRun;
import dev.ncbridge.app.ExitCodes;
import dev.ncbridge.app.testing.Repo;
import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.Durations;
import dev.ncbridge.config.NcbridgeConfig;
import dev.ncbridge.config.SocketAddresses;
import dev.ncbridge.config.Substitution;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The files under deploy/ against each other and against the code: configurations that validate,
 * a Dockerfile, Kubernetes manifests and a systemd unit whose ports, paths and flags agree.
 */
class DeployFilesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String CONTAINER_CONFIG = "deploy/container/ncbridge.yaml";
    private static final String IMAGE_CONFIG_PATH = "/etc/ncbridge/ncbridge.yaml";
    /** The release archive's launcher, unpacked in the image. */
    private static final String IMAGE_LAUNCHER = "/opt/ncbridge/bin/ncbridge";

    private static NcbridgeConfig load(String origin, String yaml) {
        return new ConfigLoader(Substitution.fromSystem()).load(origin, yaml);
    }

    private static NcbridgeConfig load(Path file) {
        return new ConfigLoader(Substitution.fromSystem()).load(file);
    }

    private static int httpPort(NcbridgeConfig config) {
        return SocketAddresses.parseLiteral(config.http().listen()).getPort();
    }

    static Stream<Path> configFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> examples = Files.list(Repo.file("deploy/examples"))) {
            examples.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().forEach(files::add);
        }
        assertThat(files).as("deploy/examples/*.yaml").isNotEmpty();
        files.add(Repo.file(CONTAINER_CONFIG));
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("configFiles")
    void everyShippedConfigurationValidates(Path file) {
        CommandRun run = CommandRun.of("validate", "-c", file.toString());

        assertThat(run.stderr()).as("problems in %s", file).isEmpty();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith(file + ": valid (");
    }

    @Test
    void theContainerConfigListensOnEveryAddress() {
        NcbridgeConfig config = load(Repo.file(CONTAINER_CONFIG));

        assertThat(config.listen()).extracting(InetSocketAddress::getPort).containsOnly(6666);
        assertThat(config.listen()).allMatch(a -> a.getAddress().isAnyLocalAddress());
        InetSocketAddress http = SocketAddresses.parseLiteral(config.http().listen());
        assertThat(http.getAddress().isAnyLocalAddress()).as("http.listen on every address").isTrue();
        assertThat(http.getPort()).isEqualTo(9666);
    }

    @Test
    void theExamplesReadmeListsEveryExampleAndTheCommonSetupsAreThere() throws IOException {
        String readme = Files.readString(Repo.file("deploy/examples/README.md"));
        List<String> names = configFiles().map(p -> p.getFileName().toString())
                .filter(n -> !n.equals("ncbridge.yaml")).toList();

        assertThat(names).contains("stdout.yaml", "kafka.yaml", "elasticsearch.yaml", "syslog.yaml", "all-sinks.yaml");
        assertThat(names).allSatisfy(n -> assertThat(readme).contains("(" + n + ")"));
    }

    @Test
    void theAllSinksExampleRoutesByLevel() {
        NcbridgeConfig config = load(Repo.file("deploy/examples/all-sinks.yaml"));

        assertThat(config.sinks().keySet()).contains("kafka", "search", "relay");
        assertThat(config.routes()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(config.routes()).anyMatch(r -> r.node().path("match").has("level"));
    }

    @Nested
    class TheDockerfile {
        private final Dockerfile dockerfile = Dockerfile.read(Repo.file("deploy/container/Dockerfile"));
        private final Dockerfile.Stage last = dockerfile.finalStage();

        @Test
        void buildsOnAndRunsOnTemurin17ByMajorTag() {
            assertThat(dockerfile.stages()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(dockerfile.stages()).extracting(Dockerfile.Stage::image)
                    .allMatch(image -> image.matches("eclipse-temurin:17-(jdk|jre)"), "eclipse-temurin:17-jdk|jre");
            assertThat(last.image()).isEqualTo("eclipse-temurin:17-jre");
            assertThat(dockerfile.stages().get(0).instructions()).extracting(Dockerfile.Instruction::args)
                    .anyMatch(a -> a.contains("./mvnw -B -pl dist -am package -DskipTests"));
        }

        @Test
        void runsAsANonRootUser() {
            Dockerfile.Instruction user = last.last("USER");
            assertThat(user).as("USER in the final stage").isNotNull();
            String name = user.args().split(":")[0];
            assertThat(name).isNotIn("0", "root", "");
            if (name.matches("\\d+")) {
                assertThat(Integer.parseInt(name)).isPositive();
            }
            // The user must exist: created in the same stage with that uid.
            assertThat(last.all("RUN")).extracting(Dockerfile.Instruction::args)
                    .anyMatch(a -> a.contains("useradd") && a.contains("--uid " + name));
        }

        @Test
        void exposesNetconsoleAndHttp() {
            Set<String> exposed = new HashSet<>();
            last.all("EXPOSE").forEach(e -> exposed.addAll(List.of(e.args().toLowerCase().split("\\s+"))));
            assertThat(exposed).contains("6666/udp", "9666/tcp");
        }

        @Test
        void startsTheArchivesLauncherInExecFormWithTheContainerConfig() {
            Dockerfile.Instruction entrypoint = last.last("ENTRYPOINT");
            assertThat(entrypoint).isNotNull();
            assertThat(entrypoint.isExecForm()).as("ENTRYPOINT in exec form, so SIGTERM reaches the launcher,"
                    + " which execs java").isTrue();
            assertThat(last.last("CMD").isExecForm()).isTrue();
            assertThat(dockerfile.commandLine()).containsExactly(IMAGE_LAUNCHER, "run", "-c", IMAGE_CONFIG_PATH);
            assertThat(last.last("WORKDIR").args()).isEqualTo("/opt/ncbridge");
        }

        @Test
        void carriesTheOciLabels() {
            String labels = String.join(" ", last.all("LABEL").stream().map(Dockerfile.Instruction::args).toList());
            assertThat(labels).contains("org.opencontainers.image.title=", "org.opencontainers.image.version=",
                    "org.opencontainers.image.licenses=\"Apache-2.0\"");
        }

        @Test
        void copiesWhatTheCommandLineUses() {
            Map<String, String> copiedTo = new LinkedHashMap<>(); // destination -> source
            for (Dockerfile.Stage stage : dockerfile.stages()) {
                for (Dockerfile.Instruction copy : stage.all("COPY")) {
                    List<String> words = List.of(copy.args().split("\\s+"));
                    boolean fromStage = words.stream().anyMatch(w -> w.startsWith("--from="));
                    List<String> paths = words.stream().filter(w -> !w.startsWith("--")).toList();
                    for (String source : paths.subList(0, paths.size() - 1)) {
                        if (!fromStage) {
                            assertThat(Repo.root().resolve(source)).as("COPY source %s", source).exists();
                        }
                        if (stage == last) {
                            copiedTo.put(paths.get(paths.size() - 1), source);
                        }
                    }
                }
            }
            assertThat(copiedTo).containsEntry(IMAGE_CONFIG_PATH, CONTAINER_CONFIG);
            assertThat(copiedTo).containsEntry("/opt/ncbridge", "/opt/ncbridge");
        }

        @Test
        void hasWritableVolumesOnly() {
            assertThat(last.all("VOLUME")).hasSize(1);
            assertThat(last.last("VOLUME").execForm()).containsExactlyInAnyOrder("/var/lib/ncbridge",
                    "/var/log/ncbridge", "/tmp");
        }

        @Test
        void checksHealthOnTheConfiguredHttpPort() {
            Dockerfile.Instruction healthcheck = last.last("HEALTHCHECK");
            assertThat(healthcheck).isNotNull();
            int port = httpPort(load(Repo.file(CONTAINER_CONFIG)));
            assertThat(healthcheck.args()).contains("CMD").contains(":" + port + "/health/live");
            // The probe's client is installed in the final stage.
            String client = healthcheck.args().substring(healthcheck.args().indexOf("CMD") + 3).strip();
            String program = client.startsWith("[") ? new Dockerfile.Instruction("CMD", client).execForm().get(0)
                    : client.split("\\s+")[0];
            assertThat(last.all("RUN")).extracting(Dockerfile.Instruction::args)
                    .anyMatch(a -> a.contains("install") && a.contains(program));
        }
    }

    @Nested
    class TheKubernetesManifests {
        private final List<JsonNode> documents = readAll();
        private final NcbridgeConfig config = load("configmap ncbridge.yaml",
                byKind("ConfigMap").get(0).at("/data/ncbridge.yaml").asText());
        private final int httpPort = httpPort(config);

        private List<JsonNode> readAll() {
            List<JsonNode> all = new ArrayList<>();
            try (Stream<Path> files = Files.list(Repo.file("deploy/kubernetes"))) {
                // kustomization.yaml is kustomize's, not a Kubernetes object (dist's KubernetesManifestsTest reads it).
                for (Path file : files.filter(p -> p.toString().endsWith(".yaml"))
                        .filter(p -> !p.getFileName().toString().equals("kustomization.yaml")).sorted().toList()) {
                    try (var parser = YAML.getFactory().createParser(file.toFile())) {
                        YAML.readValues(parser, JsonNode.class).forEachRemaining(doc -> {
                            if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                                all.add(doc);
                            }
                        });
                    }
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            return all;
        }

        private List<JsonNode> byKind(String kind) {
            return documents.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
        }

        private List<JsonNode> workloads() {
            return documents.stream()
                    .filter(d -> Set.of("Deployment", "DaemonSet", "StatefulSet").contains(d.path("kind").asText()))
                    .toList();
        }

        private JsonNode ncbridgeContainer(JsonNode workload) {
            for (JsonNode c : workload.at("/spec/template/spec/containers")) {
                if (c.path("name").asText().equals("ncbridge")) {
                    return c;
                }
            }
            throw new AssertionError("no container named ncbridge in " + workload.at("/metadata/name"));
        }

        @Test
        void everyDocumentHasAKindAndAName() {
            assertThat(documents).isNotEmpty();
            assertThat(documents).allMatch(d -> d.hasNonNull("apiVersion") && d.hasNonNull("kind")
                    && d.at("/metadata/name").isTextual());
            assertThat(workloads()).extracting(w -> w.path("kind").asText()).contains("Deployment", "DaemonSet");
            assertThat(byKind("ConfigMap")).hasSize(1);
        }

        @Test
        void theConfigMapValidatesAndListensWhereProbesCanReachIt(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("ncbridge.yaml");
            Files.writeString(file, byKind("ConfigMap").get(0).at("/data/ncbridge.yaml").asText());
            CommandRun run = CommandRun.of("validate", "-c", file.toString());
            assertThat(run.stderr()).isEmpty();
            assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(SocketAddresses.parseLiteral(config.http().listen()).getAddress().isAnyLocalAddress())
                    .as("http.listen on every address: probes come from the kubelet").isTrue();
        }

        @Test
        void probesAndPortsMatchTheConfig() {
            Set<Integer> udpPorts = new HashSet<>();
            config.listen().forEach(a -> udpPorts.add(a.getPort()));
            for (JsonNode workload : workloads()) {
                JsonNode c = ncbridgeContainer(workload);
                assertThat(c.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health/live");
                assertThat(c.at("/livenessProbe/httpGet/port").asInt()).isEqualTo(httpPort);
                assertThat(c.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/health/ready");
                assertThat(c.at("/readinessProbe/httpGet/port").asInt()).isEqualTo(httpPort);
                List<String> ports = new ArrayList<>();
                c.path("ports").forEach(p -> ports.add(p.path("containerPort").asInt() + "/"
                        + p.path("protocol").asText("TCP")));
                assertThat(ports).contains("6666/UDP", httpPort + "/TCP");
                udpPorts.forEach(p -> assertThat(ports).contains(p + "/UDP"));
                assertThat(c.at("/args").toString()).contains(IMAGE_CONFIG_PATH);
                assertThat(c.at("/args").toString()).as("a ConfigMap change reaches the running bridge")
                        .contains("--watch-config");
            }
        }

        @Test
        void containersAreLimitedAndLockedDown() {
            for (JsonNode workload : workloads()) {
                JsonNode pod = workload.at("/spec/template/spec");
                JsonNode c = ncbridgeContainer(workload);
                assertThat(c.at("/resources/requests/cpu").isMissingNode()).isFalse();
                assertThat(c.at("/resources/requests/memory").isMissingNode()).isFalse();
                assertThat(c.at("/resources/limits/memory").isMissingNode()).isFalse();
                assertThat(c.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
                assertThat(c.at("/securityContext/runAsNonRoot").asBoolean()
                        || pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
                assertThat(pod.at("/securityContext/runAsUser").asInt()).isPositive();
                Duration grace = Duration.ofSeconds(pod.path("terminationGracePeriodSeconds").asLong(30));
                // A stop takes at most drain_timeout + 5 s (docs/operations.md), and the JVM exits after.
                assertThat(grace).as("terminationGracePeriodSeconds >= shutdown.drain_timeout + 10s")
                        .isGreaterThanOrEqualTo(config.shutdown().drainTimeout().plusSeconds(10));
            }
        }

        @Test
        void volumeMountsReferenceDeclaredVolumesAndWritablePathsAreEmptyDirs() {
            Set<String> configMaps = new HashSet<>();
            byKind("ConfigMap").forEach(m -> configMaps.add(m.at("/metadata/name").asText()));
            for (JsonNode workload : workloads()) {
                JsonNode pod = workload.at("/spec/template/spec");
                Map<String, JsonNode> volumes = new LinkedHashMap<>();
                pod.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
                for (JsonNode c : pod.path("containers")) {
                    for (JsonNode mount : c.path("volumeMounts")) {
                        assertThat(volumes).as("volumes of %s", workload.at("/metadata/name"))
                                .containsKey(mount.path("name").asText());
                    }
                }
                Map<String, String> mounts = new LinkedHashMap<>(); // path -> volume
                ncbridgeContainer(workload).path("volumeMounts")
                        .forEach(m -> mounts.put(m.path("mountPath").asText(), m.path("name").asText()));
                assertThat(mounts).containsKeys("/etc/ncbridge", "/var/lib/ncbridge", "/var/log/ncbridge");
                assertThat(volumes.get(mounts.get("/var/lib/ncbridge")).has("emptyDir")).isTrue();
                assertThat(volumes.get(mounts.get("/var/log/ncbridge")).has("emptyDir")).isTrue();
                assertThat(configMaps).contains(volumes.get(mounts.get("/etc/ncbridge")).at("/configMap/name").asText());
            }
        }

        @Test
        void podsCarryPrometheusScrapeAnnotations() {
            for (JsonNode workload : workloads()) {
                JsonNode annotations = workload.at("/spec/template/metadata/annotations");
                assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
                assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo(String.valueOf(httpPort));
                assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/metrics");
            }
        }

        @Test
        void theUdpServiceKeepsEachSenderOnOnePod() {
            List<JsonNode> services = byKind("Service");
            assertThat(services).isNotEmpty();
            for (JsonNode service : services) {
                assertThat(service.at("/spec/sessionAffinity").asText()).isEqualTo("ClientIP");
                assertThat(service.at("/spec/ports")).isNotEmpty();
                service.at("/spec/ports").forEach(p -> {
                    assertThat(p.path("protocol").asText()).isEqualTo("UDP");
                    assertThat(p.path("port").asInt()).isEqualTo(6666);
                });
                if (service.at("/spec/type").asText().equals("LoadBalancer")) {
                    assertThat(service.at("/spec/externalTrafficPolicy").asText())
                            .as("keeps the sender's address").isEqualTo("Local");
                }
                ObjectNode selector = (ObjectNode) service.at("/spec/selector");
                assertThat(workloads()).anyMatch(w -> {
                    JsonNode labels = w.at("/spec/template/metadata/labels");
                    List<String> missing = new ArrayList<>();
                    selector.fieldNames().forEachRemaining(k -> {
                        if (!labels.path(k).asText().equals(selector.get(k).asText())) {
                            missing.add(k);
                        }
                    });
                    return missing.isEmpty();
                });
            }
        }
    }

    @Nested
    class TheHostPingTimer {
        private final Map<String, List<String>> service = TheSystemdUnit.readUnit(
                Repo.file("deploy/systemd/ncbridge-ping.service"));
        private final Map<String, List<String>> timer = TheSystemdUnit.readUnit(
                Repo.file("deploy/systemd/ncbridge-ping.timer"));

        @Test
        void pingsThroughTheKernelWithTheShellPingAndVerifiesWithinItsOwnTimeout() throws IOException {
            List<String> words = List.of(service.get("ExecStart").get(0).split("\\s+"));
            assertThat(words).startsWith("ncbridge-ping").contains("--via", "kmsg", "--verify", "${NCBRIDGE_URL}");
            assertThat(service.get("Type")).containsExactly("oneshot");
            assertThat(service.get("EnvironmentFile")).containsExactly("/etc/default/ncbridge-ping");
            assertThat(Files.readString(Repo.file("deploy/systemd/ncbridge-ping.default")))
                    .containsPattern("(?m)^NCBRIDGE_URL=http://");
            Duration verify = Durations.parse(words.get(words.indexOf("--timeout") + 1));
            Duration start = Duration.ofSeconds(Long.parseLong(service.get("TimeoutStartSec").get(0)));
            assertThat(start).as("systemd must not kill a verification in progress").isGreaterThan(verify);
        }

        @Test
        void runsOftenEnoughForTheSilenceTheDocsSuggest() {
            Duration every = Durations.parse(timer.get("OnUnitActiveSec").get(0).replace("min", "m"));
            assertThat(every.multipliedBy(3)).as("three pings fit in the suggested silent_after: 16m")
                    .isLessThan(Duration.ofMinutes(16));
            assertThat(timer.get("WantedBy")).containsExactly("timers.target");
        }
    }

    @Nested
    class TheSystemdUnit {
        private final Map<String, List<String>> unit = readUnit(Repo.file("deploy/systemd/ncbridge.service"));

        private static Map<String, List<String>> readUnit(Path file) {
            Map<String, List<String>> keys = new LinkedHashMap<>();
            try {
                for (String line : Files.readAllLines(file)) {
                    String l = line.strip();
                    if (l.isEmpty() || l.startsWith("#") || l.startsWith(";") || l.startsWith("[")) {
                        continue;
                    }
                    int eq = l.indexOf('=');
                    assertThat(eq).as("key=value: %s", l).isPositive();
                    keys.computeIfAbsent(l.substring(0, eq).strip(), k -> new ArrayList<>())
                            .add(l.substring(eq + 1).strip());
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            return keys;
        }

        private String value(String key) {
            List<String> values = unit.get(key);
            assertThat(values).as(key).isNotNull();
            return values.get(values.size() - 1);
        }

        @Test
        void isHardened() {
            assertThat(unit.containsKey("DynamicUser") ? value("DynamicUser") : value("User")).isNotIn("", "root",
                    "0", "no");
            assertThat(value("ProtectSystem")).isEqualTo("strict");
            assertThat(value("ProtectHome")).isIn("yes", "true", "read-only", "tmpfs");
            assertThat(value("PrivateTmp")).isEqualTo("yes");
            assertThat(value("NoNewPrivileges")).isEqualTo("yes");
            assertThat(value("StateDirectory")).isEqualTo("ncbridge");
            assertThat(value("LogsDirectory")).isEqualTo("ncbridge");
            // Ports above 1024 need no capability.
            assertThat(unit.getOrDefault("AmbientCapabilities", List.of())).allMatch(String::isEmpty);
        }

        @Test
        void stopsByDrainingWithTimeToSpare() throws IOException {
            assertThat(value("KillSignal")).isEqualTo("SIGTERM");
            assertThat(value("Restart")).isEqualTo("on-failure");
            Duration stop = Duration.ofSeconds(Long.parseLong(value("TimeoutStopSec").replaceAll("s$", "")));
            for (Path file : configFiles().toList()) {
                assertThat(stop).as("TimeoutStopSec >= drain_timeout + 10s of %s", file)
                        .isGreaterThanOrEqualTo(load(file).shutdown().drainTimeout().plusSeconds(10));
            }
        }

        @Test
        void reloadsWithSighupWhichTheJvmOptionsLeaveToNcbridge() throws IOException {
            assertThat(value("ExecReload")).isEqualTo("/bin/kill -HUP $MAINPID");
            assertThat(Files.readAllLines(Repo.file("deploy/jvm.options")).stream().map(l -> l.replaceAll("#.*", "").trim()))
                    .as("-Xrs would keep SIGHUP from ncbridge's handler").doesNotContain("-Xrs");
        }

        @Test
        void runsTheLauncherOnTheSearchPathWithTheConfigTheDocsName() throws IOException {
            // A bare name: systemd finds /usr/bin/ncbridge (the package) or /usr/local/bin/ncbridge (the archive).
            assertThat(value("ExecStart")).isEqualTo("ncbridge run -c " + IMAGE_CONFIG_PATH);
            assertThat(value("ExecStartPre")).isEqualTo("ncbridge validate -c " + IMAGE_CONFIG_PATH);
            assertThat(value("WorkingDirectory")).isEqualTo("/var/lib/ncbridge");
            assertThat(Files.readString(Repo.file("docs/operations.md")))
                    .contains(IMAGE_CONFIG_PATH, "deploy/systemd/ncbridge.service");
        }

        @Test
        void sysusersAndTmpfilesCreateTheUnitsUserAndDirectories() throws IOException {
            String user = value("User");
            String sysusers = Files.readString(Repo.file("deploy/systemd/ncbridge.sysusers.conf"));
            Matcher u = Pattern.compile("(?m)^u\\s+(\\S+)\\s+(\\d+)").matcher(sysusers);
            assertThat(u.find()).isTrue();
            assertThat(u.group(1)).isEqualTo(user);
            assertThat(Integer.parseInt(u.group(2))).isPositive();
            String tmpfiles = Files.readString(Repo.file("deploy/systemd/ncbridge.tmpfiles.conf"));
            assertThat(tmpfiles).containsPattern("(?m)^d\\s+/var/lib/ncbridge\\s+\\d+\\s+" + user + "\\s+")
                    .containsPattern("(?m)^d\\s+/var/log/ncbridge\\s+\\d+\\s+" + user + "\\s+");
        }
    }
}
