/* SPDX-License-Identifier: Apache-2.0 */
/* The register frame the trap entry saves, shared by assembly and C. */
#ifndef ASM_TRAP_H
#define ASM_TRAP_H

#include <asm/asm.h>

/*
 * Slot n (0..31) holds register xn; slot 0 holds nothing useful and slot 2
 * holds sp as it was before the trap. The frame stays a multiple of 16 bytes
 * so sp keeps the ABI alignment.
 */
#define TRAP_FRAME_SEPC	   32
#define TRAP_FRAME_SSTATUS 33
#define TRAP_FRAME_SCAUSE  34
#define TRAP_FRAME_STVAL   35
#define TRAP_FRAME_SLOTS   36
#define TRAP_FRAME_SIZE	   (TRAP_FRAME_SLOTS * REG_SIZE)

#ifndef __ASSEMBLY__

struct trap_frame {
	unsigned long regs[32];
	unsigned long sepc;
	unsigned long sstatus;
	unsigned long scause;
	unsigned long stval;
};

_Static_assert(sizeof(struct trap_frame) == TRAP_FRAME_SIZE, "trap frame layout");
_Static_assert(TRAP_FRAME_SIZE % 16 == 0, "trap frame keeps sp 16-byte aligned");

/* Called by the trap entry with the saved frame; may change frame->sepc. */
void riscv_trap_handler(struct trap_frame *frame);

/* The trap vector, for stvec. */
void riscv_trap_entry(void);

#endif /* !__ASSEMBLY__ */

#endif /* ASM_TRAP_H */
