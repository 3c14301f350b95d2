package dev.ncbridge.ingest.crash;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the lines of kernel reports. The start lines are those kernel oops collectors look
 * for (ABRT's {@code s_koops_suspicious_strings} in {@code src/lib/kernel.c}), matched on the
 * strings the kernel prints them with; docs/protocol.md lists them with their kernel sources.
 * {@link #startKind} runs on every message of every source, so it is kept cheap.
 */
final class CrashPatterns {
    /**
     * A symbolised call trace frame; group 1 is {@code ?} for unreliable ones. The module may be
     * followed by its build id ({@code [mod 0123abcd...]}, CONFIG_STACKTRACE_BUILD_ID).
     */
    static final Pattern FRAME = Pattern.compile("(?:\\[<[0-9a-f]+>\\] )?(\\? )?([A-Za-z0-9_.$]+)"
            + "\\+0x([0-9a-f]{1,16})/0x([0-9a-f]{1,16})(?: \\[([A-Za-z0-9_-]+)(?: [0-9a-f]+)?\\])?");
    /** A register line of x86 ({@code RAX: ...}, {@code FS:  ...}, {@code CR2: ...}) or arm64 ({@code x29: ...}). */
    private static final Pattern REGISTER = Pattern.compile("(?:[A-Z][A-Z0-9]{1,5}|x[0-9]{1,2}|pc|lr|sp) ?: *[0-9a-f]{4}.*");

    private static final String PANIC = "Kernel panic - not syncing: ";
    private static final String OOM_KILLED = ": Killed process ";

    private CrashPatterns() {
    }

    /**
     * The kind of report {@code line} starts, or null when it starts none. Most start lines name
     * themselves in a word before a colon ({@code BUG:}, {@code Oops:}, {@code WARNING:},
     * {@code INFO:}, {@code oom-killer:}...), possibly after a prefix ({@code watchdog: BUG:},
     * {@code Internal error: Oops:}, {@code rcu: INFO:}): only the words before the line's colons
     * are looked at, which costs little on the ordinary messages that make most of the traffic.
     * The few that have no such word are matched at the start of the line.
     */
    static CrashKind startKind(String line) {
        if (line.startsWith("general protection fault") || line.startsWith("kernel BUG at")
                || line.startsWith("Unable to handle kernel")) {
            return CrashKind.OOPS;
        }
        if (line.startsWith(PANIC)) {
            return CrashKind.PANIC;
        }
        for (int colon = line.indexOf(':'); colon > 0; colon = line.indexOf(':', colon + 1)) {
            CrashKind kind = kindNamedAt(line, colon);
            if (kind != null) {
                return kind;
            }
        }
        return null;
    }

    /** The kind of report named by the word that ends at {@code colon}, given what follows it. */
    private static CrashKind kindNamedAt(String line, int colon) {
        int after = colon + 1;
        if (wordBefore(line, colon, "BUG")) {
            if (line.startsWith(" soft lockup", after)) {
                return CrashKind.SOFT_LOCKUP;
            }
            return line.startsWith(" kernel NULL pointer dereference", after) || line.startsWith(" unable to handle", after)
                    ? CrashKind.OOPS : CrashKind.BUG;
        }
        if (wordBefore(line, colon, "Oops") || wordBefore(line, colon, "invalid opcode")
                || wordBefore(line, colon, "double fault")) {
            return CrashKind.OOPS;
        }
        if (wordBefore(line, colon, "WARNING")) {
            return line.startsWith(" CPU:", after) || line.startsWith(" at ", after) ? CrashKind.WARNING : null;
        }
        if (wordBefore(line, colon, "INFO")) {
            if (line.startsWith(" task ", after) && line.indexOf(" blocked for more than ", after) > 0) {
                return CrashKind.HUNG_TASK;
            }
            return line.indexOf("detected stall", after) > 0 || line.indexOf("detected expedited stall", after) > 0
                    ? CrashKind.RCU_STALL : null;
        }
        if (wordBefore(line, colon, "watchdog")) {
            return line.indexOf("detected hard LOCKUP", after) > 0 ? CrashKind.HARD_LOCKUP : null;
        }
        if (wordBefore(line, colon, "oom-killer") || line.startsWith(OOM_KILLED, colon)) {
            return CrashKind.OOM_KILL;
        }
        return null;
    }

    /** Whether {@code word} ends at {@code end} in {@code line} and is not the tail of a longer word. */
    private static boolean wordBefore(String line, int end, String word) {
        int start = end - word.length();
        return start >= 0 && line.startsWith(word, start) && (start == 0 || !Character.isLetter(line.charAt(start - 1)));
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

    /**
     * {@code Out of memory: Killed process ...}, {@code Memory cgroup out of memory: Killed process ...},
     * {@code Out of memory (oom_kill_allocating_task): Killed process ...} (mm/oom_kill.c).
     */
    private static boolean isOomKill(String line) {
        return line.contains(OOM_KILLED);
    }
}
