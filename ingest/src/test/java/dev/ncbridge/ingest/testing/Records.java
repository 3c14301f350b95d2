package dev.ncbridge.ingest.testing;

import dev.ncbridge.ingest.crash.CloseReason;
import dev.ncbridge.ingest.crash.CrashKind;
import dev.ncbridge.ingest.crash.CrashReport;
import dev.ncbridge.ingest.crash.CrashReport.Frame;
import dev.ncbridge.ingest.record.AddressText;
import dev.ncbridge.ingest.record.CrashRecord;
import dev.ncbridge.ingest.record.ContinuationFlag;
import dev.ncbridge.ingest.record.Device;
import dev.ncbridge.ingest.record.Event;
import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.Extended;
import dev.ncbridge.ingest.record.Format;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.KeyValue;
import dev.ncbridge.ingest.record.Ping;
import dev.ncbridge.ingest.record.SourceEvent;
import dev.ncbridge.ingest.record.Sysdata;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The records every module's tests build: messages and events as the decoder makes them, with
 * defaults for what a test does not care about. A test sets only what it checks:
 * {@code Records.extended().message("oops").level(3).build()}.
 *
 * <p>The builders exist for tests alone, which vary one field at a time; the code builds records
 * with their constructors, since the decoder knows every component at once.
 */
public final class Records {
    /** 2026-11-21T10:15:30.123456789Z, the default receive time. */
    public static final long T0_NANOS = nanos("2026-11-21T10:15:30.123456789Z");
    /** 2026-11-21T10:15:30Z: {@link #T0_NANOS} without its fraction, for times rendered to the second. */
    public static final String T0_SECOND = "2026-11-21T10:15:30Z";
    /** 2026-11-21T10:00:00Z, from which {@link #atSecond(long)} counts. */
    public static final Instant SECOND_ZERO = Instant.parse("2026-11-21T10:00:00Z");
    /** The default source: a netconsole target at 10.0.0.5:6665. */
    public static final InetSocketAddress SOURCE = new InetSocketAddress("10.0.0.5", 6665);
    /** The source the routing tests' records come from: web-1 at 10.1.2.3. */
    public static final InetSocketAddress WEB_1 = new InetSocketAddress("10.1.2.3", 6665);
    /** The raw bytes of {@link #full()}. */
    public static final String FULL_RAW = "3,607,22085407756,-,caller=T1;the decoded body text\n"
            + " SUBSYSTEM=pci\n DEVICE=+pci:0000:00:1f.2\n";

    private Records() {
    }

    /** An extended message: level 6, facility 0, seq 0, flag {@code -}, unless set otherwise. */
    public static MessageBuilder extended() {
        return new MessageBuilder(true);
    }

    /** A legacy line: no header, and a kernel time only when set. */
    public static MessageBuilder legacy() {
        return new MessageBuilder(false);
    }

    /** An event of this type, without details unless set. */
    public static EventBuilder event(EventType type) {
        return new EventBuilder(Event.builder(type));
    }

    // Records with every field an encoding has

    /**
     * An extended message with every field the json encoding has (docs/encodings.md), from
     * web-42, received at {@link #T0_NANOS}.
     */
    public static MessageBuilder full() {
        return extended()
                .message("the decoded body text")
                .hostName("web-42")
                .level(3)
                .facility(0)
                .seq(607)
                .kernelTsUs(22085407756L)
                .release("6.14.0")
                .msgid(12)
                .cpu(42)
                .taskname("echo")
                .fragments(3)
                .subsystem("pci")
                .device("+pci:0000:00:1f.2")
                .userdata(userdata("foo", "bar"))
                .raw(FULL_RAW.getBytes(StandardCharsets.UTF_8));
    }

