package dev.ncbridge.ingest.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.memory.ByteBudget;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LegacyLineAssemblerTest {
    private final List<String> lines = new ArrayList<>();
    private final LegacyLineAssembler.LineListener listener = (buf, from, to, datagrams, partial) ->
            lines.add((partial ? "partial " : "") + datagrams + ":" + new String(buf, from, to - from, StandardCharsets.UTF_8));

    private final DecodeCounters counters = new DecodeCounters();
    private final ByteBudget memory = new ByteBudget("legacy_lines", 1 << 20);

    private LegacyLineAssembler assembler(int maxLineBytes) {
        return new LegacyLineAssembler(new LegacyLineAssembler.Bounds(maxLineBytes, memory, counters.writer()));
    }

    private void accept(LegacyLineAssembler a, String datagram, long now) {
        byte[] d = datagram.getBytes(StandardCharsets.UTF_8);
        byte[] buf = new byte[d.length + 4];
        java.util.Arrays.fill(buf, (byte) '\n');
        System.arraycopy(d, 0, buf, 2, d.length);
        a.accept(buf, 2, 2 + d.length, now, listener);
    }

    @Test
    void severalLinesInOneDatagram() {
        LegacyLineAssembler a = assembler(1000);
        accept(a, "[    1.000000] one\n[    1.000001] two\n", 0);
        assertThat(lines).containsExactly("1:[    1.000000] one", "1:[    1.000001] two");
        assertThat(a.hasPending()).isFalse();
    }

    @Test
    void lineAcrossDatagramsCountsEachOfThem() {
        LegacyLineAssembler a = assembler(1000);
        accept(a, "first part ", 1);
        assertThat(a.hasPending()).isTrue();
        assertThat(a.lastArrivalNanos()).isEqualTo(1);
        accept(a, "second part ", 2);
        accept(a, "end\nnext", 3);
        assertThat(lines).containsExactly("3:first part second part end");
        assertThat(a.lastArrivalNanos()).isEqualTo(3);
        accept(a, "\n", 4);
        assertThat(lines).containsExactly("3:first part second part end", "2:next");
    }

    @Test
    void carriageReturnBeforeTheNewlineIsDropped() {
        LegacyLineAssembler a = assembler(1000);
        accept(a, "crlf\r\nmid\rdle\r\n", 0);
        accept(a, "split\r", 1);
        accept(a, "\n", 2);
        assertThat(lines).containsExactly("1:crlf", "1:mid\rdle", "2:split");
    }

    @Test
    void flushEmitsTheUnfinishedLineAsPartial() {
        LegacyLineAssembler a = assembler(1000);
        accept(a, "done\nhalf", 0);
        a.flush(listener);
        assertThat(lines).containsExactly("1:done", "partial 1:half");
        assertThat(a.hasPending()).isFalse();
        a.flush(listener);
        assertThat(lines).hasSize(2);
    }

    @Test
    void overlongLineIsEmittedInPartsOfTheLimit() {
        LegacyLineAssembler a = assembler(4);
        accept(a, "abcdefghij\n", 0);
        assertThat(lines).containsExactly("partial 1:abcd", "partial 1:efgh", "1:ij");
    }

    @Test
    void lineOfExactlyTheLimitIsOneLine() {
        LegacyLineAssembler a = assembler(4);
        accept(a, "abcd\n", 0);
        accept(a, "ef", 1);
        accept(a, "gh", 2);
        accept(a, "\n", 3);
        assertThat(lines).containsExactly("1:abcd", "3:efgh");
    }

    @Test
    void overlongLineAcrossDatagrams() {
        LegacyLineAssembler a = assembler(4);
        accept(a, "abc", 0);
        accept(a, "defgh", 1);
        accept(a, "ij\n", 2);
        // "efgh" is emitted when "ij" arrives, but came from the second datagram alone.
        assertThat(lines).containsExactly("partial 2:abcd", "partial 1:efgh", "1:ij");
    }

    @Test
    void emptyLinesAreReportedEmpty() {
        LegacyLineAssembler a = assembler(1000);
        accept(a, "\n\nx\n", 0);
        assertThat(lines).containsExactly("1:", "1:", "1:x");
    }

    @Test
    void bufferGrowsForLongLinesAndShrinksAfterAFlush() {
        LegacyLineAssembler a = assembler(100_000);
        String longText = "y".repeat(10_000);
        for (int i = 0; i < 10; i++) {
            accept(a, longText, i);
        }
        a.flush(listener);
        assertThat(lines).containsExactly("partial 10:" + longText.repeat(10));
        accept(a, "small\n", 11);
        assertThat(lines).last().isEqualTo("1:small");
    }
}
