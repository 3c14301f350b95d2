package dev.ncbridge.ingest.crash;

/**
 * Kernel reports as kernels of several versions and architectures print them, one message a
 * line, without the console's timestamps. Trailing spaces are written {@code \s}, since text
 * blocks strip them.
 */
final class KernelTexts {
    /** Linux 4.8 on i386, from the kernel's Documentation/admin-guide/bug-hunting.rst: raw stack words, {@code [<addr>]} frames. */
    static final String WARNING_4_8 = """
            WARNING: CPU: 1 PID: 28102 at kernel/module.c:1108 module_put+0x57/0x70
            Modules linked in: dvb_usb_gp8psk(-) dvb_usb dvb_core nvidia_drm(PO) [last unloaded: rc_core]
            CPU: 1 PID: 28102 Comm: rmmod Tainted: P        WC O 4.8.4-build.1 #1
            Hardware name: MSI MS-7309/MS-7309, BIOS V1.12 02/23/2009
             00000000 c12ba080 00000000 00000000 c103ed6a c1616014 00000001 00006dc6
             c1615862 00000454 c109e8a7 c109e8a7 00000009 ffffffff 00000000 f13f6a10
            Call Trace:
             [<c12ba080>] ? dump_stack+0x44/0x64
             [<c103ed6a>] ? __warn+0xfa/0x120
             [<c109e8a7>] ? module_put+0x57/0x70
             [<c103ee33>] ? warn_slowpath_null+0x23/0x30
             [<f80ca4d0>] ? gp8psk_fe_set_frontend+0x80/0x80 [dvb_usb_gp8psk]
            ---[ end trace 6ebc60ef3981792f ]---""";

    /** Linux 5.10 on x86-64: no {@code <TASK>} markers yet, {@code Oops} folded into the first line. */
    static final String GPF_5_10 = """
            general protection fault, probably for non-canonical address 0xdead000000000122: 0000 [#1] SMP NOPTI
            CPU: 3 PID: 1834 Comm: kworker/3:2 Tainted: G        W         5.10.0-20-amd64 #1 Debian 5.10.158-2
            Hardware name: Dell Inc. PowerEdge R640/0W23H8, BIOS 2.11.2 04/21/2021
            Workqueue: events mlx5e_tx_timeout_work [mlx5_core]
            RIP: 0010:__list_del_entry_valid+0x25/0x90
            Code: 48 8b 4f 08 48 85 d2 74 42 48 85 c9 74 59 48 b8 00 01 00 00 00 00 ad de <48> 39 c2 74 5a
            RSP: 0018:ffffb0c2c1b8fd90 EFLAGS: 00010246
            RAX: dead000000000122 RBX: ffff9a4e0b4c8000 RCX: 0000000000000000
            Call Trace:
             mlx5e_close_channel+0x2e/0x70 [mlx5_core]
             ? __schedule+0x2a8/0x8a0
             process_one_work+0x1b6/0x350
             worker_thread+0x53/0x3e0
             kthread+0x11b/0x140
             ret_from_fork+0x22/0x30
            Modules linked in: mlx5_core tls mlxfw pci_hyperv_intf
            ---[ end trace 5c1b8e9a3a7d6f10 ]---
            RIP: 0010:__list_del_entry_valid+0x25/0x90
            RSP: 0018:ffffb0c2c1b8fd90 EFLAGS: 00010246""";

