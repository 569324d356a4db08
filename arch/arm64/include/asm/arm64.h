/* SPDX-License-Identifier: Apache-2.0 */
/* Symbols shared between the AArch64 boot and vector assembly and its C code. */
#ifndef ASM_ARM64_H
#define ASM_ARM64_H

/* Slots of struct hyp_frame (exceptions taken from EL2 itself). */
#define HYP_FRAME_SP	31
#define HYP_FRAME_ELR	32
#define HYP_FRAME_SPSR	33
#define HYP_FRAME_ESR	34
#define HYP_FRAME_FAR	35
#define HYP_FRAME_SLOTS 36
#define HYP_FRAME_SIZE	(HYP_FRAME_SLOTS * 8)

/* What the vectors pass as the kind of exception. */
#define VECTOR_SYNC   0
#define VECTOR_IRQ    1
#define VECTOR_FIQ    2
#define VECTOR_SERROR 3
/* From the light path (vcpu_entry.S): handled, only the work after a trap is left. */
#define VECTOR_DONE 4
/* From the light path: a data abort its device model refused (MMIO_DENIED, MMIO_BAD_ACCESS). */
#define VECTOR_MMIO_DENIED 5
#define VECTOR_MMIO_BAD	   6

#ifndef __ASSEMBLY__

#include <bulwark/compiler.h>
#include <bulwark/types.h>

struct hyp_frame {
	u64 regs[31]; /* x0..x30 */
	u64 sp;	      /* as it was before the exception */
	u64 elr;
	u64 spsr;
	u64 esr;
	u64 far;
};

_Static_assert(sizeof(struct hyp_frame) == HYP_FRAME_SIZE, "hyp frame layout");
_Static_assert(HYP_FRAME_SIZE % 16 == 0, "hyp frame keeps sp 16-byte aligned");

/* Per-CPU stacks, CONFIG_NR_CPUS of CONFIG_CPU_STACK_SIZE, from the linker. */
extern char __cpu_stacks_start[];
extern char __bss_start[];
extern char __bss_end[];
extern char __image_start[];
extern char __image_end[];

/* The EL2 vector table (exception.S). */
extern char arm64_vectors[];

/* Where CPUs started through PSCI CPU_ON begin (boot.S); x0 = CPU index. */
void arm64_secondary_entry(void);

/* C entry points called from boot.S. */
void arm64_boot_bad_cpu(unsigned long mpidr) __noreturn;
void arm64_boot_wrong_el(unsigned long el) __noreturn;
void arm64_mmu_build(void);
/* CONFIG_ARM_BOOT_PEN: nonzero once arch_start_cpu() releases the CPU of that index. */
extern volatile u32 arm64_pen_release[];

/* Called by the vectors for exceptions taken from EL2 itself. */
void arm64_hyp_trap(struct hyp_frame *frame, unsigned long kind);

#endif /* !__ASSEMBLY__ */

#endif /* ASM_ARM64_H */
