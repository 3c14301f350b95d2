package dev.ncbridge.ingest.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/** The harness with a shell script for a server: what a start, a failed start, a stop and an await do. */
class LoopbackServerTest {
    /** Runs {@code script} with sh; ready once its output has a line "ready". */
    private static final class ScriptServer extends LoopbackServer {
        private final String script;

        ScriptServer(String script) throws IOException {
            super("Script");
            this.script = script;
        }

        static ScriptServer start(String script) throws ServerStartException {
            try {
                return launched(new ScriptServer(script));
            } catch (IOException e) {
                throw new ServerStartException("Script", e.toString());
            }
        }

        @Override
        protected ProcessBuilder command() {
            return new ProcessBuilder("sh", "-c", script);
        }

        @Override
        protected boolean ready() throws IOException {
            return Files.readAllLines(output()).contains("ready");
        }
    }

    @Test
    void aServerIsStartedOnceReadyAndStoppedBySigterm() throws Exception {
        try (ScriptServer server = ScriptServer.start("echo starting; sleep 1; echo ready; exec sleep 600")) {
            assertThat(server.running()).isTrue();
            assertThat(server.output()).startsWith(Path.of("target", "servers"));
            server.stop();
            assertThat(server.running()).isFalse();
            server.restart();
            assertThat(server.running()).isTrue();
        }
    }

    @Test
    void aServerThatExitsBeforeItIsReadyIsReportedWithItsStatusAndTheEndOfItsOutput() {
        assertThatThrownBy(() -> ScriptServer.start("echo 'cannot bind 127.0.0.1:9200'; exit 3"))
                .isInstanceOf(ServerStartException.class)
                .hasMessageContaining("Script exited with status 3")
                .hasMessageContaining("cannot bind 127.0.0.1:9200")
                .satisfies(e -> assertThat(((ServerStartException) e).server()).isEqualTo("Script"));
    }

    @Test
    void anAwaitRetriesThroughTransientErrorsAndFailsAtOnceOnOthers() throws Exception {
        try (ScriptServer server = ScriptServer.start("echo ready; exec sleep 600")) {
            AtomicInteger calls = new AtomicInteger();
            server.await("refused twice, then there", Duration.ofSeconds(30)).until(() -> {
                if (calls.incrementAndGet() < 3) {
                    throw new IOException("wrapped", new ConnectException("Connection refused"));
                }
                return true;
            });
            assertThat(calls).hasValue(3);

            assertThatThrownBy(() -> server.await("a real error", Duration.ofSeconds(30)).until(() -> {
                throw new IllegalStateException("mapping conflict");
            })).as("failed at once, not after the timeout").isNotInstanceOf(ConditionTimeoutException.class)
                    .hasStackTraceContaining("mapping conflict");
        }
    }
}
