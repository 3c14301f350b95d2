package dev.ncbridge.app.testing;

import dev.ncbridge.ingest.codec.DecodeCounters;
import dev.ncbridge.ingest.codec.NetconsoleDecoder;
import dev.ncbridge.ingest.record.CrashRecord;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.KernelCaptures;
import java.util.ArrayList;
import java.util.List;

/** The records the real decoder makes of a crash capture (fixtures/kernel-crash), every open report closed. */
public final class DecodedCrashes {
    private DecodedCrashes() {
    }

    /** Every record of {@code run}, flushed at its end as at a stop. */
    public static List<Record> records(String run) {
        NetconsoleDecoder decoder = NetconsoleDecoder.withDefaults(new DecodeCounters());
        List<Record> out = new ArrayList<>();
        long last = 0;
        for (KernelCaptures.Datagram d : KernelCaptures.loadCrash(run)) {
            decoder.decode(d.payload(), 0, d.payload().length, d.source(), d.receivedAtNanos(), out::add);
            last = d.receivedAtNanos();
        }
        decoder.flushAll(last, out::add);
        return out;
    }

    /** The crash records of {@code run}: one per target that sent a report. */
    public static List<CrashRecord> crashes(String run) {
        return records(run).stream().filter(r -> r instanceof CrashRecord).map(r -> (CrashRecord) r).toList();
    }
}
