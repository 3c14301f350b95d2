package dev.ncbridge.ingest.codec;

import dev.ncbridge.ingest.record.KeyValue;
import dev.ncbridge.ingest.wire.NetconsoleEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds datagrams the way the kernel does, for tests that need many of them, with the one
 * implementation in {@link NetconsoleEncoder}: the body escaped byte by byte, the dictionary appended with
 * verbatim newlines, and the payload cut into {@code ncfrag} fragments under a repeated header.
 */
final class KernelWire {
    private KernelWire() {
    }

    /** The kernel's escaping: bytes below 0x20, 0x7f and above, and the backslash become {@code \xhh}. */
    static byte[] escape(byte[] body) {
        return NetconsoleEncoder.escape(body);
    }

    /** One message as it follows the header's {@code ;}. */
    static final class Payload {
        byte[] body = new byte[0];
        byte[] subsystem;
        byte[] device;
        List<KeyValue> userdata = new ArrayList<>();
        Integer cpu;
        String taskname;
        String release;
        Long msgid;

        /** A copy with another body: generated values are shared, so tests never change them. */
        Payload withBody(byte[] newBody) {
            Payload p = new Payload();
            p.body = newBody;
            p.subsystem = subsystem;
            p.device = device;
            p.userdata = new ArrayList<>(userdata);
            p.cpu = cpu;
            p.taskname = taskname;
            p.release = release;
            p.msgid = msgid;
            return p;
        }

        Payload withMsgid(Long newMsgid) {
            Payload p = withBody(body);
            p.msgid = newMsgid;
            return p;
        }

        byte[] bytes() {
            return NetconsoleEncoder.payload(body, subsystem, device, userdata, cpu, taskname, release, msgid);
        }
    }

    /** {@code [release,]prefix,seq,ts,flag} without the {@code ;}. */
    static String header(String release, int prefix, long seq, long tsUs, char flag) {
        return NetconsoleEncoder.header(release, prefix, seq, tsUs, flag);
    }

    /** The whole payload in one datagram, as the kernel sends a message that fits. */
    static byte[] whole(String header, byte[] payload) {
        return NetconsoleEncoder.whole(header, payload);
    }

    /**
     * The payload cut at {@code cuts} (sorted, distinct, each inside {@code (0, length)}) into
     * fragments that each carry the header and {@code ,ncfrag=<off>/<total>}.
     */
    static List<byte[]> fragments(String header, byte[] payload, int[] cuts) {
        return NetconsoleEncoder.fragments(header, payload, cuts);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
