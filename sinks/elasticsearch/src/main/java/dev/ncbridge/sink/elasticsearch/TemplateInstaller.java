package dev.ncbridge.sink.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch.cluster.PutComponentTemplateRequest;
import co.elastic.clients.elasticsearch.indices.PutIndexTemplateRequest;
import co.elastic.clients.json.JsonData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the templates that give the sink's data stream or indices explicit mappings
 * ({@code event.sequence} a long, {@code host.ip} an ip...), so that nothing depends on dynamic
 * mapping guessing right from the first document, and a data stream its lifecycle. They are
 * composed as Elasticsearch's built-in {@code logs} templates are: component templates
 * {@code <name>@mappings} and, for a data stream, {@code <name>@lifecycle} (its
 * {@code data_retention}), then an index template {@code <name>} made of them and of an
 * optional {@code <name>@custom} that the operator may create and the sink never touches. The
 * templates must be in place before the first document creates the data stream or index, so
 * the sink writes only once this is done.
 */
final class TemplateInstaller {
    /** Above the built-in {@code logs-*-*} template (100), so ours wins for the default data stream. */
    static final long PRIORITY = 200;
    /** Raised whenever the templates change, so an operator can see which ones are installed. */
    static final long VERSION = 2;
    static final String MAPPINGS_RESOURCE = "mappings.json";
    private static final String MAPPINGS = "@mappings";
    private static final String LIFECYCLE = "@lifecycle";
    private static final String CUSTOM = "@custom";
    private static final String MANAGED_BY = "managed_by";
    private static final String NCBRIDGE = "ncbridge";

    private static final Logger log = LoggerFactory.getLogger(TemplateInstaller.class);

    private final ElasticsearchAsyncClient client;
    private final IndexTarget target;
    private final Retention retention;
    private final ElasticsearchOptions.TemplateMode mode;
    private volatile CompletableFuture<Void> installed;

    TemplateInstaller(ElasticsearchAsyncClient client, IndexTarget target, Retention retention,
                      ElasticsearchOptions.TemplateMode mode) {
        this.client = client;
        this.target = target;
        this.retention = retention;
        this.mode = mode;
        this.installed = mode == ElasticsearchOptions.TemplateMode.NEVER ? CompletableFuture.completedFuture(null) : null;
    }

    /**
     * Completes once the templates are in place. The first success is remembered; a failure is
     * not, so the next call tries again (the cluster may have been down).
     */
    synchronized CompletableFuture<Void> ensure() {
        CompletableFuture<Void> current = installed;
        if (current != null && (!current.isDone() || !current.isCompletedExceptionally())) {
            return current;
        }
        CompletableFuture<Void> attempt = install();
        installed = attempt;
        return attempt;
    }

    private CompletableFuture<Void> install() {
        String name = target.templateName();
        CompletableFuture<Boolean> needed = mode == ElasticsearchOptions.TemplateMode.OVERWRITE
                ? CompletableFuture.completedFuture(true)
                : client.indices().existsIndexTemplate(e -> e.name(name)).thenApply(exists -> !exists.value());
        return needed.thenCompose(put -> {
            if (!put) {
                log.info("index template {} exists; left as it is (manage_template: true replaces it)", name);
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<?> components = CompletableFuture.completedFuture(null);
            for (PutComponentTemplateRequest component : components(target, retention)) {
                components = components.thenCompose(x -> client.cluster().putComponentTemplate(component));
            }
            return components.thenCompose(x -> client.indices().putIndexTemplate(request(target)))
                    .thenAccept(r -> log.info("index template {} installed for {} (pattern {}, retention {})", name,
                            target, target.templatePattern(), target.isDataStream() ? retention : "none: indices"));
        });
    }

    /** The component templates, in the order they must be created: {@code @mappings}, and {@code @lifecycle} for a data stream. */
    static List<PutComponentTemplateRequest> components(IndexTarget target, Retention retention) {
        String name = target.templateName();
        List<PutComponentTemplateRequest> components = new ArrayList<>();
        components.add(PutComponentTemplateRequest.of(c -> c.name(name + MAPPINGS)
                .version(VERSION)
                .meta(MANAGED_BY, JsonData.of(NCBRIDGE))
                .template(t -> t.mappings(mappings()))));
        if (target.isDataStream()) {
            components.add(PutComponentTemplateRequest.of(c -> c.name(name + LIFECYCLE)
                    .version(VERSION)
                    .meta(MANAGED_BY, JsonData.of(NCBRIDGE))
                    .template(t -> t.lifecycle(retention::applyTo))));
        }
        return components;
    }

    /** The index template for a target: its pattern, composed of its component templates, a data stream if it is one. */
    static PutIndexTemplateRequest request(IndexTarget target) {
        String name = target.templateName();
        List<String> composedOf = new ArrayList<>(List.of(name + MAPPINGS));
        if (target.isDataStream()) {
            composedOf.add(name + LIFECYCLE);
        }
        composedOf.add(name + CUSTOM);
        return PutIndexTemplateRequest.of(t -> {
            t.name(name)
                    .indexPatterns(target.templatePattern())
                    .composedOf(composedOf)
                    .ignoreMissingComponentTemplates(name + CUSTOM)
                    .priority(PRIORITY)
                    .version(VERSION)
                    .meta(MANAGED_BY, JsonData.of(NCBRIDGE));
            if (target.isDataStream()) {
                t.dataStream(d -> d);
            }
            return t;
        });
    }

    static TypeMapping mappings() {
        try (InputStream in = TemplateInstaller.class.getResourceAsStream(MAPPINGS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(MAPPINGS_RESOURCE + " is missing from the sink's jar");
            }
            return TypeMapping.of(m -> m.withJson(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
