/* SPDX-License-Identifier: Apache-2.0 */
/* Symbols shared between the RISC-V boot assembly and its C code. */
#ifndef ASM_RISCV_H
#define ASM_RISCV_H

#ifndef __ASSEMBLY__

#include <bulwark/compiler.h>
#include <asm/trap.h>

/* Per-CPU stacks, CONFIG_NR_CPUS of CONFIG_CPU_STACK_SIZE, from the linker. */
extern char __cpu_stacks_start[];
extern char __cpu_stacks_end[];
extern char __bss_start[];
extern char __bss_end[];
extern char __image_start[];
extern char __image_end[];

/* Where harts started through SBI HSM begin (boot.S); a1 = CPU index. */
void riscv_secondary_entry(void);

/* C entry points called from boot.S. */
void riscv_boot_main(unsigned long hartid, unsigned long fdt) __noreturn;
void riscv_secondary_main(unsigned long cpu) __noreturn;
void riscv_boot_bad_hart(unsigned long hartid) __noreturn;

/*
 * Called by the trap handler for an illegal instruction: when this CPU is
 * probing for a feature, records the fault, steps over the instruction and
 * returns true.
 */
bool riscv_probe_fixup(struct trap_frame *frame);

#endif /* !__ASSEMBLY__ */

#endif /* ASM_RISCV_H */
