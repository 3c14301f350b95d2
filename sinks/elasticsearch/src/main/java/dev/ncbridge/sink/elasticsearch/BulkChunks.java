package dev.ncbridge.sink.elasticsearch;

import java.util.ArrayList;
import java.util.List;

/** Cuts a batch of documents into consecutive bulk requests by count and by bytes. */
final class BulkChunks {
    private BulkChunks() {
    }

    /**
     * The chunks of {@code sizes.length} documents: each has at most {@code maxActions} documents
     * and at most {@code maxBytes} bytes of them, except that a document larger than
     * {@code maxBytes} goes alone (it is Elasticsearch's to refuse, not ours to drop).
     *
     * @return {from, to} pairs, to exclusive, in order and covering every document
     */
    static List<int[]> split(int[] sizes, int maxActions, long maxBytes) {
        List<int[]> chunks = new ArrayList<>();
        int from = 0;
        long bytes = 0;
        for (int i = 0; i < sizes.length; i++) {
            boolean full = i - from >= maxActions || (i > from && bytes + sizes[i] > maxBytes);
            if (full) {
                chunks.add(new int[] {from, i});
                from = i;
                bytes = 0;
            }
            bytes += sizes[i];
        }
        if (from < sizes.length) {
            chunks.add(new int[] {from, sizes.length});
        }
        return chunks;
    }
}
