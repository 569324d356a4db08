/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the arch-neutral core asks of an architecture. Each arch implements
 * every function here once, under arch/<arch>/.
 */
#ifndef BULWARK_ARCH_H
#define BULWARK_ARCH_H

#include <bulwark/compiler.h>
#include <bulwark/types.h>

enum arch_poweroff_reason {
	POWEROFF_NORMAL = 0,  /* work done: exit cleanly */
	POWEROFF_FAILURE = 1, /* fatal error: the firmware may log it */
};

/* Logical index of the calling CPU, 0..CONFIG_NR_CPUS-1. */
unsigned int arch_cpu_id(void);

/* The hardware id of a CPU (RISC-V hart id, Arm MPIDR affinity). */
unsigned long arch_cpu_hw_id(unsigned int cpu);

/* What the hardware id is called, for messages: "hart", "MPIDR". */
const char *arch_cpu_hw_id_name(void);

/* The privilege level the hypervisor runs at: "HS-mode", "EL2". */
const char *arch_cpu_mode_name(void);

/*
 * Per-CPU checks and setup after the console works, on every CPU. Returns 0,
 * or a negative errno after printing why this CPU cannot host VMs.
 */
int arch_cpu_init(unsigned int cpu);

/*
 * Asks the firmware to start a CPU at the secondary entry, which ends in
 * kernel_secondary_main(). 0 when started; -ENODEV when the CPU does not
 * exist; -EBUSY when it already runs; -EIO for any other refusal.
 */
int arch_start_cpu(unsigned int cpu);

/*
 * For a CPU that was started but never reported: what the firmware says
 * about it, as text for the warning, or NULL when it has nothing to add.
 */
const char *arch_cpu_silent_hint(unsigned int cpu);

/* A free-running counter and its frequency, for bounded waits. */
u64 arch_counter_read(void);
u64 arch_counter_freq(void);

/* Hint inside busy-wait loops. */
void arch_relax(void);

/* Park the calling CPU forever with interrupts off. */
void arch_halt(void) __noreturn;

/* Power the whole machine off; falls back to arch_halt() if it cannot. */
void arch_poweroff(enum arch_poweroff_reason reason) __noreturn;

/* --- Virtualization: what the core asks of the arch to run VMs. --- */

struct vm;
struct vcpu;

/* Interrupt the given physical CPU so it looks at its events (cpu_event.h). */
void arch_send_event_ipi(unsigned int cpu);

/* On every CPU that runs a vCPU, before its first guest entry. */
void arch_cpu_virt_init(unsigned int cpu);

/*
 * Cache coloring: on the boot CPU, before any other CPU starts or any VM
 * is built, moves the hypervisor's image to pages of the layout's
 * hypervisor colors (VMCONF_HYP_COLORS). Only arches that select
 * CONFIG_ARCH_HYP_RECOLOR implement it; the layout tool refuses the colors
 * elsewhere.
 */
#if IS_ENABLED(CONFIG_ARCH_HYP_RECOLOR) && IS_ENABLED(CONFIG_CACHE_COLORING)
void arch_hyp_recolor(unsigned int cpu);
#else
static inline void arch_hyp_recolor(unsigned int cpu)
{
	(void)cpu;
}
#endif

/*
 * Enter vCPU v on the calling CPU (which must be v->cpu) from its start
 * state (v->start_pc, start_arg0, start_arg1) with its guest registers
 * reset. Never returns: the next trap from the guest starts afresh.
 */
void arch_vcpu_start(struct vcpu *v) __noreturn;

/*
 * Wait until something may need attention (an interrupt is pending), with
 * interrupts off, then handle what arrived. Used by CPUs with no running
 * vCPU.
 */
void arch_idle(unsigned int cpu);

/* Apply the interrupt lines other CPUs set for v (v runs on this CPU). */
void arch_vcpu_sync_lines(struct vcpu *v);

#endif /* BULWARK_ARCH_H */
