package dev.ncbridge.ingest.memory;

import java.util.List;

/**
 * The byte budgets of the ingest path, one per kind of data that waits in memory between the
 * socket and the router; every receiver and decode worker of a bridge shares the same ones, so
 * each limit holds for the whole process. docs/operations.md ("Memory") has the model.
 *
 * @param ring datagrams received and waiting in the decode workers' rings
 * @param assemblies fragmented messages waiting for their other fragments
 * @param continuations continuation runs ({@code c} records waiting for their {@code +} pieces)
 * @param legacyLines legacy console lines waiting for their newline
 * @param crash the lines of kernel reports being gathered into crash records
 */
public record MemoryBudgets(ByteBudget ring, ByteBudget assemblies, ByteBudget continuations,
                            ByteBudget legacyLines, ByteBudget crash) {
    public static MemoryBudgets of(long ringBytes, long assemblyBytes, long continuationBytes, long legacyLineBytes,
                                   long crashBytes) {
        return new MemoryBudgets(new ByteBudget("ring", ringBytes), new ByteBudget("assemblies", assemblyBytes),
                new ByteBudget("continuations", continuationBytes), new ByteBudget("legacy_lines", legacyLineBytes),
                new ByteBudget("crash", crashBytes));
    }

    public List<ByteBudget> all() {
        return List.of(ring, assemblies, continuations, legacyLines, crash);
    }

    /** Bytes held by the decoders (everything but the ring): zero once every source was flushed. */
    public long decoderBytes() {
        return assemblies.used() + continuations.used() + legacyLines.used() + crash.used();
    }
}
