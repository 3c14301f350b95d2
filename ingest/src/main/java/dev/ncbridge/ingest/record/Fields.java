package dev.ncbridge.ingest.record;

import static dev.ncbridge.ingest.record.Field.Number.ABSENT;

import dev.ncbridge.config.Suggestions;
import dev.ncbridge.ingest.crash.CloseReason;
import dev.ncbridge.ingest.crash.CrashKind;
import dev.ncbridge.ingest.crash.CrashReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The field catalogue: every value of a record that users route on, fill templates with or see
 * in encoded output, in output order. The json encoder and the route matchers read a
 * {@link Record}'s values only through these fields, and templates name them, so a new field
 * is one entry here (and a line in docs/encodings.md), and a change to {@code Record} is a
 * change of the accessors here.
 *
 * <p>Paths follow the Elastic Common Schema, version {@value #ECS_VERSION}; what ECS has no
 * name for is under {@code netconsole.}. Short names are those routes and templates have
 * always accepted ({@code host}, {@code level}, {@code kind}...).
 */
public final class Fields {
    /**
     * The ECS version the paths conform to, written as {@code ecs.version}: the last 8.x release,
     * the line of the Elasticsearch 8.19 the bridge is tested against and whose built-in
     * {@code ecs@mappings} follow it.
     */
    public static final String ECS_VERSION = "8.17.0";

    private static final byte[] NO_BYTES = new byte[0];

    public static final Field.Time TIMESTAMP = new Field.Time("timestamp", "@timestamp", Record::receivedAtNanos);
    public static final Field.Text ECS = Field.Text.fixedPerType(Record.class, null, "ecs.version", r -> ECS_VERSION);
    public static final Field.Text MESSAGE = new Field.Text("message", "message", FieldType.TEXT, Record::message);
    /** ECS allows a fixed set here: kernel messages and the bridge's source events are both {@code event}. */
    public static final Field.Text EVENT_KIND = Field.Text.fixedPerType(Record.class, null, "event.kind", r -> "event");
    /** The event type of a source event; routes name it {@code event}. */
    public static final Field.Choice<EventType> EVENT = new Field.Choice<>(SourceEvent.class, "event", "event.action",
            r -> r instanceof SourceEvent e ? e.event().type() : null, EventType::wireName);
    public static final Field.Text EVENT_MODULE = Field.Text.fixedPerType(Record.class, null, "event.module", r -> "netconsole");
    /** The kernel's printk sequence number. */
    public static final Field.Number SEQ = new Field.Number(KernelMessage.class, "seq", "event.sequence",
            r -> Extended.of(r) != null ? Extended.of(r).seq() : ABSENT);
    /** The message as received; encoders write it only when asked to keep it. */
    public static final Field.Bytes RAW = new Field.Bytes(KernelMessage.class, "raw", "event.original",
            r -> r instanceof KernelMessage m ? m.raw() : NO_BYTES);
    public static final Field.Address IP = new Field.Address("ip", "host.ip", Record::source);
    public static final Field.Text HOST = Field.Text.fewValues(Record.class, "host", "host.name", Record::hostName);
    /** The source's kernel release. */
    public static final Field.Text RELEASE =
            new Field.Text("release", "host.os.kernel", FieldType.KEYWORD, Fields::release);
    public static final Field.Address SOURCE_IP = new Field.Address(null, "source.ip", Record::source);
    public static final Field.Number PORT =
            new Field.Number("port", "source.port", r -> r.source().getPort());
    public static final Field.Choice<Severity> LEVEL = new Field.Choice<>(KernelMessage.class, "level", "log.level",
            Fields::severity, Severity::keyword);
    public static final Field.Number SEVERITY_CODE =
            new Field.Number(KernelMessage.class, null, "log.syslog.severity.code", r -> Extended.of(r) != null ? Extended.of(r).level() : ABSENT);
    public static final Field.Choice<Severity> SEVERITY_NAME = new Field.Choice<>(KernelMessage.class, null, "log.syslog.severity.name",
            Fields::severity, Severity::displayName);
    public static final Field.Number FACILITY_CODE =
            new Field.Number(KernelMessage.class, null, "log.syslog.facility.code", r -> Extended.of(r) != null ? Extended.of(r).facility() : ABSENT);
    public static final Field.Text FACILITY = Field.Text.fewValues(KernelMessage.class, "facility", "log.syslog.facility.name",
            r -> Extended.of(r) != null ? Facility.name(Extended.of(r).facility()) : null);
    /** The task that printed the message (sysdata {@code taskname}). */
    public static final Field.Text TASKNAME =
            new Field.Text(KernelMessage.class, "taskname", "process.name", FieldType.KEYWORD,
            r -> sysdata(r) != null ? sysdata(r).taskname() : null);
    /** {@code message} or {@code event}: the record's type, as {@link Record#kind()} names it. */
    public static final Field.Text KIND = Field.Text.fixedPerType(Record.class, "kind", "netconsole.kind", Record::kind);
    public static final Field.Choice<Format> FORMAT = new Field.Choice<>("format", "netconsole.format",
            Record::format, Format::wireName);
    public static final Field.Number KERNEL_TS_US = new Field.Number(KernelMessage.class, "kernel_ts_us", "netconsole.kernel_ts_us",
            r -> r instanceof KernelMessage m && m.kernelTsUs() != null ? m.kernelTsUs() : ABSENT);
    public static final Field.Choice<ContinuationFlag> CONT = new Field.Choice<>(KernelMessage.class, "cont", "netconsole.cont",
            r -> Extended.of(r) != null ? Extended.of(r).cont() : null, ContinuationFlag::wireName);
    public static final Field.Number MSGID =
            new Field.Number(KernelMessage.class, "msgid", "netconsole.msgid",
            r -> sysdata(r) != null && sysdata(r).msgid() != null ? sysdata(r).msgid() : ABSENT);
    public static final Field.Number CPU = new Field.Number(KernelMessage.class, "cpu", "netconsole.cpu",
            r -> sysdata(r) != null && sysdata(r).cpu() != null ? sysdata(r).cpu() : ABSENT);
    public static final Field.Number FRAGMENTS =
            new Field.Number(KernelMessage.class, "fragments", "netconsole.fragments", r -> r instanceof KernelMessage m ? m.fragments() : ABSENT);
    public static final Field.Flag SEQ_RESET =
            new Field.Flag(KernelMessage.class, "seq_reset", "netconsole.seq_reset", r -> r instanceof KernelMessage ? Extended.of(r) != null && Extended.of(r).seqReset() : null);
    public static final Field.Flag OUT_OF_ORDER =
            new Field.Flag(KernelMessage.class, "out_of_order", "netconsole.out_of_order", r -> r instanceof KernelMessage ? Extended.of(r) != null && Extended.of(r).outOfOrder() : null);
    /** Written only when true. */
    public static final Field.Flag INCOMPLETE =
            new Field.Flag(KernelMessage.class, "incomplete", "netconsole.incomplete", r -> r instanceof KernelMessage m && m.incomplete() ? Boolean.TRUE : null);
    /** Written only when true. */
    public static final Field.Flag TRUNCATED =
            new Field.Flag(KernelMessage.class, "truncated", "netconsole.truncated", r -> Extended.of(r) != null && Extended.of(r).truncated() ? Boolean.TRUE : null);
    /** The kernel dictionary's {@code SUBSYSTEM}. */
    public static final Field.Text SUBSYSTEM =
            new Field.Text(KernelMessage.class, "subsystem", "netconsole.subsystem", FieldType.KEYWORD, r -> device(r) != null ? device(r).subsystem() : null);
    /** The kernel dictionary's {@code DEVICE}. */
    public static final Field.Text DEVICE =
            new Field.Text(KernelMessage.class, "device", "netconsole.device", FieldType.KEYWORD, r -> device(r) != null ? device(r).device() : null);
    public static final Field.Pairs USERDATA = new Field.Pairs(KernelMessage.class, "userdata", "netconsole.userdata",
            r -> Extended.of(r) != null ? Extended.of(r).userdata() : List.of());
    /** A crash report's kind ({@code oops}, {@code panic}...); routes name it {@code crash_kind}. */
    public static final Field.Choice<CrashKind> CRASH_KIND = new Field.Choice<>(CrashRecord.class, "crash_kind", "error.type",
            r -> crash(r) != null ? crash(r).kind() : null, CrashKind::wireName);
    /** A crash report's first line. */
    public static final Field.Text CRASH_TITLE = new Field.Text(CrashRecord.class, null, "error.message", FieldType.TEXT,
            r -> crash(r) != null ? crash(r).title() : null);
    /** A crash report's full text, as the kernel printed it. */
    public static final Field.Text CRASH_TEXT = new Field.Text(CrashRecord.class, null, "error.stack_trace", FieldType.TEXT,
            r -> crash(r) != null ? crash(r).text() : null);
    public static final Field.Text CRASH_PANIC_REASON = crashText("panic_reason", CrashReport::panicReason);
    /** The function the CPU was in ({@code RIP:}). */
    public static final Field.Text CRASH_FUNCTION =
            crashText("function", c -> c.rip() != null ? c.rip().function() : null);
    /** The module of that function, or absent for the kernel proper. */
    public static final Field.Text CRASH_MODULE = crashText("module", c -> c.rip() != null ? c.rip().module() : null);
    /** The task running when the report began ({@code Comm:}). */
    public static final Field.Text CRASH_TASK = crashText("task", CrashReport::task);
    public static final Field.Number CRASH_PID = crashNumber("pid", c -> c.pid() != null ? c.pid() : ABSENT);
    public static final Field.Number CRASH_CPU = crashNumber("cpu", c -> c.cpu() != null ? c.cpu() : ABSENT);
    /** The taint flags set, as letters ({@code OE}). */
    public static final Field.Text CRASH_TAINTED =
            crashText("tainted", c -> c.tainted() == null || c.tainted().isEmpty() ? null : c.tainted());
    public static final Field.Text CRASH_HARDWARE = crashText("hardware", CrashReport::hardware);
    public static final Field.Text CRASH_TRACE_ID = crashText("trace_id", CrashReport::traceId);
    public static final Field.Number CRASH_FIRST_SEQ = crashNumber("first_seq",
            c -> c.span().firstSeq() != null ? c.span().firstSeq() : ABSENT);
    public static final Field.Number CRASH_LAST_SEQ = crashNumber("last_seq",
            c -> c.span().lastSeq() != null ? c.span().lastSeq() : ABSENT);
    public static final Field.Number CRASH_FIRST_KERNEL_TS_US = crashNumber("first_kernel_ts_us",
            c -> c.span().firstKernelTimeUs() != null ? c.span().firstKernelTimeUs() : ABSENT);
    public static final Field.Number CRASH_LAST_KERNEL_TS_US = crashNumber("last_kernel_ts_us",
            c -> c.span().lastKernelTimeUs() != null ? c.span().lastKernelTimeUs() : ABSENT);
    /** When the report's first line arrived; templates name it {@code crash_time} (one file per crash). */
    public static final Field.Time CRASH_TIME = new Field.Time(CrashRecord.class, "crash_time", "netconsole.crash.first_received",
            r -> crash(r) != null ? crash(r).span().firstReceivedAtNanos() : ABSENT);
    public static final Field.Choice<CloseReason> CRASH_CLOSE_REASON = new Field.Choice<>(CrashRecord.class, null,
            "netconsole.crash.close_reason", r -> crash(r) != null ? crash(r).closeReason() : null,
            CloseReason::wireName);
    /** Whether the report reached its end marker, rather than being cut by silence, a restart or a bound. */
    public static final Field.Flag CRASH_COMPLETE = new Field.Flag(CrashRecord.class, null, "netconsole.crash.complete",
            r -> crash(r) != null ? crash(r).complete() : null);
    /** Whether the report has a panic line: the kernel said it would stop. */
    public static final Field.Flag CRASH_FATAL = new Field.Flag(CrashRecord.class, null, "netconsole.crash.fatal",
            r -> crash(r) != null ? crash(r).fatal() : null);
    /** The call trace, outermost frame last: function, offset, size, module, reliable. */
    public static final Field.Rows CRASH_FRAMES = new Field.Rows(CrashRecord.class, null, "netconsole.crash.frames",
            r -> crash(r) != null ? frames(crash(r)) : List.of());
    /** A source event's details ({@code missing}, {@code cause}...). */
    public static final Field.Details EVENT_DETAILS = new Field.Details(SourceEvent.class, null, "netconsole.event",
            r -> r instanceof SourceEvent e ? e.event().details() : null);

    private static final List<Field> ALL = List.of(TIMESTAMP, ECS, MESSAGE, EVENT_KIND, EVENT, EVENT_MODULE, SEQ,
            RAW, IP, HOST, RELEASE, SOURCE_IP, PORT, LEVEL, SEVERITY_CODE, SEVERITY_NAME, FACILITY_CODE, FACILITY,
            TASKNAME, KIND, FORMAT, KERNEL_TS_US, CONT, MSGID, CPU, FRAGMENTS, SEQ_RESET, OUT_OF_ORDER, INCOMPLETE,
            TRUNCATED, SUBSYSTEM, DEVICE, USERDATA, CRASH_KIND, CRASH_TITLE, CRASH_TEXT, CRASH_PANIC_REASON,
            CRASH_FUNCTION, CRASH_MODULE, CRASH_TASK, CRASH_PID, CRASH_CPU, CRASH_TAINTED, CRASH_HARDWARE,
            CRASH_TRACE_ID, CRASH_FIRST_SEQ, CRASH_LAST_SEQ, CRASH_FIRST_KERNEL_TS_US, CRASH_LAST_KERNEL_TS_US,
            CRASH_TIME, CRASH_CLOSE_REASON, CRASH_COMPLETE, CRASH_FATAL, CRASH_FRAMES, EVENT_DETAILS);

    /**
     * The fields every record they apply to has: the rest may be absent. An encoder that plans
     * its output per set of present fields asks only the others whether a record has them.
     * Being wrong here costs such an encoder its plan, never a value: it finds the value absent
     * as it writes it and writes the record field by field instead.
     */
    private static final Set<Field> ALWAYS_PRESENT = Set.of(TIMESTAMP, ECS, MESSAGE, EVENT_KIND, EVENT_MODULE, IP,
            HOST, SOURCE_IP, PORT, KIND, FRAGMENTS, SEQ_RESET, OUT_OF_ORDER, EVENT, CRASH_KIND, CRASH_TITLE,
            CRASH_TEXT, CRASH_TIME, CRASH_CLOSE_REASON, CRASH_COMPLETE, CRASH_FATAL);

    private static final Map<String, Field> BY_NAME = index();

    private Fields() {
    }

    /** Every field, in output order. */
    public static List<Field> all() {
        return ALL;
    }

    /** Whether every record {@code field} applies to has it (see {@link Field#appliesTo}). */
    public static boolean alwaysPresent(Field field) {
        return ALWAYS_PRESENT.contains(field);
    }

    /** The field a route or template names, by short name ({@code host}) or path ({@code host.name}); null if none. */
    public static Field named(String name) {
        return BY_NAME.get(name);
    }

    /**
     * The field {@code name} names.
     *
     * @throws IllegalArgumentException saying so, with the closest name and the list, when none does
     */
    public static Field require(String name) {
        Field field = named(name);
        if (field == null) {
            throw new IllegalArgumentException(Suggestions.unknown("unknown field", name, BY_NAME.keySet(), "fields"));
        }
        return field;
    }

    private static Severity severity(Record r) {
        return Extended.of(r) != null ? Severity.ofCode(Extended.of(r).level()) : null;
    }

    /** The target's release, or the one a crash report's {@code CPU:} line names. */
    private static String release(Record r) {
        Extended x = Extended.of(r);
        return x != null ? x.release() : crash(r) != null ? crash(r).release() : null;
    }

    private static CrashReport crash(Record r) {
        return r instanceof CrashRecord c ? c.report() : null;
    }

    private static Field.Text crashText(String name, Function<CrashReport, String> value) {
        return new Field.Text(CrashRecord.class, null, "netconsole.crash." + name, FieldType.KEYWORD,
                r -> crash(r) != null ? value.apply(crash(r)) : null);
    }

    private static Field.Number crashNumber(String name, ToLongFunction<CrashReport> value) {
        return new Field.Number(CrashRecord.class, null, "netconsole.crash." + name,
                r -> crash(r) != null ? value.applyAsLong(crash(r)) : ABSENT);
    }

    /** Allocates; crash records are rare. */
    private static List<Map<String, Object>> frames(CrashReport c) {
        List<Map<String, Object>> rows = new ArrayList<>(c.frames().size());
        for (CrashReport.Frame f : c.frames()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("function", f.function());
            row.put("offset", f.offset());
            row.put("size", f.size());
            if (f.module() != null) {
                row.put("module", f.module());
            }
            row.put("reliable", f.reliable());
            rows.add(row);
        }
        return rows;
    }

    private static Sysdata sysdata(Record r) {
        return Extended.of(r) != null ? Extended.of(r).sysdata() : null;
    }

    private static Device device(Record r) {
        return Extended.of(r) != null ? Extended.of(r).device() : null;
    }

    /** Short names and paths to fields; a name for two fields is a mistake in this file. */
    private static Map<String, Field> index() {
        Map<String, Field> byName = new HashMap<>();
        List<String> clashes = new ArrayList<>();
        for (Field f : ALL) {
            for (String key : f.name() == null ? List.of(f.path()) : List.of(f.name(), f.path())) {
                Field before = byName.put(key, f);
                if (before != null && before != f) {
                    clashes.add(key);
                }
            }
        }
        if (!clashes.isEmpty()) {
            throw new IllegalStateException("field names used twice: " + clashes);
        }
        return Map.copyOf(byName);
    }
}
