package dev.ncbridge.ingest.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the fields of a {@link CrashReport} from a report's lines, as x86 and arm64 kernels from
 * 4.x to 7.x print them. A line that does not have the expected shape leaves its field null;
 * parsing never fails: numbers are bounded in the patterns, so none overflows.
 */
final class CrashReportParser {
    /**
     * {@code CPU: 0 PID: 277 Comm: insmod Tainted: G OE 6.1.0-57-amd64 #1} (lib/dump_stack.c);
     * 6.9 and later add {@code UID: 0} after the CPU. The comm may hold spaces.
     */
    private static final Pattern CPU_LINE = Pattern.compile(
            "CPU: (\\d{1,9}) (?:UID: \\d+ )?PID: (\\d{1,9}) Comm: (.{1,20}?) (?:Kdump: loaded )?"
                    + "(?:Not tainted|Tainted: ([A-Z ]{0,40}[A-Z])) +(\\S+)");
    private static final Pattern END_TRACE = Pattern.compile("---\\[ end trace ([0-9a-f]+) \\]---");
    private static final String HARDWARE = "Hardware name: ";

    private CrashReportParser() {
    }

    /**
     * @param kind what the collector recognised the first line as
     * @param lines the report's lines, the first one first; at least one
     */
    static CrashReport parse(CrashKind kind, List<String> lines, CrashReport.Span span, CloseReason reason,
                             boolean complete) {
        Fields f = new Fields();
        for (String raw : lines) {
            f.read(CrashPatterns.stripLeading(raw).stripTrailing());
        }
        return new CrashReport(kind, lines.get(0).strip(), f.panicReason, f.rip, f.task, f.pid, f.cpu, f.tainted,
                f.release, f.hardware, f.traceId, f.frames, span, String.join("\n", lines), reason, complete);
    }

    /** Where the parser is relative to the report's first call trace, the one whose frames it keeps. */
    private enum TraceProgress { BEFORE, IN, AFTER }

    /** The fields found so far, filled line by line; each keeps its first value. */
    private static final class Fields {
        String panicReason;
        CrashReport.Frame rip;
        String task;
        Integer pid;
        Integer cpu;
        String tainted;
        String release;
        String hardware;
        String traceId;
        final List<CrashReport.Frame> frames = new ArrayList<>();
        TraceProgress trace = TraceProgress.BEFORE;

        void read(String line) {
            if (panicReason == null) {
                panicReason = CrashPatterns.panicReason(line);
            }
            if (rip == null && (line.startsWith("RIP: ") || line.startsWith("pc : "))) {
                Matcher m = CrashPatterns.FRAME.matcher(line);
                if (m.find()) {
                    rip = CrashPatterns.frame(m);
                }
            }
            if (task == null) {
                readCpuLine(line);
            }
            if (hardware == null && line.startsWith(HARDWARE)) {
                hardware = line.substring(HARDWARE.length()).strip();
            }
            if (traceId == null) {
                Matcher m = END_TRACE.matcher(line);
                traceId = m.lookingAt() ? m.group(1) : null;
            }
            readTrace(line);
        }

        private void readCpuLine(String line) {
            Matcher m = CPU_LINE.matcher(line);
            if (!m.lookingAt()) {
                return;
            }
            cpu = Integer.valueOf(m.group(1));
            pid = Integer.valueOf(m.group(2));
            task = m.group(3);
            tainted = m.group(4) == null ? "" : taintLetters(m.group(4));
            release = m.group(5);
        }

        /** Frames of the first call trace: from {@code Call Trace:} to {@code </TASK>} or a line that is no part of it. */
        private void readTrace(String line) {
            LineRole role = CrashPatterns.role(line);
            if (trace == TraceProgress.BEFORE) {
                trace = role == LineRole.CALL_TRACE ? TraceProgress.IN : TraceProgress.BEFORE;
                return;
            }
            if (trace == TraceProgress.AFTER) {
                return;
            }
            switch (role) {
                case FRAME:
                    Matcher m = CrashPatterns.FRAME.matcher(line);
                    if (m.lookingAt()) {
                        frames.add(CrashPatterns.frame(m));
                    }
                    break;
                case STACK_CLOSE:
                    trace = line.equals("</TASK>") ? TraceProgress.AFTER : TraceProgress.IN;
                    break;
                case STACK_OPEN:
                case DETAIL:
                    // User-space registers inside <TASK>, IRQ sections: the trace goes on.
                    break;
                default:
                    trace = TraceProgress.AFTER;
                    break;
            }
        }
    }

    /**
     * The set taint flags as letters. The kernel prints one column per flag, a space when clear,
     * after a first column that is {@code P} (proprietary module) or {@code G} (none): {@code G}
     * is no taint and is left out.
     */
    static String taintLetters(String flags) {
        String letters = flags.replace(" ", "");
        return letters.startsWith("G") ? letters.substring(1) : letters;
    }
}
