package dev.ncbridge.ingest.crash;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the lines of kernel reports. The start lines are those kernel oops collectors look
 * for (ABRT's {@code s_koops_suspicious_strings} in {@code src/lib/kernel.c}), matched on the
 * strings the kernel prints them with; docs/protocol.md lists them with their kernel sources.
 *
 * <p>Every check on a line outside a report is a few {@link String#indexOf} scans, because the
 * decoder runs {@link #startKind} on every message of every source.
 */
final class CrashPatterns {
    /** A symbolised call trace frame; group 1 is {@code ?} for unreliable ones. */
    static final Pattern FRAME = Pattern.compile(
            "(?:\\[<[0-9a-f]+>\\] )?(\\? )?([A-Za-z0-9_.$]+)\\+0x([0-9a-f]{1,16})/0x([0-9a-f]{1,16})(?: \\[([A-Za-z0-9_-]+)\\])?");
    /** A register line of x86 ({@code RAX: ...}, {@code FS:  ...}, {@code CR2: ...}) or arm64 ({@code x29: ...}). */
    private static final Pattern REGISTER = Pattern.compile("(?:[A-Z][A-Z0-9]{1,5}|x[0-9]{1,2}|pc|lr|sp) ?: *[0-9a-f]{4}.*");

    private static final String PANIC = "Kernel panic - not syncing: ";

    private CrashPatterns() {
    }

    /** The kind of report {@code line} starts, or null when it starts none. */
    static CrashKind startKind(String line) {
        if (line.contains("BUG:") && !line.contains("DEBUG:")) {
            if (line.contains("BUG: soft lockup")) {
                return CrashKind.SOFT_LOCKUP;
            }
            if (line.contains("BUG: kernel NULL pointer dereference") || line.contains("BUG: unable to handle")) {
                return CrashKind.OOPS;
            }
            return CrashKind.BUG;
        }
        if (line.contains("Oops:") || line.contains("eneral protection fault") || line.contains("ernel BUG at")
                || line.contains("nable to handle kernel") || line.contains("invalid opcode:")
                || line.contains("ouble fault:")) {
            return CrashKind.OOPS;
        }
        if (line.startsWith(PANIC)) {
            return CrashKind.PANIC;
        }
        if (line.contains("WARNING: CPU:") || line.contains("WARNING: at ")) {
            return CrashKind.WARNING;
        }
        if (line.contains("detected hard LOCKUP")) {
            return CrashKind.HARD_LOCKUP;
        }
        if (line.contains("INFO: task ") && line.contains(" blocked for more than ")) {
            return CrashKind.HUNG_TASK;
        }
        if (line.contains("detected stall") || line.contains("detected expedited stall")) {
            return line.contains("rcu") ? CrashKind.RCU_STALL : null;
        }
        if (line.contains("invoked oom-killer:") || isOomKill(line)) {
            return CrashKind.OOM_KILL;
        }
        return null;
    }

    /**
     * Whether {@code line} says the kernel is going down on purpose ({@code reboot: Restarting
     * system}, {@code reboot: Power down}, {@code reboot: System halted}, kexec): a restart after it
     * needs no crash to explain it.
     */
    static boolean isOrderlyShutdown(String line) {
        return line.startsWith("reboot: ") || line.startsWith("kexec_core: Starting new kernel");
    }

    /** The role of a line inside a report; {@code line} has its leading spaces removed. */
    static LineRole role(String line) {
        if (line.startsWith("---[ end trace")) {
            return LineRole.END_TRACE;
        }
        if (line.startsWith("---[ end Kernel panic")) {
            return LineRole.END_PANIC;
        }
        if (line.startsWith(PANIC)) {
            return LineRole.PANIC;
        }
        if (isOomKill(line)) {
            return LineRole.OOM_KILLED;
        }
        if (line.regionMatches(true, 0, "Call Trace:", 0, 11)) {
            return LineRole.CALL_TRACE;
        }
        if (line.startsWith("<") && line.endsWith(">")) {
            return line.startsWith("</") || line.equals("<EOI>") || line.equals("<<EOE>>")
                    ? LineRole.STACK_CLOSE : LineRole.STACK_OPEN;
        }
        if (line.contains("+0x") && FRAME.matcher(line).lookingAt()) {
            return LineRole.FRAME;
        }
        if (line.startsWith("Code: ") || line.startsWith("Modules linked in:") || line.startsWith("Kernel Offset:")
                || line.startsWith("Rebooting in ") || line.startsWith("CPU: ") || line.startsWith("Hardware name:")
                || line.startsWith("Tainted: ") || line.startsWith("---[ cut here") || REGISTER.matcher(line).matches()) {
            return LineRole.DETAIL;
        }
        return LineRole.OTHER;
    }

    /** The text after the panic prefix, or null when {@code line} is no panic line. */
    static String panicReason(String line) {
        return line.startsWith(PANIC) ? line.substring(PANIC.length()).strip() : null;
    }

    /** {@code line} without its leading spaces and tabs. */
    static String stripLeading(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i == 0 ? line : line.substring(i);
    }

    /** A frame from the text at the start of {@code m}'s region, which matched {@link #FRAME}. */
    static CrashReport.Frame frame(Matcher m) {
        return new CrashReport.Frame(m.group(2), Long.parseUnsignedLong(m.group(3), 16),
                Long.parseUnsignedLong(m.group(4), 16),
                m.group(5), m.group(1) == null);
    }

    private static boolean isOomKill(String line) {
        return line.contains("out of memory: Killed process") || line.contains("Out of memory: Killed process");
    }
}
