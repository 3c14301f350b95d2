package dev.ncbridge.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.NcbridgeConfig;
import dev.ncbridge.config.Substitution;
import org.junit.jupiter.api.Test;

class ImplicitDefaultsTest {
    private static NcbridgeConfig load(String yaml) {
        return ImplicitDefaults.apply(new ConfigLoader(new Substitution(k -> null)).load("t.yaml", yaml));
    }

    private static String to(NcbridgeConfig c) {
        return c.routes().get(0).node().get("to").toString();
    }

    @Test
    void noSinksMeansTheBuiltInStdoutSink() {
        NcbridgeConfig c = load("listen: [\"127.0.0.1:6666\"]\n");
        assertThat(c.sinks()).containsOnlyKeys("stdout");
        assertThat(c.routes()).hasSize(1);
        assertThat(to(c)).isEqualTo("[\"stdout\"]");
    }

    @Test
    void noRoutesMeansEverySinkButTheDeadLetterOnes() {
        NcbridgeConfig c = load("""
                sinks:
                  a: {type: stdout, dead_letter: dlq}
                  "b \\"quoted\\"": {type: stdout}
                  dlq: {type: stdout}
                """);
        assertThat(to(c)).isEqualTo("[\"a\",\"b \\\"quoted\\\"\"]");
    }

    @Test
    void givenRoutesAreKept() {
        NcbridgeConfig c = load("sinks:\n  a: {type: stdout}\n  b: {type: stdout}\nroutes:\n  - to: [b]\n");
        assertThat(to(c)).isEqualTo("[\"b\"]");
    }
}
