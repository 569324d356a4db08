/* SPDX-License-Identifier: Apache-2.0 */
/* The RISC-V trap frame; dispatch and the expected-fault mechanism are declared in arch.h. */
#ifndef GUEST_RISCV_TRAP_H
#define GUEST_RISCV_TRAP_H

#include "../arch.h"

struct trap_frame {
	unsigned long regs[32];
	unsigned long sepc;
	unsigned long sstatus;
	unsigned long scause;
	unsigned long stval;
};

#endif
