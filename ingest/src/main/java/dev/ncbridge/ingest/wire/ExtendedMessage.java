package dev.ncbridge.ingest.wire;

import dev.ncbridge.ingest.record.KeyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One message as an extended netconsole target sends it: the header fields, the body (raw bytes,
 * escaped on encoding), the kernel's device dictionary, the target's userdata and its sysdata.
 * Absent optional parts are {@code null}. Built with {@link #builder()}; immutable.
 */
public final class ExtendedMessage {
    private final String release;
    private final int facility;
    private final int level;
    private final long seq;
    private final long tsUs;
    private final char flag;
    private final byte[] body;
    private final byte[] subsystem;
    private final byte[] device;
    private final List<KeyValue> userdata;
    private final Integer cpu;
    private final String taskname;
    private final String sysdataRelease;
    private final Long msgid;

    private ExtendedMessage(Builder b) {
        if (b.level < 0 || b.level > 7) {
            throw new IllegalArgumentException("level out of range 0..7: " + b.level);
        }
        if (b.facility < 0 || b.facility > 255) {
            throw new IllegalArgumentException("facility out of range 0..255: " + b.facility);
        }
        if (b.seq < 0 || b.tsUs < 0) {
            throw new IllegalArgumentException("seq and ts must not be negative");
        }
        if (b.flag != '-' && b.flag != 'c' && b.flag != '+') {
            throw new IllegalArgumentException("flag must be '-', 'c' or '+': " + b.flag);
        }
        release = b.release;
        facility = b.facility;
        level = b.level;
        seq = b.seq;
        tsUs = b.tsUs;
        flag = b.flag;
        body = b.body.clone();
        subsystem = b.subsystem == null ? null : b.subsystem.clone();
        device = b.device == null ? null : b.device.clone();
        userdata = List.copyOf(b.userdata);
        cpu = b.cpu;
        taskname = b.taskname;
        sysdataRelease = b.sysdataRelease;
        msgid = b.msgid;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.release = release;
        b.facility = facility;
        b.level = level;
        b.seq = seq;
        b.tsUs = tsUs;
        b.flag = flag;
        b.body = body;
        b.subsystem = subsystem;
        b.device = device;
        b.userdata = new ArrayList<>(userdata);
        b.cpu = cpu;
        b.taskname = taskname;
        b.sysdataRelease = sysdataRelease;
        b.msgid = msgid;
        return b;
    }

    /** The header's release prefix ({@code +r} targets), or {@code null}. */
    public String release() {
        return release;
    }

    public int facility() {
        return facility;
    }

    public int level() {
        return level;
    }

    /** {@code facility * 8 + level}, the header's first number. */
    public int prefix() {
        return facility * 8 + level;
    }

    public long seq() {
        return seq;
    }

    public long tsUs() {
        return tsUs;
    }

    public char flag() {
        return flag;
    }

    public byte[] body() {
        return body.clone();
    }

    byte[] bodyUnsafe() {
        return body;
    }

    byte[] subsystemUnsafe() {
        return subsystem;
    }

    byte[] deviceUnsafe() {
        return device;
    }

    public List<KeyValue> userdata() {
        return userdata;
    }

    public Integer cpu() {
        return cpu;
    }

    public String taskname() {
        return taskname;
    }

    /** The {@code release=} sysdata line's value (not the header prefix), or {@code null}. */
    public String sysdataRelease() {
        return sysdataRelease;
    }

    public Long msgid() {
        return msgid;
    }

    public static final class Builder {
        private String release;
        private int facility;
        private int level = 6;
        private long seq;
        private long tsUs;
        private char flag = '-';
        private byte[] body = new byte[0];
        private byte[] subsystem;
        private byte[] device;
        private List<KeyValue> userdata = new ArrayList<>();
        private Integer cpu;
        private String taskname;
        private String sysdataRelease;
        private Long msgid;

        private Builder() {
        }

        public Builder release(String v) { release = v; return this; }
        public Builder facility(int v) { facility = v; return this; }
        public Builder level(int v) { level = v; return this; }
        /** Sets facility and level from a header prefix {@code facility * 8 + level}. */
        public Builder prefix(int v) { facility = v >>> 3; level = v & 7; return this; }
        public Builder seq(long v) { seq = v; return this; }
        public Builder tsUs(long v) { tsUs = v; return this; }
        public Builder flag(char v) { flag = v; return this; }
        public Builder body(byte[] v) { body = Objects.requireNonNull(v, "body"); return this; }
        /** The device dictionary's values as raw bytes; they are escaped like the body. */
        public Builder subsystem(byte[] v) { subsystem = v; return this; }
        public Builder device(byte[] v) { device = v; return this; }
        public Builder userdata(List<KeyValue> v) { userdata = new ArrayList<>(v); return this; }
        public Builder addUserdata(String key, String value) { userdata.add(new KeyValue(key, value)); return this; }
        public Builder cpu(Integer v) { cpu = v; return this; }
        public Builder taskname(String v) { taskname = v; return this; }
        public Builder sysdataRelease(String v) { sysdataRelease = v; return this; }
        public Builder msgid(Long v) { msgid = v; return this; }

        public ExtendedMessage build() {
            return new ExtendedMessage(this);
        }
    }
}
