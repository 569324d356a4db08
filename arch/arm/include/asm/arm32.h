/* SPDX-License-Identifier: Apache-2.0 */
/* Symbols shared between the AArch32 boot and vector assembly and its C code. */
#ifndef ASM_ARM32_H
#define ASM_ARM32_H

/* What the vectors pass as the kind of exception. */
#define VECTOR_UNDEF	1
#define VECTOR_HVC	2
#define VECTOR_PABT	3
#define VECTOR_DABT	4
#define VECTOR_HYP_TRAP 5
#define VECTOR_IRQ	6
#define VECTOR_FIQ	7

/* Slots of struct hyp_frame (exceptions taken in Hyp mode itself). */
#define HYP_FRAME_SLOTS 20
#define HYP_FRAME_SIZE	(HYP_FRAME_SLOTS * 4)

#ifndef __ASSEMBLY__

#include <bulwark/compiler.h>
#include <bulwark/types.h>

struct hyp_frame {
	u32 regs[13]; /* r0..r12 */
	u32 lr;
	u32 elr;
	u32 spsr;
	u32 hsr;
	u32 hdfar;
	u32 hifar;
	u32 sp; /* as it was before the exception */
};

_Static_assert(sizeof(struct hyp_frame) == HYP_FRAME_SIZE, "hyp frame layout");

/* Per-CPU stacks, CONFIG_NR_CPUS of CONFIG_CPU_STACK_SIZE, from the linker. */
extern char __cpu_stacks_start[];
extern char __bss_start[];
extern char __bss_end[];

/* The Hyp vector table (exception.S). */
extern char arm32_vectors[];

/* Where CPUs started through PSCI CPU_ON (or released from the boot pen) begin (boot.S); r0 = CPU
 * index. */
void arm32_secondary_entry(void);

/* C entry points called from boot.S. */
void arm32_boot_bad_cpu(unsigned long mpidr) __noreturn;
void arm32_boot_wrong_mode(unsigned long mode) __noreturn;
void arm32_mmu_build(void);
/* CONFIG_ARM_BOOT_PEN: nonzero once arch_start_cpu() releases the CPU of that index. */
extern volatile u32 arm32_pen_release[];

/* Called by the vectors for exceptions taken in Hyp mode itself. */
void arm32_hyp_trap(struct hyp_frame *frame, unsigned long kind);

#endif /* !__ASSEMBLY__ */

#endif /* ASM_ARM32_H */
