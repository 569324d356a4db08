/* SPDX-License-Identifier: Apache-2.0 */
/* RISC-V facts behind the arch API: limits, interrupt causes, fault record, SBI error values. */
#ifndef GUEST_RISCV_ARCH_DEFS_H
#define GUEST_RISCV_ARCH_DEFS_H

#include <stdbool.h>
#include "csr.h"
#include "sbi.h"

#define MAX_HARTS   8
#define TIMEBASE_HZ 10000000UL

#define IRQ_TIMER IRQ_S_TIMER
#define IRQ_IPI	  IRQ_S_SOFT

/* HSM states and errors: arch_cpu_status and arch_cpu_start return these. */
#define CPU_OK		   SBI_SUCCESS
#define CPU_STATUS_ON	   SBI_HSM_STARTED
#define CPU_STATUS_OFF	   SBI_HSM_STOPPED
#define CPU_STATUS_PENDING SBI_HSM_START_PENDING
#define CPU_ERR_ALREADY_ON SBI_ERR_ALREADY_AVAILABLE
#define CPU_ERR_INVALID	   SBI_ERR_INVALID_PARAM
/* SBI HSM answers STARTED or START_PENDING right after hart_start. */
#define CPU_START_MAY_READ_OFF false

/* Words in verdict lines, so each arch prints its own names. */
#define CPU_NOUN	 "hart"
#define CPU_START_NAME	 "hart_start"
#define CPU_STOP_NAME	 "hart_stop"
#define CPU_STATUS_NAME	 "hart_get_status"
#define RESET_NAME	 "SRST"
#define FAULT_CAUSE_NAME "scause"
#define FAULT_ADDR_NAME	 "stval"
/* SBI send_ipi fails for a hart that does not exist; a GIC SGI cannot fail. */
#define IPI_CHECKS_TARGET true

struct fault_info {
	bool taken;
	unsigned long cause;
	unsigned long tval;
	unsigned long epc;
	unsigned long syndrome; /* 0: scause and stval say it all */
};

static inline void arch_mb(void)
{
	__asm__ volatile("fence rw, rw" ::: "memory");
}

#endif
