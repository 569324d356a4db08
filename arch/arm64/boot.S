/* SPDX-License-Identifier: Apache-2.0 */
/*
 * First instructions: the arm64 Image header, the boot CPU from the loader
 * (QEMU or U-Boot booti, at EL2 with x0 = device tree) and CPUs started
 * later through PSCI CPU_ON, or (CONFIG_ARM_BOOT_PEN, boards without
 * firmware such as Armv8-R ones) every CPU at once, the others waiting in
 * a pen. Also turns on the EL2 MMU, or the EL2 MPU (CONFIG_MPU), on every
 * CPU.
 */
#include <asm/arm64.h>
#include <asm/sysreg.h>

/*
 * sp = top of the stack of CPU \cpu: __cpu_stacks_start + (cpu + 1) * size.
 * Clobbers x9 and x10.
 */
.macro set_cpu_stack cpu
	add	x9, \cpu, #1
	ldr	x10, =CONFIG_CPU_STACK_SIZE
	mul	x9, x9, x10
	adrp	x10, __cpu_stacks_start
	add	x10, x10, :lo12:__cpu_stacks_start
	add	sp, x10, x9
.endm

/* Whatever the loader left: EL2 MMU and caches off, nothing trapped to EL2. */
.macro el2_quiet
	msr	daifset, #0xf
	msr	spsel, #1
	ldr	x9, =SCTLR_EL2_RES1
	msr	sctlr_el2, x9
	ldr	x9, =HCR_RW
	msr	hcr_el2, x9
	isb
.endm

/*
 * The hypervisor's own memory map on: the EL2 MMU with the identity map
 * (built first on the boot CPU), or the EL2 MPU's regions
 * (arch/arm-common/mem_mpu.c, C: needs the stack). Clobbers the
 * caller-saved registers.
 */
.macro hyp_memory_on build
#ifdef CONFIG_MPU
	bl	arm_mpu_enable
#else
	.if \build
	bl	arm64_mmu_build
	.endif
	bl	arm64_mmu_enable
#endif
.endm

	.section .text.boot, "ax", %progbits
	.globl	_start
_start:
	/* The arm64 Image header (Linux Documentation/arch/arm64/booting.rst). */
	b	primary_entry		/* code0 */
	.long	0			/* code1 */
	.quad	0x80000			/* text_offset: RAM base + this = load address */
	.quad	__image_size		/* image_size, bss and stacks included */
	.quad	0x2			/* flags: little endian, 4 KiB pages, placed near RAM base */
	.quad	0			/* res2 */
	.quad	0			/* res3 */
	.quad	0			/* res4 */
	.ascii	"ARM\x64"		/* magic */
	.long	0			/* res5: no PE/COFF header */

primary_entry:
	mov	x19, x0			/* device tree */
	mrs	x20, CurrentEL
	lsr	x20, x20, #CURRENT_EL_SHIFT
	cmp	x20, #2
	b.ne	.Lwrong_el
	el2_quiet

	/*
	 * The CPU index: where the MPIDR affinity is in the board's table
	 * (arm_cpu_mpidr, board.hw cpu_ids; constant data, readable with the
	 * MMU off). No stack is needed: a CPU not in it is reported below.
	 */
	mrs	x0, mpidr_el1
	ldr	x1, =MPIDR_AFF_MASK
	and	x22, x0, x1
	adrp	x9, arm_cpu_mpidr
	add	x9, x9, :lo12:arm_cpu_mpidr
	mov	x21, #0
