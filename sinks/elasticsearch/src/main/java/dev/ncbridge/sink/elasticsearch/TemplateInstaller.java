package dev.ncbridge.sink.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch.indices.PutIndexTemplateRequest;
import co.elastic.clients.json.JsonData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the composable index template that gives the sink's data stream or indices explicit
 * mappings ({@code seq} a long, {@code host.name} a keyword...), so that nothing depends on
 * dynamic mapping guessing right from the first document. The template must be in place before
 * the first document creates the data stream or index, so the sink writes only once this is done.
 */
final class TemplateInstaller {
    /** Above the built-in {@code logs-*-*} template (100), so ours wins for the default data stream. */
    static final long PRIORITY = 200;
    /** Raised whenever mappings.json changes, so an operator can see which template is installed. */
    static final long VERSION = 1;
    static final String MAPPINGS_RESOURCE = "mappings.json";

    private static final Logger log = LoggerFactory.getLogger(TemplateInstaller.class);

    private final ElasticsearchAsyncClient client;
    private final IndexTarget target;
    private final ElasticsearchOptions.TemplateMode mode;
    private volatile CompletableFuture<Void> installed;

    TemplateInstaller(ElasticsearchAsyncClient client, IndexTarget target, ElasticsearchOptions.TemplateMode mode) {
        this.client = client;
        this.target = target;
        this.mode = mode;
        this.installed = mode == ElasticsearchOptions.TemplateMode.NEVER ? CompletableFuture.completedFuture(null) : null;
    }

    /**
     * Completes once the template is in place. The first success is remembered; a failure is not,
     * so the next call tries again (the cluster may have been down).
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
            return client.indices().putIndexTemplate(request(target)).thenAccept(r ->
                    log.info("index template {} installed for {} (pattern {})", name, target, target.templatePattern()));
        });
    }

    /** The template for a target: its pattern, the mappings from {@value #MAPPINGS_RESOURCE}, a data stream if it is one. */
    static PutIndexTemplateRequest request(IndexTarget target) {
        return PutIndexTemplateRequest.of(t -> {
            t.name(target.templateName())
                    .indexPatterns(target.templatePattern())
                    .priority(PRIORITY)
                    .version(VERSION)
                    .meta("managed_by", JsonData.of("ncbridge"))
                    .template(m -> m.mappings(mappings()));
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
