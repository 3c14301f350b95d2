package dev.ncbridge.ingest.crash;

/** A byte budget shared by collectors, as the bridge's is; one thread only. */
final class SharedMemory implements ReportMemory {
    final long limit;
    long used;

    SharedMemory(long limit) {
        this.limit = limit;
    }

    @Override
    public boolean tryReserve(long bytes) {
        if (used + bytes > limit) {
            return false;
        }
        used += bytes;
        return true;
    }

    @Override
    public void release(long bytes) {
        used -= bytes;
    }
}
