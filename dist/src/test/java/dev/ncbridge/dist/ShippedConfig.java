package dev.ncbridge.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The configuration a package ships (deploy/examples/stdout.yaml), with its ports moved to free
 * loopback ones so that a test can run it beside anything else on the machine.
 */
final class ShippedConfig {
    private ShippedConfig() {
    }

    static String onLoopback(Path shipped, int udpPort, int httpPort) throws IOException {
        String config = Files.readString(shipped)
                .replace("listen: [\"0.0.0.0:6666\", \"[::]:6666\"]", "listen: [\"127.0.0.1:" + udpPort + "\"]")
                .replace("http: {listen: \"127.0.0.1:9666\"}", "http: {listen: \"127.0.0.1:" + httpPort + "\"}");
        assertThat(config).as("%s, ports moved", shipped).contains(":" + udpPort, ":" + httpPort)
                .doesNotContain("6666", "9666");
        return config;
    }
}
