package dev.ncbridge.ingest.codec;

import dev.ncbridge.ingest.record.KeyValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds datagrams the way the kernel does (kernel/printk/printk.c and drivers/net/netconsole.c),
 * for tests that need many of them: the body escaped byte by byte, the dictionary appended with
 * verbatim newlines, and the payload cut into {@code ncfrag} fragments under a repeated header.
 */
final class KernelWire {
    private KernelWire() {
    }

    /** The kernel's escaping: bytes below 0x20, 0x7f and above, and the backslash become {@code \xhh}. */
    static byte[] escape(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length * 2);
        for (byte b : body) {
            int c = b & 0xff;
            if (c < ' ' || c >= 0x7f || c == '\\') {
                out.writeBytes(String.format("\\x%02x", c).getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
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
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(escape(body));
            out.write('\n');
            if (subsystem != null) {
                out.writeBytes(ascii(" SUBSYSTEM="));
                out.writeBytes(escape(subsystem));
                out.write('\n');
            }
            if (device != null) {
                out.writeBytes(ascii(" DEVICE="));
                out.writeBytes(escape(device));
                out.write('\n');
            }
            for (KeyValue kv : userdata) {
                line(out, kv.key(), kv.value());
            }
            if (cpu != null) {
                line(out, "cpu", cpu.toString());
            }
            if (taskname != null) {
                line(out, "taskname", taskname);
            }
            if (release != null) {
                line(out, "release", release);
            }
            if (msgid != null) {
                line(out, "msgid", msgid.toString());
            }
            return out.toByteArray();
        }

        /** Userdata and sysdata are appended verbatim, not escaped. */
        private static void line(ByteArrayOutputStream out, String key, String value) {
            out.write(' ');
            out.writeBytes((key + "=" + value).getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
    }

    /** {@code [release,]prefix,seq,ts,flag} without the {@code ;}. */
    static String header(String release, int prefix, long seq, long tsUs, char flag) {
        return (release != null ? release + "," : "") + prefix + "," + seq + "," + tsUs + "," + flag;
    }

    /** The whole payload in one datagram, as the kernel sends a message that fits. */
    static byte[] whole(String header, byte[] payload) {
        return concat(ascii(header + ";"), payload);
    }

    /**
     * The payload cut at {@code cuts} (sorted, distinct, each inside {@code (0, length)}) into
     * fragments that each carry the header and {@code ,ncfrag=<off>/<total>}.
     */
    static List<byte[]> fragments(String header, byte[] payload, int[] cuts) {
        List<byte[]> out = new ArrayList<>(cuts.length + 1);
        int start = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int end = i < cuts.length ? cuts[i] : payload.length;
            byte[] head = ascii(header + ",ncfrag=" + start + "/" + payload.length + ";");
            byte[] d = new byte[head.length + end - start];
            System.arraycopy(head, 0, d, 0, head.length);
            System.arraycopy(payload, start, d, head.length, end - start);
            out.add(d);
            start = end;
        }
        return out;
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
