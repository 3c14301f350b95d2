package dev.ncbridge.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ncbridge.config.ConfigException;
import dev.ncbridge.sink.encode.RecordEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.apache.http.HttpHost;
import org.junit.jupiter.api.Test;

class ElasticsearchOptionsTest {
    @Test
    void defaultsWriteToTheDefaultDataStreamWithoutAuthAndInstallTheTemplateIfAbsent() {
        ElasticsearchOptions o = Fixtures.options("hosts: [\"es1:9200\", \"https://es2\"]");
        assertThat(o.hosts()).containsExactly(new HttpHost("es1", 9200, "http"), new HttpHost("es2", 9200, "https"));
        assertThat(o.target().isDataStream()).isTrue();
        assertThat(o.target().templatePattern()).isEqualTo("logs-netconsole-default");
        assertThat(o.authorization()).isNull();
        assertThat(o.verify()).isTrue();
        assertThat(o.caFile()).isNull();
        assertThat(o.templateMode()).isEqualTo(ElasticsearchOptions.TemplateMode.IF_ABSENT);
        assertThat(o.bulk().maxActions()).isEqualTo(1000);
        assertThat(o.bulk().maxBytes().bytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(o.bulk().concurrentRequests()).isEqualTo(2);
        assertThat(o.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.healthCheckInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.retention()).isEqualTo(new Retention(Duration.ofDays(30)));
    }

    @Test
    void retentionIsADurationOrNone() {
        assertThat(Fixtures.options("hosts: [x], retention: 36h").retention()).hasToString("36h");
        assertThat(Fixtures.options("hosts: [x], retention: 1d12h").retention()).as("in one unit, as Elasticsearch reads it")
                .hasToString("36h");
        assertThat(Fixtures.options("hosts: [x], retention: 90s").retention()).hasToString("90s");
        assertThat(Fixtures.options("hosts: [x], retention: 14d").retention()).hasToString("14d");
        assertThat(Fixtures.options("hosts: [x], retention: none").retention()).isEqualTo(Retention.FOREVER);
    }

    @Test
    void keysAreRead() {
        ElasticsearchOptions o = Fixtures.options("hosts: [\"es1:9243\"], index: \"nc-{host}-{yyyy}.{MM}\","
                + " ca_file: /etc/ca.pem, verify: false, manage_template: true, request_timeout: 5s,"
                + " health_check_interval: 1m, bulk: {max_actions: 10, max_bytes: 1MiB, concurrent_requests: 4}");
        assertThat(o.hosts()).as("https when a ca_file is given").containsExactly(new HttpHost("es1", 9243, "https"));
        assertThat(o.target().isDataStream()).isFalse();
        assertThat(o.caFile()).hasToString("/etc/ca.pem");
        assertThat(o.verify()).isFalse();
        assertThat(o.templateMode()).isEqualTo(ElasticsearchOptions.TemplateMode.OVERWRITE);
        assertThat(o.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.healthCheckInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(o.bulk().maxActions()).isEqualTo(10);
        assertThat(o.bulk().maxBytes().bytes()).isEqualTo(1024 * 1024);
        assertThat(o.bulk().concurrentRequests()).isEqualTo(4);
        assertThat(Fixtures.options("hosts: [x], manage_template: false").templateMode())
                .isEqualTo(ElasticsearchOptions.TemplateMode.NEVER);
    }

    @Test
    void credentialsBecomeTheAuthorizationHeaderAndStayOutOfToString() {
        ElasticsearchOptions key = Fixtures.options("hosts: [x], api_key: \"aWQ6a2V5\"");
        assertThat(key.authorization()).isEqualTo("ApiKey aWQ6a2V5");
        assertThat(key.toString()).contains("ApiKey ***").doesNotContain("aWQ6a2V5");
        ElasticsearchOptions basic = Fixtures.options("hosts: [x], username: elastic, password: s3cret");
        assertThat(basic.authorization()).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("elastic:s3cret".getBytes(StandardCharsets.UTF_8)));
        assertThat(basic.toString()).doesNotContain(basic.authorization().substring(6));
    }

    @Test
    void problemsNameTheirKeyAndLine() {
        assertProblem("api_key: k", "t.yaml:2: sinks.es.hosts: required");
        assertProblem("hosts: [\"ftp://es:21\"]", "t.yaml:2: sinks.es.hosts: \"ftp://es:21\" is not a node address");
        assertProblem("hosts: [\"es:9200/path\"]", "sinks.es.hosts: \"es:9200/path\" is not a node address");
        assertProblem("hosts: [x], data_stream: a, index: b", "sinks.es.index: set data_stream or index, not both");
        assertProblem("hosts: [x], data_stream: Logs", "sinks.es.data_stream: \"Logs\": Elasticsearch names must be lower case");
        assertProblem("hosts: [x], index: \"{host}-x\"", "sinks.es.index: \"{host}-x\" must start with literal text");
        assertProblem("hosts: [x], index: \"nc-{hostname}\"", "unknown field {hostname}");
        assertProblem("hosts: [x], index: \"nc-{host\"", "sinks.es.index: the '{' at character 4 is not closed by '}'");
        assertProblem("hosts: [x], index: \"nc x\"", "cannot contain ' '");
        assertProblem("hosts: [x], api_key: k, username: u, password: p", "sinks.es.api_key: set api_key or username");
        assertProblem("hosts: [x], username: u", "sinks.es.username: username and password go together");
        assertProblem("hosts: [x], request_timeout: 0s", "sinks.es.request_timeout: must be longer than 0");
        assertProblem("hosts: [x], bulk: {flush_interval: 1s}", "sinks.es.bulk.flush_interval: flush_interval is the sink's batch.linger");
        assertProblem("hosts: [x], bulk: {max_actions: 0}", "sinks.es.bulk.max_actions: must be at least 1");
        assertProblem("hosts: [x], bulk: {concurrent_requests: 0}", "sinks.es.bulk.concurrent_requests: must be at least 1");
        assertProblem("hosts: [x], bulk_size: 3", "unknown key \"bulk_size\"");
        assertProblem("hosts: [x], retention: 30 days", "t.yaml:2: sinks.es.retention: \"30 days\" is not a duration:"
                + " write a number and a unit (ms, s, m, h, d), as 500ms, 1.5s or 1m30s, or none to keep documents for ever");
        assertProblem("hosts: [x], retention: 500ms", "sinks.es.retention: \"500ms\" is not a whole number of seconds");
        assertProblem("hosts: [x], index: \"nc-{host}\", retention: 7d", "sinks.es.retention: applies to a data stream,"
                + " and index names indices");
    }

    @Test
    void documentsMustBeJson() {
        assertThatThrownBy(() -> ElasticsearchOptions.from(Fixtures.sinkSection(
                "sinks:\n  es:\n    type: elasticsearch\n    format: text\n    hosts: [x]\n"), RecordEncoder.forName("text")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("t.yaml:4: sinks.es.format: the elasticsearch sink indexes JSON documents");
    }

    private static void assertProblem(String keys, String message) {
        assertThatThrownBy(() -> Fixtures.options(keys)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }
}
