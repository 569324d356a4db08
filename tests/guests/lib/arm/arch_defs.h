/* SPDX-License-Identifier: Apache-2.0 */
/* AArch32 facts behind the arch API: limits, GIC INTIDs, fault record, PSCI values. */
#ifndef GUEST_ARM_ARCH_DEFS_H
#define GUEST_ARM_ARCH_DEFS_H

#include <stdbool.h>
#include "psci.h"

#define MAX_HARTS 8
/* INTIDs the runtime dispatches through its handler table: SGIs, PPIs, SPIs up to 63. */
#define NR_IRQS 64

/* CNTFRQ, read at boot (62.5 MHz on QEMU virt). */
extern unsigned long timebase_hz;
#define TIMEBASE_HZ timebase_hz

#define IRQ_TIMER 27 /* virtual timer PPI */
#define IRQ_IPI	  1  /* the SGI used for arch_ipi_* */
/* The PL1 physical timer (CNTP) as a device: a catch-all PPI. */
#define IRQ_DEV_PPI 30

/* PSCI AFFINITY_INFO states and errors: arch_cpu_status and arch_cpu_start return these. */
#define CPU_OK		   PSCI_SUCCESS
#define CPU_STATUS_ON	   PSCI_AFFINITY_ON
#define CPU_STATUS_OFF	   PSCI_AFFINITY_OFF
#define CPU_STATUS_PENDING PSCI_AFFINITY_ON_PENDING
#define CPU_ERR_ALREADY_ON PSCI_ALREADY_ON
#define CPU_ERR_INVALID	   PSCI_INVALID_PARAMETERS

/* As on AArch64: QEMU's own PSCI may still answer OFF right after CPU_ON natively. */
#ifdef GUEST_UNDER_HYPERVISOR
#define CPU_START_MAY_READ_OFF false
#else
#define CPU_START_MAY_READ_OFF true
#endif

/* Words in verdict lines, so each arch prints its own names. */
#define CPU_NOUN	 "cpu"
#define CPU_START_NAME	 "CPU_ON"
#define CPU_STOP_NAME	 "CPU_OFF"
#define CPU_STATUS_NAME	 "AFFINITY_INFO"
#define RESET_NAME	 "PSCI SYSTEM_RESET"
#define FAULT_CAUSE_NAME "exception"
#define FAULT_ADDR_NAME	 "DFAR"
/* A GIC SGI to a CPU that does not exist cannot fail, unlike SBI send_ipi. */
#define IPI_CHECKS_TARGET false

struct fault_info {
	bool taken;
	unsigned long cause;	/* the vector: 1 undefined, 3 prefetch abort, 4 data abort */
	unsigned long tval;	/* DFAR or IFAR */
	unsigned long epc;	/* the faulting instruction */
	unsigned long syndrome; /* DFSR or IFSR */
};

static inline void local_irq_enable(void)
{
	__asm__ volatile("cpsie i" ::: "memory");
}

static inline void local_irq_disable(void)
{
	__asm__ volatile("cpsid i" ::: "memory");
}

static inline void wait_for_interrupt(void)
{
	__asm__ volatile("wfi" ::: "memory");
}

static inline void arch_mb(void)
{
	__asm__ volatile("dmb sy" ::: "memory");
}

#endif
