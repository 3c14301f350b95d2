package dev.ncbridge.ingest.wire;

import dev.ncbridge.ingest.record.KeyValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds netconsole datagrams byte for byte as the kernel does (kernel/printk/printk.c and
 * drivers/net/netconsole.c); the inverse of the codec in {@code dev.ncbridge.ingest.codec}.
 *
 * <p>Extended: {@code [release,]prefix,seq,ts,flag;} then the payload: the body escaped ({@code
 * \xhh} for every byte below 0x20, 0x7f and above, and the backslash), a verbatim newline, and
 * the dictionary lines {@code " KEY=value\n"}: device info (escaped like the body), userdata and
 * sysdata ({@code cpu}, {@code taskname}, {@code release}, {@code msgid}; verbatim). A message
 * longer than the limit is sent as {@code ncfrag=<off>/<total>} fragments, each filled as far as
 * the limit allows after its own header, as netconsole's {@code send_fragmented_body} does.
 *
 * <p>Legacy: console text, cut into chunks of the limit with no marker.
 */
public final class NetconsoleEncoder {
    /** The kernel's {@code MAX_PRINT_CHUNK}: no datagram is longer, header included. */
    public static final int MAX_PRINT_CHUNK = 1000;

    private NetconsoleEncoder() {
    }

    /** The kernel's escaping: bytes below 0x20, 0x7f and above, and the backslash become {@code \xhh}. */
    public static byte[] escape(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 2);
        for (byte b : raw) {
            int c = b & 0xff;
            if (c < ' ' || c >= 0x7f || c == '\\') {
                out.write('\\');
                out.write('x');
                out.write(HEX[c >>> 4]);
                out.write(HEX[c & 0xf]);
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** {@code [release,]prefix,seq,ts,flag}, without the {@code ;}. */
    public static String header(String release, int prefix, long seq, long tsUs, char flag) {
        return (release != null ? release + "," : "") + prefix + "," + seq + "," + tsUs + "," + flag;
    }

    public static String header(ExtendedMessage m) {
        return header(m.release(), m.prefix(), m.seq(), m.tsUs(), m.flag());
    }

    /** What follows the header's {@code ;}: escaped body, newline, dictionary lines. */
    public static byte[] payload(ExtendedMessage m) {
        return payload(m.bodyUnsafe(), m.subsystemUnsafe(), m.deviceUnsafe(), m.userdata(), m.cpu(), m.taskname(),
                m.sysdataRelease(), m.msgid());
    }

    /** {@link #payload(ExtendedMessage)} from its parts; any optional part may be {@code null}. */
    public static byte[] payload(byte[] body, byte[] subsystem, byte[] device, List<KeyValue> userdata,
                                 Integer cpu, String taskname, String sysdataRelease, Long msgid) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
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
        if (userdata != null) {
            for (KeyValue kv : userdata) {
                line(out, kv.key(), kv.value());
            }
        }
        if (cpu != null) {
            line(out, "cpu", cpu.toString());
        }
        if (taskname != null) {
            line(out, "taskname", taskname);
        }
        if (sysdataRelease != null) {
            line(out, "release", sysdataRelease);
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

    /** The datagrams of one extended message, at most {@link #MAX_PRINT_CHUNK} bytes each. */
    public static List<byte[]> extended(ExtendedMessage m) {
        return extended(m, MAX_PRINT_CHUNK);
    }

    /**
     * The datagrams of one extended message, at most {@code maxSize} bytes each: one datagram
     * when the whole message fits, else fragments.
     *
     * @throws IllegalArgumentException when {@code maxSize} leaves no room for payload after a header
     */
    public static List<byte[]> extended(ExtendedMessage m, int maxSize) {
        String header = header(m);
        byte[] payload = payload(m);
        byte[] head = ascii(header + ";");
        if (head.length + payload.length <= maxSize) {
            return List.of(concat(head, payload));
        }
        return fragments(header, payload, maxSize);
    }

    /**
     * The payload in {@code ncfrag} fragments as netconsole cuts it: each fragment carries the
     * header and {@code ,ncfrag=<off>/<total>;}, then as many payload bytes as fit in {@code maxSize}.
     */
    public static List<byte[]> fragments(String header, byte[] payload, int maxSize) {
        List<Integer> cuts = new ArrayList<>();
        int offset = 0;
        while (offset < payload.length) {
            int room = maxSize - ascii(header + ",ncfrag=" + offset + "/" + payload.length + ";").length;
            if (room <= 0) {
                throw new IllegalArgumentException("a datagram of at most " + maxSize
                        + " bytes has no room for payload after the header '" + header + "'");
            }
            offset += Math.min(room, payload.length - offset);
            if (offset < payload.length) {
                cuts.add(offset);
            }
        }
        return fragments(header, payload, cuts.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * The payload cut at {@code cuts} (sorted, distinct, each inside {@code (0, length)}) into
     * fragments that each carry the header and {@code ,ncfrag=<off>/<total>}.
     */
    public static List<byte[]> fragments(String header, byte[] payload, int[] cuts) {
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

    /** The whole payload in one datagram, as the kernel sends a message that fits. */
    public static byte[] whole(String header, byte[] payload) {
        return concat(ascii(header + ";"), payload);
    }

    /**
     * A message as a console with printk time stamps prints it: each line prefixed with
     * {@code [%5lu.%06lu] } (the kernel's {@code print_time}), each ended by a newline.
     */
    public static byte[] consoleText(long tsUs, byte[] text) {
        byte[] prefix = ascii(String.format("[%5d.%06d] ", tsUs / 1_000_000, tsUs % 1_000_000));
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + prefix.length + 1);
        int start = 0;
        for (int i = 0; i <= text.length; i++) {
            if (i == text.length || text[i] == '\n') {
                out.writeBytes(prefix);
                out.write(text, start, i - start);
                out.write('\n');
                start = i + 1;
            }
        }
        return out.toByteArray();
    }

    /** Console text for a legacy target, cut into chunks of {@link #MAX_PRINT_CHUNK} bytes. */
    public static List<byte[]> legacy(byte[] consoleText) {
        return legacy(consoleText, MAX_PRINT_CHUNK);
    }

    /** Console text for a legacy target, cut into chunks of {@code maxSize} bytes with no marker. */
    public static List<byte[]> legacy(byte[] consoleText, int maxSize) {
        if (maxSize <= 0) {
            throw new IllegalArgumentException("maxSize must be positive: " + maxSize);
        }
        List<byte[]> out = new ArrayList<>();
        for (int off = 0; off < consoleText.length; off += maxSize) {
            int n = Math.min(maxSize, consoleText.length - off);
            byte[] d = new byte[n];
            System.arraycopy(consoleText, off, d, 0, n);
            out.add(d);
        }
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
