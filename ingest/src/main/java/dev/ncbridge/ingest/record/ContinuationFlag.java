package dev.ncbridge.ingest.record;

/**
 * The extended header's continuation flag, and what the decoder made of it.
 *
 * <p>Older kernels sent a message printed in pieces ({@code pr_cont}) as separate records: the
 * first flagged {@code c}, the rest {@code +}. The decoder merges such a run into one record
 * marked {@link #MERGED}; a piece whose partners never arrived keeps its own flag.
 */
public enum ContinuationFlag {
    /** {@code -}: a whole message. */
    NONE("none"),
    /** {@code c}: the first piece of a continued message, emitted alone (nothing followed it). */
    FIRST("first"),
    /** {@code +}: a continuation piece whose first piece was not seen. */
    CONTINUATION("continuation"),
    /** A {@code c} piece and the {@code +} pieces that followed it, joined into one record. */
    MERGED("merged");

    private final String wireName;

    ContinuationFlag(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The flag for a header character, or {@code null} when the character is not a flag. */
    public static ContinuationFlag fromHeaderChar(int c) {
        switch (c) {
            case '-':
                return NONE;
            case 'c':
                return FIRST;
            case '+':
                return CONTINUATION;
            default:
                return null;
        }
    }
}
