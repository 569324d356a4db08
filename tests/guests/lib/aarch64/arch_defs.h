/* SPDX-License-Identifier: Apache-2.0 */
/* AArch64 facts behind the arch API: limits, GIC INTIDs, fault record, PSCI values. */
#ifndef GUEST_AARCH64_ARCH_DEFS_H
#define GUEST_AARCH64_ARCH_DEFS_H

#include <stdbool.h>
#include "psci.h"

#define MAX_HARTS 8
/* INTIDs the runtime dispatches through its handler table: SGIs, PPIs, SPIs up to 63. */
#define NR_IRQS 64

/* CNTFRQ_EL0, read at boot (62.5 MHz on QEMU virt). */
extern unsigned long timebase_hz;
#define TIMEBASE_HZ timebase_hz

#define IRQ_TIMER 27 /* virtual timer PPI */
#define IRQ_IPI	  1  /* the SGI used for arch_ipi_* */
/* The EL1 physical timer (CNTP) as a device: the benchmark's device_irq, a catch-all PPI. */
#define IRQ_DEV_PPI 30

/* PSCI AFFINITY_INFO states and errors: arch_cpu_status and arch_cpu_start return these. */
#define CPU_OK		   PSCI_SUCCESS
#define CPU_STATUS_ON	   PSCI_AFFINITY_ON
#define CPU_STATUS_OFF	   PSCI_AFFINITY_OFF
#define CPU_STATUS_PENDING PSCI_AFFINITY_ON_PENDING
#define CPU_ERR_ALREADY_ON PSCI_ALREADY_ON
#define CPU_ERR_INVALID	   PSCI_INVALID_PARAMETERS

/*
 * QEMU's own PSCI changes what AFFINITY_INFO answers only once the started
 * CPU runs, so natively OFF may still be read right after CPU_ON; under a
 * hypervisor it must be ON or ON_PENDING.
 */
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
#define FAULT_CAUSE_NAME "ESR.EC"
#define FAULT_ADDR_NAME	 "FAR"
/* A GIC SGI to a CPU that does not exist cannot fail, unlike SBI send_ipi. */
#define IPI_CHECKS_TARGET false

struct fault_info {
	bool taken;
	unsigned long cause;	/* ESR_EL1.EC */
	unsigned long tval;	/* FAR_EL1 */
	unsigned long epc;	/* ELR_EL1 */
	unsigned long syndrome; /* the whole ESR_EL1 */
};

static inline void local_irq_enable(void)
{
	__asm__ volatile("msr daifclr, #2" ::: "memory");
}

static inline void local_irq_disable(void)
{
	__asm__ volatile("msr daifset, #2" ::: "memory");
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
