package dev.ncbridge.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.NcbridgeConfig;
import dev.ncbridge.config.Substitution;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ReloadPlanTest {
    private static final String BASE = """
            listen: ["127.0.0.1:6666", "[::1]:6666"]
            sources: {allow: ["127.0.0.0/8"]}
            sinks:
              out: {type: stdout}
              files: {type: file, path: "/tmp/x/{host}.log"}
            routes:
              - {match: {level: "<=err"}, to: [files]}
              - {to: [out]}
            """;

    private static NcbridgeConfig load(String yaml) {
        return ImplicitDefaults.apply(new ConfigLoader(new Substitution(k -> null)).load("test.yaml", yaml));
    }

    private static ReloadPlan plan(String next) {
        return ReloadPlan.between(load(BASE), load(next));
    }

    @Test
    void theSameFileChangesNothing() {
        ReloadPlan plan = plan(BASE);
        assertThat(plan.changesNothing()).isTrue();
        assertThat(plan.changes()).isEmpty();
    }

    @Test
    void reorderedKeysAndCommentsChangeNothing() {
        assertThat(plan("""
                # the same, written otherwise
                sources: {allow: ["127.0.0.0/8"]}
                listen: ["127.0.0.1:6666", "[::1]:6666"]
                sinks:
                  out: {type: stdout}
                  files: {path: "/tmp/x/{host}.log", type: file}
                routes:
                  - {to: [files], match: {level: "<=err"}}
                  - {to: [out]}
                """).changesNothing()).isTrue();
    }

    @Test
    void listenAddressesThatStayAreKeptAndOnlyTheOthersChange() {
        ReloadPlan plan = plan(BASE.replace("\"[::1]:6666\"", "\"127.0.0.1:6667\""));
        assertThat(plan.listenAdded()).containsExactly(new InetSocketAddress("127.0.0.1", 6667));
        assertThat(plan.listenRemoved()).containsExactly(new InetSocketAddress("::1", 6666));
        assertThat(plan.changes()).containsExactly("listen: added 127.0.0.1:6667", "listen: removed [::1]:6666");
        assertThat(plan.needsRestart()).isEmpty();
    }

    @Test
    void sinksAreAddedRemovedChangedOrKept() {
        ReloadPlan plan = plan("""
                listen: ["127.0.0.1:6666", "[::1]:6666"]
                sources: {allow: ["127.0.0.0/8"]}
                sinks:
                  out: {type: stdout, format: text}
                  archive: {type: file, path: "/tmp/y/all.log"}
                routes:
                  - {to: [archive, out]}
                """);
        assertThat(plan.sinksAdded()).containsExactly("archive");
        assertThat(plan.sinksRemoved()).containsExactly("files");
        assertThat(plan.sinksChanged()).containsExactly("out");
        assertThat(plan.routesChanged()).isTrue();
        assertThat(plan.changes()).containsExactly("sinks.archive: added", "sinks.out: changed (replaced)",
                "sinks.files: removed (drained)", "routes: changed");
    }

    @Test
    void anUnchangedSinkIsKeptWhenOthersChange() {
        ReloadPlan plan = plan(BASE.replace("out: {type: stdout}", "out: {type: stdout, format: raw}"));
        assertThat(plan.sinksChanged()).containsExactly("out");
        assertThat(plan.sinksAdded()).isEmpty();
        assertThat(plan.sinksRemoved()).isEmpty();
        assertThat(plan.routesChanged()).isFalse();
    }

    @Test
    void aRouteChangeAloneReplacesNoSink() {
        ReloadPlan plan = plan(BASE.replace("level: \"<=err\"", "level: \"<=warning\""));
        assertThat(plan.routesChanged()).isTrue();
        assertThat(plan.sinksChanged()).isEmpty();
        assertThat(plan.changes()).containsExactly("routes: changed");
    }

    @Test
    void theAllowListPingForwardingAndDrainTimeoutApplyLive() {
        ReloadPlan plan = plan(BASE.replace("sources: {allow: [\"127.0.0.0/8\"]}",
                "sources: {allow: [\"127.0.0.1/32\"], forward_pings: true}\nshutdown: {drain_timeout: 5s}"));
        assertThat(plan.liveKeysChanged()).containsExactly("sources.allow", "sources.forward_pings",
                "shutdown.drain_timeout");
        assertThat(plan.needsRestart()).isEmpty();
        assertThat(plan.changesNothing()).isFalse();
    }

    @Test
    void aKeptWildcardIpv6AddressThatWouldChangeBetweenIpv6OnlyAndDualStackNeedsARestart() {
        String dualStack = BASE.replace("\"127.0.0.1:6666\", \"[::1]:6666\"", "\"[::]:6666\"");
        String ipv6Only = BASE.replace("\"127.0.0.1:6666\", \"[::1]:6666\"", "\"0.0.0.0:6666\", \"[::]:6666\"");
        assertThat(ReloadPlan.between(load(dualStack), load(ipv6Only)).needsRestart())
                .containsExactly("listen ([::]:6666 between IPv6-only and dual-stack)");
        assertThat(ReloadPlan.between(load(ipv6Only), load(dualStack)).needsRestart())
                .containsExactly("listen ([::]:6666 between IPv6-only and dual-stack)");
        // Another port's IPv4 address leaves [::]:6666 dual-stack: added live.
        ReloadPlan otherPort = ReloadPlan.between(load(dualStack),
                load(dualStack.replace("\"[::]:6666\"", "\"[::]:6666\", \"0.0.0.0:6667\"")));
        assertThat(otherPort.needsRestart()).isEmpty();
        assertThat(otherPort.listenAdded()).containsExactly(new InetSocketAddress("0.0.0.0", 6667));
    }

    @Test
    void keysFixedAtStartAreNamedInFull() {
        ReloadPlan plan = plan(BASE + """
                receive: {workers: 3, ring_memory: 16MiB}
                decoder: {max_sources_per_address: 8}
                http: {listen: "127.0.0.1:9667", api_token: "0123456789abcdef0123"}
                plugins: {dir: /opt/plugins}
                """.replace("sources: {allow: [\"127.0.0.0/8\"]}", ""));
        assertThat(plan.needsRestart()).containsExactly("receive.ring_memory", "receive.workers",
                "decoder.max_sources_per_address", "http.listen", "http.api_token", "plugins.dir");
    }

    @Test
    void aChangedApiTokenIsSeenThoughTokensHaveNoEquals() {
        String with = BASE + "http: {api_token: \"0123456789abcdef0123\"}\n";
        assertThat(ReloadPlan.between(load(with), load(with)).needsRestart()).isEmpty();
        assertThat(ReloadPlan.between(load(with), load(with.replace("0123\"", "0124\""))).needsRestart())
                .containsExactly("http.api_token");
    }
}
