package dev.ncbridge.sink.elasticsearch;

import dev.ncbridge.config.ConfigException;
import dev.ncbridge.config.ConfigProblem;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.sink.encode.RecordEncoder;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.apache.http.HttpHost;

/**
 * The Elasticsearch sink's settings, checked and ready to use.
 *
 * @param hosts the nodes, with scheme and port
 * @param target the data stream or index template
 * @param authorization the {@code Authorization} header value, or null for none
 * @param caFile the PEM file of trusted authorities, or null for the JVM's defaults
 * @param verify whether server certificates and names are checked
 * @param bulk how batches are cut into bulk requests
 * @param templateMode when the index template is installed
 * @param retention how long a data stream keeps documents
 * @param requestTimeout connect and read timeout of each request
 * @param healthCheckInterval how often the cluster health is checked
 */
record ElasticsearchOptions(List<HttpHost> hosts, IndexTarget target, String authorization, Path caFile,
                            boolean verify, ElasticsearchSettings.Bulk bulk, TemplateMode templateMode,
                            Retention retention, Duration requestTimeout, Duration healthCheckInterval) {

    /** Without the credentials, which must not reach a log. */
    @Override
    public String toString() {
        return "ElasticsearchOptions[hosts=" + hosts + ", target=" + target + ", authorization="
                + (authorization == null ? "none" : authorization.substring(0, authorization.indexOf(' ')) + " ***")
                + ", caFile=" + caFile + ", verify=" + verify + ", bulk=" + bulk + ", templateMode=" + templateMode
                + ", retention=" + retention
                + ", requestTimeout=" + requestTimeout + ", healthCheckInterval=" + healthCheckInterval + "]";
    }

    /** When the sink installs its index template at start. */
    enum TemplateMode {
        /** Install it unless a template of that name exists (the default). */
        IF_ABSENT,
        /** Install it, replacing one of that name ({@code manage_template: true}). */
        OVERWRITE,
        /** Leave templates alone ({@code manage_template: false}). */
        NEVER
    }

    /**
     * Binds and checks the sink's section; every problem found is reported at its key's line, all
     * at once.
     *
     * @param encoder the sink's {@code format}: documents must be JSON
     */
    static ElasticsearchOptions from(ConfigSection section, RecordEncoder encoder) {
        ElasticsearchSettings s = section.bind(ElasticsearchSettings.class);
        List<ConfigProblem> problems = new ArrayList<>();
        if (!"json".equals(encoder.name())) {
            problems.add(section.problem("format", "the elasticsearch sink indexes JSON documents; use format: json"
                    + " (the default)"));
        }
        List<HttpHost> hosts = hosts(section, s.hosts(), s.caFile() != null, problems);
        IndexTarget target = target(section, s, problems);
        String authorization = authorization(section, s, problems);
        Retention retention = retention(section, s, problems);
        if (s.requestTimeout().isZero() || s.requestTimeout().isNegative()) {
            problems.add(section.problem("request_timeout", "must be longer than 0"));
        }
        if (s.healthCheckInterval().isZero() || s.healthCheckInterval().isNegative()) {
            problems.add(section.problem("health_check_interval", "must be longer than 0"));
        }
        if (s.caFile() != null && s.caFile().isBlank()) {
            problems.add(section.problem("ca_file", "must name a PEM file; leave it out to trust the JVM's authorities"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        TemplateMode mode = s.manageTemplate() == null ? TemplateMode.IF_ABSENT
                : s.manageTemplate() ? TemplateMode.OVERWRITE : TemplateMode.NEVER;
        return new ElasticsearchOptions(hosts, target, authorization, s.caFile() == null ? null : Path.of(s.caFile()),
                s.verify(), s.bulk(), mode, retention, s.requestTimeout(), s.healthCheckInterval());
    }

    /** Hosts as {@code http://es:9200}, {@code https://es:9200} or {@code es:9200} (https with a ca_file, else http). */
    private static List<HttpHost> hosts(ConfigSection section, List<String> texts, boolean tls,
                                        List<ConfigProblem> problems) {
        if (texts.isEmpty()) {
            problems.add(section.problem("hosts", "required: the Elasticsearch nodes, as [\"https://es1:9200\"]"));
            return List.of();
        }
        List<HttpHost> hosts = new ArrayList<>();
        for (String text : texts) {
            String withScheme = text.contains("://") ? text : (tls ? "https://" : "http://") + text;
            try {
                URI uri = new URI(withScheme);
                String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    throw new URISyntaxException(text, "the scheme must be http or https");
                }
                if (uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty()
                        && !uri.getPath().equals("/"))) {
                    throw new URISyntaxException(text, "expected scheme://host:port with no path");
                }
                int port = uri.getPort() < 0 ? 9200 : uri.getPort();
                hosts.add(new HttpHost(uri.getHost(), port, scheme));
            } catch (URISyntaxException e) {
                problems.add(section.problem("hosts", "\"" + text + "\" is not a node address: " + e.getReason()
                        + " (as https://es1:9200)"));
            }
        }
        return hosts;
    }

    private static IndexTarget target(ConfigSection section, ElasticsearchSettings s, List<ConfigProblem> problems) {
        if (s.dataStream() != null && s.index() != null) {
            problems.add(section.problem("index", "set data_stream or index, not both"));
            return null;
        }
        try {
            return s.index() != null ? IndexTarget.indexTemplate(s.index())
                    : IndexTarget.dataStream(s.dataStream() != null ? s.dataStream()
                    : ElasticsearchSettings.DEFAULT_DATA_STREAM);
        } catch (IllegalArgumentException e) {
            problems.add(section.problem(s.index() != null ? "index" : "data_stream", e.getMessage()));
            return null;
        }
    }

    /** The data stream's retention; indices named by {@code index} have no data stream lifecycle to carry one. */
    private static Retention retention(ConfigSection section, ElasticsearchSettings s, List<ConfigProblem> problems) {
        if (s.index() != null && s.retention() != null) {
            problems.add(section.problem("retention", "applies to a data stream, and index names indices: remove"
                    + " retention, or use data_stream"));
            return null;
        }
        try {
            return Retention.parse(s.retention() != null ? s.retention() : Retention.DEFAULT);
        } catch (IllegalArgumentException e) {
            problems.add(section.problem("retention", e.getMessage()));
            return null;
        }
    }

    private static String authorization(ConfigSection section, ElasticsearchSettings s, List<ConfigProblem> problems) {
        if (s.apiKey() != null && (s.username() != null || s.password() != null)) {
            problems.add(section.problem("api_key", "set api_key or username and password, not both"));
            return null;
        }
        if (s.apiKey() != null) {
            if (s.apiKey().isBlank()) {
                problems.add(section.problem("api_key", "must not be empty"));
            }
            return "ApiKey " + s.apiKey().trim();
        }
        if ((s.username() == null) != (s.password() == null)) {
            problems.add(section.problem(s.username() == null ? "password" : "username",
                    "username and password go together"));
            return null;
        }
        if (s.username() == null) {
            return null;
        }
        String pair = s.username() + ":" + s.password();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
