package dev.ncbridge.ingest.crash;

/** What a line inside a kernel report is, as far as gathering the report needs to know. */
enum LineRole {
    /** {@code Kernel panic - not syncing: <reason>}. */
    PANIC,
    /** {@code ---[ end trace <id> ]---}: the end of an oops or warning (kernel/panic.c). */
    END_TRACE,
    /** {@code ---[ end Kernel panic - not syncing: <reason> ]---}: the last line panic() prints. */
    END_PANIC,
    /** {@code Out of memory: Killed process ...} and its memory cgroup form: the end of an OOM report. */
    OOM_KILLED,
    /** {@code Call Trace:} (x86) or {@code Call trace:} (arm64). */
    CALL_TRACE,
    /** {@code <TASK>}, {@code <IRQ>}, {@code <NMI>}, {@code <SOFTIRQ>}, {@code <#DF>}: a stack section opens. */
    STACK_OPEN,
    /** {@code </TASK>}, {@code </IRQ>}..., or the older {@code <EOI>}: a stack section closes. */
    STACK_CLOSE,
    /** {@code [? ]function+0xoff/0xsize [module]}, with or without a {@code [<address>]} before it. */
    FRAME,
    /** Registers, {@code Code:}, {@code Modules linked in:}, {@code Kernel Offset:} and the like. */
    DETAIL,
    /** Anything else. */
    OTHER
}
