package dev.ncbridge.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BulkChunksTest {
    @Test
    void chunksRespectCountAndBytesAndCoverEveryDocumentInOrder() {
        int[] sizes = {10, 10, 10, 10, 10, 10, 10};
        assertThat(ranges(BulkChunks.split(sizes, 3, 1000))).containsExactly("0-3", "3-6", "6-7");
        assertThat(ranges(BulkChunks.split(sizes, 100, 25))).containsExactly("0-2", "2-4", "4-6", "6-7");
        assertThat(ranges(BulkChunks.split(sizes, 100, 30))).containsExactly("0-3", "3-6", "6-7");
    }

    @Test
    void aDocumentLargerThanTheByteLimitGoesAlone() {
        int[] sizes = {10, 500, 10};
        assertThat(ranges(BulkChunks.split(sizes, 100, 100))).containsExactly("0-1", "1-2", "2-3");
    }

    @Test
    void noDocumentsNoChunks() {
        assertThat(BulkChunks.split(new int[0], 10, 10)).isEmpty();
    }

    private static List<String> ranges(List<int[]> chunks) {
        return chunks.stream().map(c -> c[0] + "-" + c[1]).toList();
    }
}
