/* SPDX-License-Identifier: Apache-2.0 */
/*
 * First instructions on AArch32: the boot CPU from the loader (QEMU
 * -kernel, in Hyp mode; r2 = device tree when it passes one) and CPUs
 * started later through PSCI CPU_ON, or (CONFIG_ARM_BOOT_PEN) every CPU at
 * once, the others waiting in a pen. Also turns on the Hyp MMU, or the EL2
 * MPU on Armv8-R (CONFIG_MPU), on every CPU.
 */
#include <asm/arm32.h>
#include <asm/cp15.h>

	.arm
	.syntax	unified

/* sp = top of the stack of CPU \cpu: __cpu_stacks_start + (cpu + 1) * size. Clobbers r9, r10. */
.macro set_cpu_stack cpu
	add	r9, \cpu, #1
	ldr	r10, =CONFIG_CPU_STACK_SIZE
	mul	r9, r9, r10
	ldr	r10, =__cpu_stacks_start
	add	sp, r10, r9
.endm

/* Whatever the loader left: Hyp MMU and caches off, nothing trapped to Hyp mode. Clobbers r9. */
.macro hyp_quiet
	cpsid	aif
	ldr	r9, =HSCTLR_RES1
	mcr	p15, 4, r9, c1, c0, 0	/* HSCTLR */
	mov	r9, #0
	mcr	p15, 4, r9, c1, c1, 0	/* HCR */
	isb
.endm

/*
 * The hypervisor's own memory map on: the Hyp MMU with the identity map
 * (built first on the boot CPU), or the EL2 MPU's regions (arch/arm-common/mem_mpu.c, C:
 * needs the stack). Clobbers r0-r3, r12, lr.
 */
.macro hyp_memory_on build
#ifdef CONFIG_MPU
	bl	arm_mpu_enable
#else
	.if \build
	bl	arm32_mmu_build
	.endif
	bl	arm32_mmu_enable
#endif
.endm

/* HVBAR = the vector table. Clobbers r0. */
.macro set_vectors
	ldr	r0, =arm32_vectors
	mcr	p15, 4, r0, c12, c0, 0	/* HVBAR */
	isb
.endm

	.section .text.boot, "ax", %progbits
	.globl	_start
_start:
	mov	r6, r2			/* device tree (Linux boot protocol) */
	mrs	r8, cpsr
	and	r8, r8, #PSR_MODE_MASK
	cmp	r8, #PSR_MODE_HYP
	bne	.Lwrong_mode
	hyp_quiet

	/*
	 * The CPU index: where the MPIDR affinity is in the board's table
	 * (arm_cpu_mpidr, board.hw cpu_ids; constant data, readable with the
	 * MMU off). No stack is needed: a CPU not in it is reported below.
	 */
	mrc	p15, 0, r0, c0, c0, 5	/* MPIDR */
	ldr	r1, =MPIDR_AFF_MASK
	and	r8, r0, r1
	ldr	r9, =arm_cpu_mpidr
	mov	r7, #0