    /** Linux 6.1: {@code Oops: 0000}, a CPU line and a PGD line ending with a space. */
    static final String OOPS_6_1 = """
            BUG: kernel NULL pointer dereference, address: 0000000000000008
            #PF: supervisor read access in kernel mode
            #PF: error_code(0x0000) - not-present page
            PGD 0 P4D 0\s
            Oops: 0000 [#1] PREEMPT SMP NOPTI
            CPU: 2 PID: 4242 Comm: kworker/2:1 Tainted: G           O      6.1.0-18-amd64 #1  Debian 6.1.76-1
            Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.2-debian-1.16.2-1 04/01/2014
            RIP: 0010:nvme_poll+0x1c/0x90 [nvme]
            RSP: 0018:ffffa1b2c0123d68 EFLAGS: 00010246
            Call Trace:
             <IRQ>
             ? nvme_irq+0x30/0x50 [nvme]
             __handle_irq_event_percpu+0x46/0x190
             </IRQ>
             <TASK>
             blk_mq_poll+0x31/0x60
             ? io_do_iopoll+0x80/0x2b0
             </TASK>
            Modules linked in: nvme nvme_core
            CR2: 0000000000000008
            ---[ end trace 0000000000000000 ]---""";

    /**
     * Linux 6.12: {@code Oops: Oops: 0000}, {@code UID:} on the CPU line, which ends with a space, a
     * taint legend, a frame with its module's build id.
     */
    static final String OOPS_6_12 = """
            BUG: kernel NULL pointer dereference, address: 0000000000000000
            #PF: supervisor read access in kernel mode
            Oops: Oops: 0000 [#1] SMP NOPTI
            CPU: 0 UID: 0 PID: 294 Comm: insmod Tainted: G           OE       6.12.6-amd64 #1 PREEMPT(lazy)  Debian 6.12.6-1\s
            Tainted: [O]=OOT_MODULE, [E]=UNSIGNED_MODULE
            Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.2-debian-1.16.2-1 04/01/2014
            RIP: 0010:ncb_oops_init+0x20/0xff0 [ncb_oops]
            Call Trace:
             <TASK>
             ? do_one_initcall+0x57/0x310
             ? do_init_module+0x60/0x250
             ncb_oops_helper+0x8/0x20 [ncb_oops 1a2b3c4d5e6f708192a3b4c5d6e7f80912a3b4c5]
             </TASK>
            Modules linked in: ncb_oops(OE+) netconsole
            CR2: 0000000000000000
            ---[ end trace 0000000000000000 ]---
            RIP: 0010:ncb_oops_init+0x20/0xff0 [ncb_oops]
            Kernel panic - not syncing: Fatal exception
            Kernel Offset: 0x22200000 from 0xffffffff81000000 (relocation range: 0xffffffff80000000-0xffffffffbfffffff)
            ---[ end Kernel panic - not syncing: Fatal exception ]---""";

    /** Linux 6.6 on arm64: {@code Unable to handle kernel}, {@code pc :}, {@code Call trace:}, a panic after it. */
    static final String OOPS_ARM64_6_6 = """
            Unable to handle kernel NULL pointer dereference at virtual address 0000000000000000
            Mem abort info:
              ESR = 0x0000000096000005
              EC = 0x25: DABT (current EL), IL = 32 bits
            Internal error: Oops: 0000000096000005 [#1] PREEMPT SMP
            Modules linked in: ncb_oops(O+)
            CPU: 1 PID: 312 Comm: insmod Tainted: G           O       6.6.20 #1
            Hardware name: linux,dummy-virt (DT)
            pstate: 60000005 (nZCv daif -PAN -UAO -TCO -DIT -SSBS BTYPE=--)
            pc : ncb_oops_init+0x14/0x1000 [ncb_oops]
            lr : do_one_initcall+0x4c/0x2c0
            sp : ffff80008232bb10
            x29: ffff80008232bb10 x28: 0000000000000000 x27: 0000000000000000
            Call trace:
             ncb_oops_init+0x14/0x1000 [ncb_oops]
             do_one_initcall+0x4c/0x2c0
             do_init_module+0x60/0x1f0
             el0t_64_sync+0x190/0x198
            Code: d2800001 d2800000 a8c17bfd d50323bf (b9400000)\s
            ---[ end trace 0000000000000000 ]---
            Kernel panic - not syncing: Oops: Fatal exception
            SMP: stopping secondary CPUs
            Kernel Offset: disabled
            CPU features: 0x0,00000000,00000000,0000400b
            Memory Limit: none
            ---[ end Kernel panic - not syncing: Oops: Fatal exception ]---""";