    /** A legacy line with what a legacy line can have: a kernel time and its bytes, from web-42. */
    public static MessageBuilder fullLegacy() {
        return legacy()
                .message("e1000e: eth0 NIC Link is Up")
                .hostName("web-42")
                .kernelTsUs(5_000_042L)
                .raw("[    5.000042] e1000e: eth0 NIC Link is Up\n".getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@link #full()} incomplete and truncated, without raw bytes, with a repeated userdata key: every field a
     * document maps.
     */
    public static MessageBuilder fullTruncated(String host, long seq) {
        return full()
                .message("BUG: unable to handle page fault, seq " + seq)
                .hostName(host)
                .seq(seq)
                .incomplete(true)
                .truncated(true)
                .userdata(userdata("foo", "bar", "rack", "r1", "rack", "r2"))
                .raw(new byte[0]);
    }

    /** An extended message from web-42 with every sysdata field and one userdata entry, but no device. */
    public static MessageBuilder sysdata(String message) {
        return extended()
                .message(message)
                .hostName("web-42")
                .level(3)
                .facility(0)
                .seq(607)
                .kernelTsUs(22_085_407_756L)
                .release("6.14.0")
                .msgid(12)
                .cpu(42)
                .taskname("echo")
                .userdata(userdata("foo", "bar"));
    }

    // Records from web-1 at 10.1.2.3, as the routing tests match them

    /** A kern.err message "eth0: link down" from web-1 at {@link #WEB_1}. */
    public static MessageBuilder linkDown() {
        return extended().message("eth0: link down").source(WEB_1).hostName("web-1").level(3).facility(0);
    }

    /** The legacy line "eth0: link down" from web-1 at {@link #WEB_1}: no level, no facility. */
    public static MessageBuilder legacyLinkDown() {
        return legacy().message("eth0: link down").source(WEB_1).hostName("web-1");
    }

    /** An event of this type from web-1 at {@link #WEB_1}, its message the type's wire name. */
    public static SourceEvent eventFromWeb1(EventType type) {
        return event(type).message(type.wireName()).source(WEB_1).hostName("web-1").build();
    }

    // Lines and numbered messages, for sinks that write lines and registries that count messages

    /**
     * A legacy line from {@code host} at {@link #T0_SECOND} whose raw bytes are its message, so a raw-encoded line is
     * {@code message + "\n"}.
     */
    public static MessageBuilder rawLine(String host, String message) {
        return legacy()
                .receivedAt(T0_SECOND)
                .message(message)
                .hostName(host)
                .raw(message.getBytes(StandardCharsets.UTF_8));
    }

    /** Extended message number {@code seq}: "message seq", logged at kernel time {@code seq} ms. */
    public static MessageBuilder numbered(long seq) {
        return extended().message("message " + seq).seq(seq).kernelTsUs(seq * 1000);
    }

    /** {@code m} as the decoder would have classified it had its text been {@code ping}'s. */
    public static KernelMessage pinged(KernelMessage m, Ping ping) {
        return new KernelMessage(m.receivedAtNanos(), m.source(), m.hostName(), ping.text(), m.kernelTsUs(),
                m.fragments(), m.incomplete(), m.raw(), ping, m.extended());
    }

    // Events with their details

    /** A loss event tied to no format, from web-42. */
    public static EventBuilder loss() {
        return event(EventType.LOSS)
                .format(null)
                .message("3 messages missing (msgid 13..15)")
                .hostName("web-42")
                .put("missing", 3)
                .put("from_msgid", 13)
                .put("by", "msgid")
                .put("after_reset", false);
    }

    /** A loss event with the details the decoder gives one: messages {@code first..last} of {@code counter} missing. */
    public static EventBuilder lossOf(String counter, long first, long last) {
        return event(EventType.LOSS)
                .put("counter", counter)
                .put("first", first)
                .put("last", last)
                .put("missing", last - first + 1);
    }

    /** A reset event from {@code host}, with every detail a reset has. */
    public static SourceEvent restart(String host) {
        return event(EventType.SOURCE_RESET).put("cause", "restart").put("previous_seq", 900)
                .put("previous_kernel_ts_us", 1000).put("seq", 0).put("kernel_ts_us", 10)
                .message("kernel of " + host + " restarted")
                .hostName(host)
                .build();
    }

    // Crash records

    /** The text of {@link #crash()}: a 6.1 oops that panics. */
    public static final String CRASH_TEXT = String.join("\n",
            "BUG: kernel NULL pointer dereference, address: 0000000000000000",
            "Oops: 0000 [#1] PREEMPT SMP NOPTI",
            "CPU: 0 PID: 277 Comm: insmod Tainted: G           OE      6.1.0-57-amd64 #1 Debian 6.1.192-3",
            "RIP: 0010:ncb_oops_init+0x1c/0x1000 [ncb_oops]",
            "Call Trace:",
            " <TASK>",
            " ? do_user_addr_fault+0x1b0/0x570",
            " ncb_oops_init+0x1c/0x1000 [ncb_oops]",
            " do_one_initcall+0x59/0x220",
            " </TASK>",
            "Kernel panic - not syncing: Fatal exception",
            "Kernel Offset: 0x1f000000 from 0xffffffff81000000 (relocation range: 0xffffffff80000000-0xffffffffbfffffff)");

    /** A crash record with every field of the report set, none to its default, so a field a codec forgets fails a comparison. */
    public static CrashRecord crash() {
        CrashReport report = new CrashReport(CrashKind.OOPS,
                "BUG: kernel NULL pointer dereference, address: 0000000000000000", "Fatal exception",
                new Frame("ncb_oops_init", 0x1c, 0x1000, "ncb_oops", true), "insmod", 277, 3, "OE", "6.1.0-57-amd64",
                "QEMU Standard PC (i440FX + PIIX, 1996)", "0000000000000000",
                List.of(new Frame("do_user_addr_fault", 0x1b0, 0x570, null, false),
                        new Frame("ncb_oops_init", 0x1c, 0x1000, "ncb_oops", true),
                        new Frame("do_one_initcall", 0x59, 0x220, null, true)),
                new CrashReport.Span(461L, 512L, 6_098_113L, 6_117_580L, 1_796_186_790_000_000_000L,
                        1_796_186_790_500_000_000L),
                CRASH_TEXT, CloseReason.PANIC_GRACE, true);
        return new CrashRecord(1_796_186_790_500_000_000L, new InetSocketAddress("2001:db8::7", 16666), "web-42",
                Format.EXTENDED, report);
    }

    /** A crash record from a legacy target: a report without the fields a bare panic lacks. */
    public static CrashRecord bareCrash() {
        CrashReport report = new CrashReport(CrashKind.PANIC, "Kernel panic - not syncing: sysrq triggered crash",
                "sysrq triggered crash", null, null, null, null, null, null, null, null, List.of(),
                new CrashReport.Span(null, null, null, null, 7, 8),
                "Kernel panic - not syncing: sysrq triggered crash", CloseReason.SILENCE, false);
        return new CrashRecord(8, new InetSocketAddress("10.0.0.5", 6666), "10.0.0.5", Format.LEGACY, report);
    }

    // Times and userdata, for the setters

    /** The nanosecond time {@code second} seconds after {@link #SECOND_ZERO}. */
    public static long atSecond(long second) {
        return (SECOND_ZERO.getEpochSecond() + second) * 1_000_000_000L;
    }

    public static long nanos(String instant) {
        Instant at = Instant.parse(instant);
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }

    /** Userdata given as key, value, key, value... */
    public static List<KeyValue> userdata(String... keysAndValues) {
        List<KeyValue> kvs = new ArrayList<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            kvs.add(new KeyValue(keysAndValues[i], keysAndValues[i + 1]));
        }
        return kvs;
    }

    /** Builds a {@link KernelMessage}; the header's setters are refused for a legacy line. */
    public static final class MessageBuilder {
        private final boolean extended;
        private long receivedAtNanos = T0_NANOS;
        private InetSocketAddress source = SOURCE;
        private String hostName;
        private String message = "";
        private Long kernelTsUs;
        private int fragments = 1;
        private boolean incomplete;
        private byte[] raw;
        private Ping ping;
        private int level = 6;
        private int facility;
        private long seq;
        private ContinuationFlag cont = ContinuationFlag.NONE;
        private String release;
        private boolean seqReset;
        private boolean outOfOrder;
        private boolean truncated;
        private String subsystem;
        private String device;
        private Integer cpu;
        private String taskname;
        private Long msgid;
        private List<KeyValue> userdata = List.of();

        private MessageBuilder(boolean extended) {
            this.extended = extended;
        }

        public MessageBuilder receivedAtNanos(long v) { receivedAtNanos = v; return this; }
        /** An ISO-8601 instant, such as {@code 2026-11-21T10:15:30Z}. */
        public MessageBuilder receivedAt(String instant) { receivedAtNanos = nanos(instant); return this; }
        public MessageBuilder source(InetSocketAddress v) { source = v; return this; }
        /** A source at this address and the netconsole port, 6665. */
        public MessageBuilder source(String ip) { source = new InetSocketAddress(ip, SOURCE.getPort()); return this; }
        /** Default: the source's address, as the decoder names a source it has no name for. */
        public MessageBuilder hostName(String v) { hostName = v; return this; }
        public MessageBuilder message(String v) { message = v; return this; }
        public MessageBuilder kernelTsUs(long v) { kernelTsUs = v; return this; }
        /** A legacy line without a timestamp. */
        public MessageBuilder noKernelTs() { kernelTsUs = null; return this; }
        public MessageBuilder fragments(int v) { fragments = v; return this; }
        public MessageBuilder incomplete(boolean v) { incomplete = v; return this; }
        /** Default: none (an empty array). */
        public MessageBuilder raw(byte[] v) { raw = v; return this; }
        public MessageBuilder ping(Ping v) { ping = v; return this; }
        public MessageBuilder level(int v) { level = header(v); return this; }
        public MessageBuilder facility(int v) { facility = header(v); return this; }
        public MessageBuilder seq(long v) { seq = header(v); return this; }
        public MessageBuilder cont(ContinuationFlag v) { cont = header(v); return this; }
        public MessageBuilder release(String v) { release = header(v); return this; }
        public MessageBuilder seqReset(boolean v) { seqReset = header(v); return this; }
        public MessageBuilder outOfOrder(boolean v) { outOfOrder = header(v); return this; }
        public MessageBuilder truncated(boolean v) { truncated = header(v); return this; }
        public MessageBuilder subsystem(String v) { subsystem = header(v); return this; }
        public MessageBuilder device(String v) { device = header(v); return this; }
        public MessageBuilder cpu(int v) { cpu = header(v); return this; }
        public MessageBuilder taskname(String v) { taskname = header(v); return this; }
        public MessageBuilder msgid(long v) { msgid = header(v); return this; }
        public MessageBuilder userdata(List<KeyValue> v) { userdata = header(v); return this; }

        private <T> T header(T value) {
            if (!extended) {
                throw new IllegalStateException("a legacy line has no header or dictionary");
            }
            return value;
        }

        public KernelMessage build() {
            Extended x = !extended ? null : new Extended(level, facility, seq, cont, release, seqReset, outOfOrder,
                    truncated, subsystem == null && device == null ? null : new Device(subsystem, device),
                    cpu == null && taskname == null && msgid == null ? null : new Sysdata(cpu, taskname, msgid),
                    userdata);
            return new KernelMessage(receivedAtNanos, source, hostName != null ? hostName : address(source), message,
                    kernelTsUs, fragments, incomplete, raw != null ? raw : new byte[0],
                    ping, x);
        }
    }

    /** Builds a {@link SourceEvent}, about an extended source unless set otherwise. */
    public static final class EventBuilder {
        private final Event.Builder event;
        private long receivedAtNanos = T0_NANOS;
        private InetSocketAddress source = SOURCE;
        private String hostName;
        private Format format = Format.EXTENDED;
        private String message;

        private EventBuilder(Event.Builder event) {
            this.event = event;
        }

        public EventBuilder receivedAtNanos(long v) { receivedAtNanos = v; return this; }
        public EventBuilder source(InetSocketAddress v) { source = v; return this; }
        /** Default: the source's address. */
        public EventBuilder hostName(String v) { hostName = v; return this; }
        /** May be null: an event tied to no format. */
        public EventBuilder format(Format v) { format = v; return this; }
        /** Default: the event's type and details. */
        public EventBuilder message(String v) { message = v; return this; }
        public EventBuilder put(String key, long value) { event.put(key, value); return this; }
        public EventBuilder put(String key, String value) { event.put(key, value); return this; }
        public EventBuilder put(String key, boolean value) { event.put(key, value); return this; }

        public SourceEvent build() {
            Event e = event.build();
            return new SourceEvent(receivedAtNanos, source, hostName != null ? hostName : address(source), format,
                    message != null ? message : e.toString(), e);
        }
    }

    private static String address(InetSocketAddress source) {
        return AddressText.of(source.getAddress());
    }
}