1:	ldr	r10, [r9, r7, lsl #2]
	cmp	r10, r8
	beq	2f
	add	r7, r7, #1
	cmp	r7, #CONFIG_NR_CPUS
	blo	1b
	b	.Lbad_cpu
2:
#ifdef CONFIG_ARM_BOOT_PEN
	/* All CPUs start here together: CPU 0 boots, the others wait to be released. */
	cmp	r7, #0
	bne	.Lpen
#endif

	mcr	p15, 4, r7, c13, c0, 2	/* HTPIDR: the CPU index */
	set_cpu_stack r7
	bl	.Lclear_bss
	hyp_memory_on 1
	set_vectors
	mov	r0, r7
	mov	r1, r6
	bl	kernel_boot_main
	b	.Lstuck

.Lbad_cpu:
#ifdef CONFIG_ARM_BOOT_PEN
	/* CPU 0 runs beside us and owns its stack: stay quiet. */
	b	.Lstuck
#endif
	/* No other CPU runs yet: CPU 0's stack is free while we explain and power off. */
	mov	r7, #0
	mcr	p15, 4, r7, c13, c0, 2
	set_cpu_stack r7
	bl	.Lclear_bss
	hyp_memory_on 1
	set_vectors
	mov	r0, r8
	bl	arm32_boot_bad_cpu
	b	.Lstuck

.Lwrong_mode:
	/*
	 * Outside Hyp mode no Hyp register may be touched: use CPU 0's stack
	 * with the MMU as the loader left it, say why and stop.
	 */
	cpsid	aif
	mov	r7, #0
	set_cpu_stack r7
	bl	.Lclear_bss
	mov	r0, r8
	bl	arm32_boot_wrong_mode
	b	.Lstuck

/* Zeroes [__bss_start, __bss_end), 16 bytes a turn (the linker aligns both ends). */
.Lclear_bss:
	ldr	r9, =__bss_start
	ldr	r10, =__bss_end
	mov	r0, #0
	mov	r1, #0
	mov	r2, #0
	mov	r3, #0
1:	cmp	r9, r10
	stmialo	r9!, {r0-r3}
	blo	1b
	bx	lr

	.text
	.globl	arm32_secondary_entry
arm32_secondary_entry:
	/* PSCI CPU_ON (or the pen): in Hyp mode with the MMU off, r0 = the CPU index we passed. */
	hyp_quiet
	cmp	r0, #CONFIG_NR_CPUS
	bhs	.Lstuck
	mov	r7, r0
	mcr	p15, 4, r7, c13, c0, 2	/* HTPIDR */
	set_cpu_stack r7
	hyp_memory_on 0
	set_vectors
	mov	r0, r7
	bl	kernel_secondary_main

	/* Only reached if C returned or the CPU index was impossible. */
.Lstuck:
	wfi
	b	.Lstuck

#ifdef CONFIG_ARM_BOOT_PEN
/*
 * CPU r7 (not 0) waits, touching nothing but its own word of
 * arm32_pen_release (in .data, so the boot CPU's bss clearing cannot race
 * with it), until arch_start_cpu() sets it and signals an event.
 */
.Lpen:
	ldr	r9, =arm32_pen_release
	add	r9, r9, r7, lsl #2
1:	ldr	r0, [r9]
	cmp	r0, #0
	bne	2f
	wfe
	b	1b
2:	mov	r0, r7
	b	arm32_secondary_entry

	.data
	.balign	4
	.globl	arm32_pen_release
arm32_pen_release:
	.space	4 * CONFIG_NR_CPUS
	.text
#endif

#ifdef CONFIG_MMU
/*
 * Turns on the Hyp MMU with the identity map arm32_mmu_build() wrote:
 * 32-bit addresses from the first level (four 1 GiB blocks), write-back
 * walks. A leaf: touches only r0 and r1.
 */
	.globl	arm32_mmu_enable
arm32_mmu_enable:
	ldr	r0, =HMAIR0_VALUE
	mcr	p15, 4, r0, c10, c2, 0	/* HMAIR0 */
	ldr	r0, =HTCR_VALUE
	mcr	p15, 4, r0, c2, c0, 2	/* HTCR */
	ldr	r0, =arm32_hyp_table
	mov	r1, #0
	mcrr	p15, 4, r0, r1, c2	/* HTTBR */
	isb
	mcr	p15, 4, r0, c8, c7, 0	/* TLBIALLH */
	mcr	p15, 0, r0, c7, c5, 0	/* ICIALLU */
	dsb	nsh
	isb
	mrc	p15, 4, r0, c1, c0, 0	/* HSCTLR */
	ldr	r1, =(HSCTLR_M | HSCTLR_C | HSCTLR_I)
	orr	r0, r0, r1
	mcr	p15, 4, r0, c1, c0, 0
	isb
	bx	lr
#endif
