package dev.ncbridge.ingest.crash;

/** What kind of kernel report a {@link CrashReport} holds, from its first recognised line. */
public enum CrashKind {
    /** The kernel died in a task: {@code Oops:}, a NULL dereference, a general protection fault, {@code BUG()}. */
    OOPS("oops"),
    /** {@code Kernel panic - not syncing:} with no oops before it ({@code sysrq c}, a fatal machine check). */
    PANIC("panic"),
    /** {@code WARNING: CPU: ... at ...}: a {@code WARN()}; the kernel goes on. */
    WARNING("warning"),
    /** Another {@code BUG:} report: scheduling while atomic, KASAN, bad page state. */
    BUG("bug"),
    /** {@code watchdog: BUG: soft lockup - CPU#n stuck for ...}. */
    SOFT_LOCKUP("soft_lockup"),
    /** {@code Watchdog detected hard LOCKUP on cpu n}. */
    HARD_LOCKUP("hard_lockup"),
    /** {@code INFO: task <comm>:<pid> blocked for more than n seconds.} */
    HUNG_TASK("hung_task"),
    /** {@code rcu: INFO: rcu_sched detected stalls on CPUs/tasks:} and its variants. */
    RCU_STALL("rcu_stall"),
    /** {@code invoked oom-killer:} through {@code Out of memory: Killed process ...}. */
    OOM_KILL("oom_kill");

    private final String wireName;

    CrashKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