1:	ldr	x10, [x9, x21, lsl #3]
	cmp	x10, x22
	b.eq	2f
	add	x21, x21, #1
	cmp	x21, #CONFIG_NR_CPUS
	b.lo	1b
	b	.Lbad_cpu
2:
#ifdef CONFIG_ARM_BOOT_PEN
	/*
	 * All CPUs start here together: CPU 0 boots, the others wait to be
	 * released (ARM_SPIN_TABLE: each comes from the firmware once released).
	 */
	cbnz	x21, .Lpen
#endif

	msr	tpidr_el2, x21
	set_cpu_stack x21
	bl	.Lclear_bss
	hyp_memory_on 1
	adrp	x0, arm64_vectors
	add	x0, x0, :lo12:arm64_vectors
	msr	vbar_el2, x0
	isb
	mov	x0, x21
	mov	x1, x19
	bl	kernel_boot_main
	b	.Lstuck

.Lbad_cpu:
#ifdef CONFIG_ARM_BOOT_PEN
	/* CPU 0 runs beside us and owns its stack: stay quiet. */
	b	.Lstuck
#endif
	/* No other CPU runs yet: CPU 0's stack is free while we explain and power off. */
	msr	tpidr_el2, xzr
	mov	x21, #0
	set_cpu_stack x21
	bl	.Lclear_bss
	hyp_memory_on 1
	adrp	x0, arm64_vectors
	add	x0, x0, :lo12:arm64_vectors
	msr	vbar_el2, x0
	isb
	mov	x0, x22
	bl	arm64_boot_bad_cpu
	b	.Lstuck

.Lwrong_el:
	/*
	 * At EL1 or EL3 no EL2 register may be touched: use CPU 0's stack with
	 * the MMU as the loader left it, say why and stop.
	 */
	msr	daifset, #0xf
	mov	x21, #0
	set_cpu_stack x21
	bl	.Lclear_bss
	mov	x0, x20
	bl	arm64_boot_wrong_el
	b	.Lstuck

/*
 * Zeroes [__bss_start, __bss_end); the linker aligns both to 16 bytes.
 * 256 bytes a turn while they last (the bss holds every VM's interrupt
 * model: this is most of the boot), then 16.
 */
.Lclear_bss:
	adrp	x9, __bss_start
	add	x9, x9, :lo12:__bss_start
	adrp	x10, __bss_end
	add	x10, x10, :lo12:__bss_end
	sub	x11, x10, #256
1:	cmp	x9, x11
	b.hi	2f
	.irp	off, 16, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240
	stp	xzr, xzr, [x9, #\off]
	.endr
	stp	xzr, xzr, [x9], #256
	b	1b
2:	cmp	x9, x10
	b.hs	3f
	stp	xzr, xzr, [x9], #16
	b	2b
3:	ret

	.text
	.globl	arm64_secondary_entry
arm64_secondary_entry:
	/* PSCI CPU_ON (or the pen): at EL2 with the MMU off, x0 = the CPU index we passed. */
	el2_quiet
	cmp	x0, #CONFIG_NR_CPUS
	b.hs	.Lstuck
	mov	x21, x0
	msr	tpidr_el2, x21
	set_cpu_stack x21
	hyp_memory_on 0
	adrp	x0, arm64_vectors
	add	x0, x0, :lo12:arm64_vectors
	msr	vbar_el2, x0
	isb
	mov	x0, x21
	bl	kernel_secondary_main

	/* Only reached if C returned or the CPU index was impossible. */
.Lstuck:
	wfi
	b	.Lstuck

#ifdef CONFIG_ARM_BOOT_PEN
/*
 * CPU x21 (not 0) waits, touching nothing but its own word of
 * arm64_pen_release (in .data, so the boot CPU's bss clearing cannot race
 * with it), until arch_start_cpu() sets it and signals an event.
 */
.Lpen:
	adrp	x9, arm64_pen_release
	add	x9, x9, :lo12:arm64_pen_release
	add	x9, x9, x21, lsl #2
1:	ldr	w0, [x9]
	cbnz	w0, 2f
	wfe
	b	1b
2:	mov	x0, x21
	b	arm64_secondary_entry

	.data
	.balign	4
	.globl	arm64_pen_release
arm64_pen_release:
	.space	4 * CONFIG_NR_CPUS
	.text
#endif

#ifdef CONFIG_MMU
/*
 * arm64_hyp_switch(ttbr, stack, stack_pa, pages) (hyp_recolor.c): copies the
 * calling CPU's stack, pages pages from stack, to the physical pages
 * stack_pa lists, then makes ttbr the EL2 map. The image was copied before;
 * only the stack changed since, and this touches no memory but those.
 */
	.globl	arm64_hyp_switch
arm64_hyp_switch:
2:	ldr	x4, [x2], #8
	mov	x5, #4096
3:	ldp	x6, x7, [x1], #16
	stp	x6, x7, [x4], #16
	subs	x5, x5, #16
	b.ne	3b
	subs	x3, x3, #1
	b.ne	2b
	dsb	ish
	msr	ttbr0_el2, x0
	isb
	tlbi	alle2
	dsb	ish
	isb
	ret

/*
 * Turns on the EL2 MMU with the identity map arm64_mmu_build() wrote:
 * 39-bit addresses from level 1, 4 KiB granule, write-back walks. A leaf:
 * touches only x0 and x1.
 */
	.globl	arm64_mmu_enable
arm64_mmu_enable:
	ldr	x0, =MAIR_EL2_VALUE
	msr	mair_el2, x0
	mrs	x1, id_aa64mmfr0_el1
	and	x1, x1, #MMFR0_PARANGE_MASK
	cmp	x1, #5			/* no more than 48 bits: no 52-bit support */
	mov	x0, #5
	csel	x1, x1, x0, ls
	ldr	x0, =(TCR_EL2_RES1 | TCR_T0SZ(HYP_VA_BITS) | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_INNER)
	orr	x0, x0, x1, lsl #TCR_EL2_PS_SHIFT
	msr	tcr_el2, x0
	/* The map of the hypervisor moved to its cache colors, once there is one. */
	adrp	x0, arm64_hyp_ttbr
	ldr	x0, [x0, :lo12:arm64_hyp_ttbr]
	cbnz	x0, 1f
	adrp	x0, arm64_hyp_table
	add	x0, x0, :lo12:arm64_hyp_table
1:	msr	ttbr0_el2, x0
	isb
	tlbi	alle2
	dsb	nsh
	isb
	ic	iallu
	mrs	x0, sctlr_el2
	ldr	x1, =(SCTLR_M | SCTLR_C | SCTLR_I | SCTLR_SA)
	orr	x0, x0, x1
	msr	sctlr_el2, x0
	isb
	ret
#endif
