package dev.ncbridge.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.app.testing.Repo;
import dev.ncbridge.ingest.testing.RequiredServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every shell script ncbridge ships is shellcheck-clean, for the shell it names. */
class ShellScriptsTest {
    @BeforeAll
    static void shellcheckIsThere() {
        if (!HostCommand.onPath("shellcheck")) {
            RequiredServer.unavailable("shellcheck", "not installed (Debian: apt-get install shellcheck)");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ncbridge", "dist/src/bin/ncbridge", "dist/src/bin/ncbridge-ping",
        "dist/src/bin/ncbridge-cds", "dist/src/build/class-list",
        "dist/src/deb/ncbridge/postinst", "dist/src/deb/ncbridge/prerm", "dist/src/deb/ncbridge/postrm",
        "dist/src/deb/ncbridge-ping/postinst", "dist/src/deb/ncbridge-ping/prerm", "dist/src/deb/ncbridge-ping/postrm"})
    void isShellcheckClean(String script) throws Exception {
        // No -s: shellcheck takes the shell from the #! line, so /bin/sh scripts are held to POSIX sh.
        HostCommand check = HostCommand.run(Duration.ofMinutes(1), List.of("shellcheck", "--severity=style",
                Repo.file(script).toString()).toArray(String[]::new));

        assertThat(check.exitCode()).as("shellcheck %s:%n%s", script, check.output()).isZero();
    }
}
