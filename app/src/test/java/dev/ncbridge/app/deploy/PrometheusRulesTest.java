package dev.ncbridge.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ncbridge.app.testing.Executables;
import dev.ncbridge.app.testing.MetricsDoc;
import dev.ncbridge.app.testing.PromQl;
import dev.ncbridge.app.testing.Repo;
import dev.ncbridge.ingest.testing.RequiredServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** deploy/prometheus/alerts.yaml: valid for Prometheus, on documented series, and the rules docs/metrics.md lists. */
class PrometheusRulesTest {
    private static final Path RULES = Repo.file("deploy/prometheus/alerts.yaml");
    /** An alert's row in docs/metrics.md: name and expression. */
    private static final Pattern DOC_ROW = Pattern.compile("^\\| `([A-Z][A-Za-z]+)` \\| `(.+?)` \\|", Pattern.MULTILINE);

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        Path promtool = Executables.find("promtool");
        if (promtool == null) {
            RequiredServer.unavailable("promtool", "promtool not found on PATH (Debian: apt-get install prometheus)");
        }
        Process p = new ProcessBuilder(promtool.toString(), "check", "rules", RULES.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("SUCCESS: " + rules().size() + " rules found");
    }

    @Test
    void everyRuleReadsOnlySeriesTheBridgeDocuments() throws IOException {
        MetricsDoc doc = MetricsDoc.read();
        rules().forEach((alert, expr) -> assertThat(PromQl.series(expr))
                .as("%s: %s", alert, expr)
                .isNotEmpty()
                .allSatisfy(series -> assertThat(series.equals("up") || doc.documents(series))
                        .as("%s reads %s, which docs/metrics.md does not list", alert, series).isTrue()));
    }

    @Test
    void docsListEveryRuleWithTheSameExpression() throws IOException {
        Map<String, String> documented = new TreeMap<>();
        Matcher m = DOC_ROW.matcher(Files.readString(Repo.file("docs/metrics.md")));
        while (m.find()) {
            documented.put(m.group(1), m.group(2));
        }
        assertThat(documented).isEqualTo(rules());
    }

    private static Map<String, String> rules() throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(RULES.toFile());
        Map<String, String> rules = new TreeMap<>();
        for (JsonNode group : root.get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                rules.put(rule.get("alert").asText(), rule.get("expr").asText());
            }
        }
        return rules;
    }
}
