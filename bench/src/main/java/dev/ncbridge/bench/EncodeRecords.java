package dev.ncbridge.bench;

import dev.ncbridge.ingest.record.ContinuationFlag;
import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.KeyValue;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.Records;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The records the encoding benchmarks encode, as the decoder would have built them, each made
 * for a given receive time: the time must move from record to record (so that the timestamp's
 * per-second cache behaves as under a steady stream), everything else stays the same.
 */
enum EncodeRecords {
    /** {@code 6,<seq>,<ts>,-;eth0: link up, 1000 Mbps full duplex\n}: a typical 64-byte extended datagram. */
    SHORT_EXTENDED(builtAt(shortMessage().source(Sources.V4))),
    /** The same from an IPv6 source (2001:db8::5), as the side-by-side harness's spoofed sources are. */
    SHORT_EXTENDED_IPV6(builtAt(shortMessage().source(Sources.V6))),
    /** The same plus release, msgid, cpu, taskname, SUBSYSTEM, DEVICE and two userdata entries. */
    WITH_DICTIONARY(builtAt(shortMessage().source(Sources.V4).release("6.14.0-1-amd64").msgid(4711).cpu(3)
            .taskname("kworker/3:1").subsystem("net").device("+net:eth0")
            .userdata(List.of(new KeyValue("rack", "r12"), new KeyValue("role", "db"))).raw(new byte[0]))),
    /** A loss event with its four details. */
    LOSS_EVENT(builtAt(Records.event(EventType.LOSS).message("3 messages missing (msgid 13..15)")
            .source(Sources.V4).hostName("web-42").put("counter", "msgid").put("first", 13).put("last", 15)
            .put("missing", 3)));

    static final String SHORT_TEXT = "eth0: link up, 1000 Mbps full duplex";

    private final LongFunction<Record> build;

    EncodeRecords(LongFunction<Record> build) {
        this.build = build;
    }

    /** The record as received at {@code receivedAtNanos}; from one thread at a time. */
    Record at(long receivedAtNanos) {
        return build.apply(receivedAtNanos);
    }

    /** One builder for all records of a kind, as the benchmarks run on one thread: only the time changes. */
    private static LongFunction<Record> builtAt(Records.MessageBuilder b) {
        return at -> b.receivedAtNanos(at).build();
    }

    private static LongFunction<Record> builtAt(Records.EventBuilder b) {
        return at -> b.receivedAtNanos(at).build();
    }

    private static Records.MessageBuilder shortMessage() {
        String datagram = "6,1000000000,100000000000,-;" + SHORT_TEXT + "\n";
        return Records.extended().message(SHORT_TEXT).hostName("web-42").level(6).facility(0).seq(1_000_000_000L)
                .kernelTsUs(100_000_000_000L).cont(ContinuationFlag.NONE).fragments(1)
                .raw(datagram.getBytes(StandardCharsets.US_ASCII));
    }

    /** The sources, made once: a decoder keeps one address object per source. */
    private static final class Sources {
        static final InetSocketAddress V4 = source(new byte[] {10, 0, 0, 5});
        static final InetSocketAddress V6 =
                source(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5});

        private static InetSocketAddress source(byte[] address) {
            try {
                return new InetSocketAddress(InetAddress.getByAddress(address), 6665);
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        }
    }
}