    /** Linux 6.1: a warning whose {@code cut here} line comes first. */
    static final String WARNING_6_1 = """
            ------------[ cut here ]------------
            WARNING: CPU: 2 PID: 1 at drivers/gpu/drm/i915/intel_runtime_pm.c:635 intel_runtime_pm_driver_release+0x4f/0x60 [i915]
            Modules linked in: i915(+) drm_buddy
            CPU: 2 PID: 1 Comm: systemd Not tainted 6.1.0-18-amd64 #1  Debian 6.1.76-1
            RIP: 0010:intel_runtime_pm_driver_release+0x4f/0x60 [i915]
            Call Trace:
             <TASK>
             ? __warn+0x7d/0xc0
             i915_driver_release+0x4b/0x80 [i915]
             </TASK>
            ---[ end trace 0000000000000000 ]---""";

    static final String SOFT_LOCKUP_6_1 = """
            watchdog: BUG: soft lockup - CPU#1 stuck for 26s! [kworker/1:1:58]
            Modules linked in: libata
            CPU: 1 PID: 58 Comm: kworker/1:1 Tainted: G             L     6.1.0-13-amd64 #1  Debian 6.1.55-1
            RIP: 0010:_raw_spin_unlock_irqrestore+0x11/0x20
            Call Trace:
             <IRQ>
             ? watchdog_timer_fn+0x1b3/0x210
             </IRQ>
             <TASK>
             ata_scsi_queuecmd+0x1e1/0x240 [libata]
             </TASK>""";

    static final String HUNG_TASK_6_1 = """
            INFO: task jbd2/sda1-8:245 blocked for more than 120 seconds.
                  Not tainted 6.1.0-18-amd64 #1 Debian 6.1.76-1
            "echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.
            task:jbd2/sda1-8     state:D stack:0     pid:245   ppid:2      flags:0x00004000
            Call Trace:
             <TASK>
             __schedule+0x34d/0x9e0
             schedule+0x5a/0xd0
             jbd2_journal_commit_transaction+0x2fe/0x1a80 [jbd2]
             </TASK>""";

    static final String RCU_STALL_6_1 = """
            rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:
            rcu: \t3-...!: (1 GPs behind) idle=ab4/1/0x4000000000000000 softirq=12345/12346 fqs=0
            \t(detected by 0, t=21002 jiffies, g=123457, q=113 ncpus=4)
            Sending NMI from CPU 0 to CPUs 3:
            NMI backtrace for cpu 3
            CPU: 3 PID: 0 Comm: swapper/3 Not tainted 6.1.0-18-amd64 #1  Debian 6.1.76-1
            RIP: 0010:native_safe_halt+0xb/0x10
            Call Trace:
             <NMI>
             ? nmi_cpu_backtrace+0xc0/0x130
             </NMI>
             <TASK>
             default_idle+0xa/0x20
             </TASK>""";

    static final String OOM_6_1 = """
            stress invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0
            CPU: 0 PID: 812 Comm: stress Not tainted 6.1.0-18-amd64 #1  Debian 6.1.76-1
            Call Trace:
             <TASK>
             dump_stack_lvl+0x44/0x5c
             dump_header+0x4a/0x211
             oom_kill_process.cold+0xb/0x10
             out_of_memory+0x1fd/0x4c0
             </TASK>
            Mem-Info:
            active_anon:2 inactive_anon:240116 isolated_anon:0
            Tasks state (memory values in pages):
            [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name
            [    812]     0   812   255031   240076  1974272        0             0 stress
            oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/,task=stress,pid=812,uid=0
            Out of memory: Killed process 812 (stress) total-vm:1020124kB, anon-rss:960304kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:1928kB oom_score_adj:0""";

    private KernelTexts() {
    }
}
