package dev.ncbridge.app.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ncbridge.app.CommandRun;
import dev.ncbridge.app.ExitCodes;
import dev.ncbridge.ingest.testing.KernelCaptures;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code ncbridge decode} on a crash capture: the crash records come out with the lines. */
class DecodeCrashCaptureTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String capture(String run) {
        return KernelCaptures.crashDirectory().resolve(run + ".jsonl").toString();
    }

    @Test
    void aCaptureOfAnOopsPrintsOneCrashRecordPerTargetInJson() throws Exception {
        CommandRun run = CommandRun.of("decode", "--stats", capture(KernelCaptures.DEBIAN12_OOPS));
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCodes.OK);
        List<JsonNode> records = new ArrayList<>();
        for (String line : run.lines()) {
            records.add(MAPPER.readTree(line));
        }
        List<JsonNode> crashes = records.stream().filter(r -> r.at("/netconsole/kind").asText().equals("crash"))
                .collect(Collectors.toList());
        assertThat(crashes).hasSize(4).allSatisfy(r -> {
            assertThat(r.get("message").asText()).isEqualTo("BUG: kernel NULL pointer dereference, address: 0000000000000000");
            assertThat(r.at("/error/type").asText()).isEqualTo("oops");
            assertThat(r.at("/netconsole/crash/panic_reason").asText()).isEqualTo("Fatal exception");
            assertThat(r.at("/netconsole/crash/function").asText()).isEqualTo("ncb_oops_init");
            assertThat(r.at("/netconsole/crash/close_reason").asText()).as("the capture's own times: the grace passed")
                    .isEqualTo("panic_grace");
        });
        assertThat(stat(run, "crashes")).isEqualTo(4);
        assertThat(stat(run, "oops")).isEqualTo(4);
        assertThat(records.stream().filter(r -> r.at("/netconsole/kind").asText().equals("message")))
                .hasSize((int) stat(run, "messages"));
    }

    @Test
    void textShowsTheReportUnderItsTitleLine() {
        CommandRun run = CommandRun.of("decode", "--format", "text", capture(KernelCaptures.DEBIAN12_SYSRQ));
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCodes.OK);
        List<String> lines = run.lines();
        int title = -1;
        for (int i = 0; i < lines.size() && title < 0; i++) {
            if (lines.get(i).endsWith(" crash panic Kernel panic - not syncing: sysrq triggered crash")) {
                title = i;
            }
        }
        assertThat(title).as("a crash record's title line").isNotNegative();
        assertThat(lines.get(title + 1)).isEqualTo("  Kernel panic - not syncing: sysrq triggered crash");
        assertThat(lines.stream().filter(l -> l.contains(" crash panic "))).hasSize(4);
    }

    private static long stat(CommandRun run, String name) {
        Matcher m = Pattern.compile("(?m)^\\s+" + Pattern.quote(name) + "\\s+(\\d+)$").matcher(run.stderr());
        assertThat(m.find()).as("stat %s in %s", name, run.stderr()).isTrue();
        return Long.parseLong(m.group(1));
    }
}
