package dev.ncbridge.ingest.record;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * One decoded kernel message, or one event about a source. Immutable.
 *
 * <p>Numeric fields that a record may lack use a sentinel instead of a boxed null, so the hot
 * path allocates nothing for them: {@code -1} for {@link #level()}, {@link #facility()},
 * {@link #seq()}, {@link #kernelTsUs()}, {@link #msgid()} and {@link #cpu()}. The {@code has*}
 * methods say whether a value is present.
 */
public final class Record {
    /** The value of an absent numeric field. */
    public static final int ABSENT = -1;

    private final RecordKind kind;
    private final long receivedAtNanos;
    private final String message;
    private final InetSocketAddress source;
    private final String hostName;
    private final int level;
    private final int facility;
    private final Format format;
    private final long seq;
    private final long kernelTsUs;
    private final ContinuationFlag cont;
    private final String release;
    private final long msgid;
    private final int cpu;
    private final String taskname;
    private final int fragments;
    private final boolean seqReset;
    private final boolean outOfOrder;
    private final boolean incomplete;
    private final boolean truncated;
    private final String subsystem;
    private final String device;
    private final List<KeyValue> userdata;
    private final byte[] raw;
    private final Event event;

    private Record(Builder b) {
        this.kind = Objects.requireNonNull(b.kind, "kind");
        this.receivedAtNanos = b.receivedAtNanos;
        this.message = Objects.requireNonNull(b.message, "message");
        this.source = Objects.requireNonNull(b.source, "source");
        this.hostName = b.hostName != null ? b.hostName : AddressText.of(b.source.getAddress());
        this.level = b.level;
        this.facility = b.facility;
        this.format = b.format;
        this.seq = b.seq;
        this.kernelTsUs = b.kernelTsUs;
        this.cont = b.cont;
        this.release = b.release;
        this.msgid = b.msgid;
        this.cpu = b.cpu;
        this.taskname = b.taskname;
        this.fragments = b.fragments;
        this.seqReset = b.seqReset;
        this.outOfOrder = b.outOfOrder;
        this.incomplete = b.incomplete;
        this.truncated = b.truncated;
        this.subsystem = b.subsystem;
        this.device = b.device;
        this.userdata = b.userdata == null ? List.of() : List.copyOf(b.userdata);
        this.raw = b.raw;
        this.event = b.event;
        if ((kind == RecordKind.EVENT) != (event != null)) {
            throw new IllegalArgumentException("a record has an event exactly when its kind is event");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this record's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.kind = kind;
        b.receivedAtNanos = receivedAtNanos;
        b.message = message;
        b.source = source;
        b.hostName = hostName;
        b.level = level;
        b.facility = facility;
        b.format = format;
        b.seq = seq;
        b.kernelTsUs = kernelTsUs;
        b.cont = cont;
        b.release = release;
        b.msgid = msgid;
        b.cpu = cpu;
        b.taskname = taskname;
        b.fragments = fragments;
        b.seqReset = seqReset;
        b.outOfOrder = outOfOrder;
        b.incomplete = incomplete;
        b.truncated = truncated;
        b.subsystem = subsystem;
        b.device = device;
        b.userdata = userdata;
        b.raw = raw;
        b.event = event;
        return b;
    }

    public RecordKind kind() {
        return kind;
    }

    /** When the bridge received the (last) datagram of this record, in nanoseconds since the epoch. */
    public long receivedAtNanos() {
        return receivedAtNanos;
    }

    /** The decoded message text (unescaped, UTF-8 decoded). For events, a one-line summary. */
    public String message() {
        return message;
    }

    /** The datagram's source address and port: the identity of a netconsole target. */
    public InetSocketAddress source() {
        return source;
    }

    /** The source's name: from the configured map or reverse DNS, else its address. */
    public String hostName() {
        return hostName;
    }

    /** Syslog severity 0..7, or {@link #ABSENT} (legacy text carries no level). */
    public int level() {
        return level;
    }

    public boolean hasLevel() {
        return level >= 0;
    }

    /** Syslog facility 0..255, or {@link #ABSENT}. */
    public int facility() {
        return facility;
    }

    public boolean hasFacility() {
        return facility >= 0;
    }

    /** The target format, or {@code null} for events not tied to one. */
    public Format format() {
        return format;
    }

    /** The kernel's printk sequence number, or {@link #ABSENT}. */
    public long seq() {
        return seq;
    }

    public boolean hasSeq() {
        return seq >= 0;
    }

    /** Microseconds since the source booted, or {@link #ABSENT}. */
    public long kernelTsUs() {
        return kernelTsUs;
    }

    public boolean hasKernelTs() {
        return kernelTsUs >= 0;
    }

    /** The continuation flag; {@code null} for legacy records and events. */
    public ContinuationFlag cont() {
        return cont;
    }

    /** The kernel release from the header prefix or sysdata, or {@code null}. */
    public String release() {
        return release;
    }

    /** The target's sysdata message counter, or {@link #ABSENT}. */
    public long msgid() {
        return msgid;
    }

    public boolean hasMsgid() {
        return msgid >= 0;
    }

    /** The CPU from sysdata, or {@link #ABSENT}. */
    public int cpu() {
        return cpu;
    }

    public boolean hasCpu() {
        return cpu >= 0;
    }

    /** The task name from sysdata, or {@code null}. */
    public String taskname() {
        return taskname;
    }

    /** How many datagrams this record was assembled from (at least 1 for messages). */
    public int fragments() {
        return fragments;
    }

    /** True on the first record after the source's kernel restarted. */
    public boolean seqReset() {
        return seqReset;
    }

    /** True when this record arrived after a record with a higher sequence number. */
    public boolean outOfOrder() {
        return outOfOrder;
    }

    /** True when part of the message never arrived and the record holds what did. */
    public boolean incomplete() {
        return incomplete;
    }

    /**
     * True when a bound cut the message (a continuation run that grew past {@code max_message} or
     * stayed open too long): the rest arrived, or will, as records of its own.
     */
    public boolean truncated() {
        return truncated;
    }

    /** The kernel dictionary's {@code SUBSYSTEM}, or {@code null}. */
    public String subsystem() {
        return subsystem;
    }

    /** The kernel dictionary's {@code DEVICE}, or {@code null}. */
    public String device() {
        return device;
    }

    /** The target's userdata in arrival order; a key may repeat. Never null. */
    public List<KeyValue> userdata() {
        return userdata;
    }

    /**
     * The message as received: the datagram for an unfragmented message, the header (without
     * {@code ncfrag}) and reassembled payload for a fragmented one, the line for legacy text.
     * Empty for events. The array is shared: callers must not modify it.
     */
    public byte[] raw() {
        return raw;
    }

    /** The event, exactly when {@link #kind()} is {@link RecordKind#EVENT}. */
    public Event event() {
        return event;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Record{").append(kind.wireName()).append(' ').append(source);
        if (hasSeq()) {
            sb.append(" seq=").append(seq);
        }
        if (event != null) {
            sb.append(' ').append(event);
        }
        return sb.append(" '").append(message).append("'}").toString();
    }

    /** Builds a {@link Record}; absent fields keep their sentinel values. */
    public static final class Builder {
        private static final byte[] EMPTY = new byte[0];

        private RecordKind kind = RecordKind.MESSAGE;
        private long receivedAtNanos;
        private String message;
        private InetSocketAddress source;
        private String hostName;
        private int level = ABSENT;
        private int facility = ABSENT;
        private Format format;
        private long seq = ABSENT;
        private long kernelTsUs = ABSENT;
        private ContinuationFlag cont;
        private String release;
        private long msgid = ABSENT;
        private int cpu = ABSENT;
        private String taskname;
        private int fragments = 1;
        private boolean seqReset;
        private boolean outOfOrder;
        private boolean incomplete;
        private boolean truncated;
        private String subsystem;
        private String device;
        private List<KeyValue> userdata;
        private byte[] raw = EMPTY;
        private Event event;

        private Builder() {
        }

        public Builder kind(RecordKind v) { kind = v; return this; }
        public Builder receivedAtNanos(long v) { receivedAtNanos = v; return this; }
        public Builder message(String v) { message = v; return this; }
        public Builder source(InetSocketAddress v) { source = v; return this; }
        public Builder hostName(String v) { hostName = v; return this; }
        public Builder level(int v) { level = v; return this; }
        public Builder facility(int v) { facility = v; return this; }
        public Builder format(Format v) { format = v; return this; }
        public Builder seq(long v) { seq = v; return this; }
        public Builder kernelTsUs(long v) { kernelTsUs = v; return this; }
        public Builder cont(ContinuationFlag v) { cont = v; return this; }
        public Builder release(String v) { release = v; return this; }
        public Builder msgid(long v) { msgid = v; return this; }
        public Builder cpu(int v) { cpu = v; return this; }
        public Builder taskname(String v) { taskname = v; return this; }
        public Builder fragments(int v) { fragments = v; return this; }
        public Builder seqReset(boolean v) { seqReset = v; return this; }
        public Builder outOfOrder(boolean v) { outOfOrder = v; return this; }
        public Builder incomplete(boolean v) { incomplete = v; return this; }
        public Builder truncated(boolean v) { truncated = v; return this; }
        public Builder subsystem(String v) { subsystem = v; return this; }
        public Builder device(String v) { device = v; return this; }
        public Builder userdata(List<KeyValue> v) { userdata = v; return this; }
        public Builder raw(byte[] v) { raw = v == null ? EMPTY : v; return this; }

        /** Makes this an event record. */
        public Builder event(Event v) {
            event = v;
            kind = v == null ? RecordKind.MESSAGE : RecordKind.EVENT;
            return this;
        }

        public Record build() {
            return new Record(this);
        }
    }
}
