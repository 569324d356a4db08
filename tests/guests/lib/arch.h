/* SPDX-License-Identifier: Apache-2.0 */
/* The arch API that arch-neutral test cases use; each lib/<arch>/ implements it. */
#ifndef GUEST_ARCH_H
#define GUEST_ARCH_H

#include <stdbool.h>
#include <stdint.h>

/*
 * arch_defs.h (lib/<arch>/) gives: MAX_HARTS, TIMEBASE_HZ, IRQ_TIMER and
 * IRQ_IPI (numbers for irq_set_handler), struct fault_info, local_irq_*,
 * wait_for_interrupt, arch_mb, the CPU_STATUS_* and CPU_ERR_* values of
 * arch_cpu_status/arch_cpu_start, and the words the cases print (CPU_NOUN,
 * FAULT_CAUSE_NAME, FAULT_ADDR_NAME, ...).
 */
#include "arch_defs.h"

#define TICKS_PER_MS (TIMEBASE_HZ / 1000)

/* this_hart() (test.h) is the hart id on RISC-V and MPIDR_EL1.Aff0 on Arm. */

/* Timer of this CPU. Deadlines are absolute counter values; ~0UL disarms. */
unsigned long time_now(void);
void timer_set(unsigned long deadline);
void timer_cancel(void);
/* The timer's interrupt condition (sip.STIP, CNTV_CTL_EL0.ISTATUS). */
bool timer_pending(void);
/* How deadlines are set, for logs. */
const char *timer_kind(void);
/* Busy-waits until the counter reaches now + ms milliseconds. */
void delay_ms(unsigned long ms);
/*
 * Arms a second, masked timer at deadline, where the CPU has one (Arm's
 * physical timer; a no-op on RISC-V): it raises no interrupt and only keeps
 * a timer deadline ahead. QEMU under -icount emulates the CPUs in turns on
 * one host thread and sizes each turn from the next timer deadline; when a
 * CPU's only timer has fired and its handler has yet to run, the other CPUs'
 * turns are sized by the next deadline still armed, and a backstop keeps
 * that deadline near. On hardware, where CPUs run side by side, it changes
 * nothing.
 */
void timer_set_backstop(unsigned long deadline);

/*
 * Interrupts taken by this CPU: irq is a cause number on RISC-V (IRQ_TIMER,
 * IRQ_IPI) and a GIC INTID on Arm. Handlers run with interrupts off on the
 * interrupted CPU and are shared by all CPUs; the runtime acknowledges and
 * completes the interrupt around the handler where the controller needs it.
 */
void irq_set_handler(unsigned int irq, void (*handler)(void));
void arch_irq_enable(unsigned int irq);
void arch_irq_disable(unsigned int irq);

/*
 * Device interrupts (PLIC sources, GIC SPIs) seen by a catch-all handler:
 * fn(id) runs for each claimed or acknowledged id that has no handler of its
 * own; NULL removes it. arch_dev_irq_unmask lets them reach this CPU at all.
 */
void arch_dev_irq_set_handler(void (*fn)(unsigned int id));
void arch_dev_irq_unmask(bool on);
unsigned int arch_dev_irq_priority(unsigned int id);
bool arch_dev_irq_enabled(unsigned int id);

/* One register store, as a test would make it through probe_store. */
struct reg_store {
	unsigned long addr;
	unsigned int width;
	unsigned long value;
};

/* The stores that give device interrupt id a priority, and enable it for this CPU. */
struct reg_store arch_dev_irq_priority_store(unsigned int id);
struct reg_store arch_dev_irq_enable_store(unsigned int id);

/*
 * Between fault_expect() and fault_take() the next synchronous exception on
 * this CPU is recorded and the faulting instruction skipped instead of ending
 * the run.
 */
void fault_expect(void);
struct fault_info fault_take(void);
/*
 * For the arch's trap handler (lib/fault.c): records a synchronous
 * exception when this CPU expects one and returns true; false when none
 * was expected (the handler then ends the run).
 */
bool fault_record(unsigned long cause, unsigned long tval, unsigned long epc,
		  unsigned long syndrome);
/* A load or store of width 1, 2, 4 or 8 bytes under fault_expect(). */
struct fault_info probe_load(unsigned long addr, unsigned int width, unsigned long *value);
struct fault_info probe_store(unsigned long addr, unsigned int width, unsigned long value);
/* Whether a taken fault is the access fault a load (or store) outside the VM gets. */
bool fault_is_access(const struct fault_info *f, bool store);

/*
 * Secondary CPUs (SBI HSM, PSCI). arch_cpu_start runs fn(cpu, arg) on a
 * stopped CPU, which stops itself when fn returns; it returns CPU_OK or a
 * (negative) CPU_ERR_*. arch_cpu_status returns a CPU_STATUS_* or CPU_ERR_*.
 */
long arch_cpu_start(unsigned long cpu, void (*fn)(unsigned long cpu, void *arg), void *arg);
long arch_cpu_status(unsigned long cpu);
/* Polls until cpu reaches status or ms milliseconds pass; returns the last status. */
long arch_cpu_wait_status(unsigned long cpu, long status, unsigned long ms);
/* The lowest CPU below MAX_HARTS that is stopped, or -1. */
long arch_cpu_find_stopped(void);

/* Inter-processor interrupts (SBI IPI, GIC SGI IRQ_IPI): handler and unmask on this CPU. */
void arch_ipi_enable(void);
void arch_ipi_disable(void);
long arch_ipi_send(unsigned long cpu);
/* IPIs received by a CPU so far. */
unsigned long arch_ipi_count(unsigned long cpu);

/* A Bulwark (Bao-compatible) hypercall: SBI extension 0x08000BA0, SMCCC vendor-hypervisor call. */
long arch_hypercall(unsigned long id, unsigned long a0, unsigned long a1);
/* Give device interrupt id a priority and enable it for this CPU (after arch_dev_irq_set_handler).
 */
void arch_dev_irq_enable(unsigned int id);

/* Cold reboot of the machine or VM; returns only on failure, with the error. */
long arch_system_reset(void);
/* One character from the console: 1 when *c was read, 0 when none waits, or an error. */
long arch_console_read(char *c);

#endif
