package dev.ncbridge.sink.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import dev.ncbridge.sink.BatchResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends one batch of encoded documents as bulk requests of {@code bulk.max_actions} and
 * {@code bulk.max_bytes} at most, up to {@code bulk.concurrent_requests} of them at once, and
 * completes when every document has its verdict. Documents are sent as the bytes the encoder
 * made, not parsed and serialised again.
 */
final class BulkWriter {
    private final ElasticsearchAsyncClient client;
    private final ElasticsearchSettings.Bulk limits;
    private final ElasticsearchMeters meters;
    private final Warnings warnings;

    BulkWriter(ElasticsearchAsyncClient client, ElasticsearchSettings.Bulk limits, ElasticsearchMeters meters,
               Warnings warnings) {
        this.client = client;
        this.limits = limits;
        this.meters = meters;
        this.warnings = warnings;
    }

    /**
     * Indexes {@code docs[i]} into {@code indexes[i]} with a {@code create} action (the only one
     * data streams take).
     */
    CompletableFuture<BatchResult> write(byte[][] docs, String[] indexes) {
        int[] sizes = new int[docs.length];
        for (int i = 0; i < docs.length; i++) {
            sizes[i] = docs[i].length;
        }
        return new Send(docs, indexes, BulkChunks.split(sizes, limits.maxActions(), limits.maxBytes().bytes()),
                sizes).start(limits.concurrentRequests());
    }

    /** One batch in flight: its chunks, the next one to send, and the verdicts so far. */
    private final class Send {
        private final byte[][] docs;
        private final String[] indexes;
        private final List<int[]> chunks;
        private final int[] sizes;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger unsettled;
        private final BatchResult.Builder result = BatchResult.builder();
        private final CompletableFuture<BatchResult> done = new CompletableFuture<>();

        Send(byte[][] docs, String[] indexes, List<int[]> chunks, int[] sizes) {
            this.docs = docs;
            this.indexes = indexes;
            this.chunks = chunks;
            this.sizes = sizes;
            this.unsettled = new AtomicInteger(chunks.size());
        }

        CompletableFuture<BatchResult> start(int concurrency) {
            if (chunks.isEmpty()) {
                done.complete(BatchResult.ok());
            }
            for (int lane = 0; lane < Math.min(concurrency, chunks.size()); lane++) {
                sendNext();
            }
            return done;
        }

        /** Sends the next chunk, if any; each settled chunk sends the one after it, so at most {@code concurrency} are in flight. */
        private void sendNext() {
            int c = next.getAndIncrement();
            if (c >= chunks.size()) {
                return;
            }
            int[] chunk = chunks.get(c);
            CompletableFuture<BulkResponse> response;
            try {
                response = client.bulk(request(chunk));
            } catch (RuntimeException e) {
                response = CompletableFuture.failedFuture(e);
            }
            response.whenComplete((r, failure) -> {
                try {
                    if (failure != null) {
                        settleFailed(chunk, failure);
                    } else {
                        settle(chunk, r);
                    }
                } catch (RuntimeException e) {
                    settleFailed(chunk, e);
                }
                if (unsettled.decrementAndGet() == 0) {
                    synchronized (result) {
                        done.complete(result.build());
                    }
                } else {
                    sendNext();
                }
            });
        }

        private BulkRequest request(int[] chunk) {
            BulkRequest.Builder bulk = new BulkRequest.Builder();
            long bytes = 0;
            for (int i = chunk[0]; i < chunk[1]; i++) {
                String index = indexes[i];
                BinaryData document = BinaryData.of(docs[i], ContentType.APPLICATION_JSON);
                bulk.operations(op -> op.create(c -> c.index(index).document(document)));
                bytes += sizes[i];
            }
            meters.bytesSent.increment(bytes);
            return bulk.build();
        }

        /** Items come back in the order they were sent; only the failed ones need a verdict. */
        private void settle(int[] chunk, BulkResponse response) {
            List<BulkResponseItem> items = response.items();
            if (items.size() != chunk[1] - chunk[0]) {
                throw new IllegalStateException("bulk response has " + items.size() + " items for "
                        + (chunk[1] - chunk[0]) + " documents");
            }
            if (!response.errors()) {
                meters.bulkOk.increment();
                return;
            }
            meters.bulkPartial.increment();
            synchronized (result) {
                for (int k = 0; k < items.size(); k++) {
                    BulkResponseItem item = items.get(k);
                    if (item.error() == null) {
                        continue;
                    }
                    Verdict verdict = Verdict.ofItem(item.status(), item.error());
                    int index = chunk[0] + k;
                    if (verdict.retry()) {
                        result.retry(index, verdict.reason());
                    } else {
                        result.reject(index, verdict.reason());
                        warnings.warn("document rejected (" + verdict.reason() + ") by " + item.index() + ": "
                                + item.status() + " " + item.error().type() + ": " + item.error().reason());
                    }
                }
            }
        }

        private void settleFailed(int[] chunk, Throwable failure) {
            meters.bulkFailed.increment();
            Verdict verdict = Verdict.ofRequestFailure(failure);
            warnings.warn("bulk request of " + (chunk[1] - chunk[0]) + " documents failed, will retry ("
                    + verdict.reason() + "): " + failure);
            synchronized (result) {
                for (int i = chunk[0]; i < chunk[1]; i++) {
                    result.retry(i, verdict.reason());
                }
            }
        }
    }
}
