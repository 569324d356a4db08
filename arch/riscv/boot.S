/* SPDX-License-Identifier: Apache-2.0 */
/* First instructions: the boot hart from the firmware, and harts started later. */
#include <asm/asm.h>
#include <asm/csr.h>

/*
 * sp = top of the stack of CPU \cpu: __cpu_stacks_start + (cpu + 1) * size.
 * Clobbers t0 and t1.
 */
.macro set_cpu_stack cpu
	addi	t0, \cpu, 1
	li	t1, CONFIG_CPU_STACK_SIZE
	mul	t0, t0, t1
	lla	sp, __cpu_stacks_start
	add	sp, sp, t0
.endm

	.section .text.boot, "ax", %progbits
	.globl	_start
_start:
	/*
	 * OpenSBI enters in HS-mode with the MMU off: a0 = hart id,
	 * a1 = device tree. Nothing may interrupt us until we are ready.
	 */
	csrw	CSR_SIE, zero
	csrci	CSR_SSTATUS, SSTATUS_SIE
	mv	s0, a0
	mv	s1, a1

	/* The CPU index is the hart id; a hart beyond the build's CPUs has no stack. */
	li	t2, CONFIG_NR_CPUS
	bgeu	s0, t2, .Lbad_hart
	mv	tp, s0
	set_cpu_stack s0
	call	.Lclear_bss
	lla	t0, riscv_trap_entry
	csrw	CSR_STVEC, t0
	mv	a0, s0
	mv	a1, s1
	call	riscv_boot_main
	j	.Lstuck

.Lbad_hart:
	/*
	 * No other hart runs yet, so CPU 0's stack is free to use while we
	 * say what went wrong and power off.
	 */
	li	tp, 0
	li	t2, 0
	set_cpu_stack t2
	call	.Lclear_bss
	lla	t0, riscv_trap_entry
	csrw	CSR_STVEC, t0
	mv	a0, s0
	call	riscv_boot_bad_hart
	j	.Lstuck

/* Zeroes [__bss_start, __bss_end); the linker aligns both to a register. */
.Lclear_bss:
	lla	t0, __bss_start
	lla	t1, __bss_end
1:	bgeu	t0, t1, 2f
	REG_S	zero, 0(t0)
	addi	t0, t0, REG_SIZE
	j	1b
2:	ret

	.text
#if __riscv_xlen == 64
/*
 * riscv_hyp_switch(satp, stack, stack_pa, pages) (hyp_recolor.c): copies
 * the calling hart's stack, pages pages from stack, to the physical pages
 * stack_pa lists, then turns on the map in satp. The image was copied
 * before; only the stack changed since, and this touches no memory but those.
 */
	.globl	riscv_hyp_switch
riscv_hyp_switch:
2:	ld	t0, 0(a2)
	addi	a2, a2, 8
	li	t1, 4096
3:	ld	t2, 0(a1)
	sd	t2, 0(t0)
	addi	a1, a1, 8
	addi	t0, t0, 8
	addi	t1, t1, -8
	bnez	t1, 3b
	addi	a3, a3, -1
	bnez	a3, 2b
	fence	rw, rw
	csrw	CSR_SATP, a0
	sfence.vma
	fence.i
	ret
#endif

	.data
	.balign	8
	/* satp once the hypervisor moved to its cache colors, else 0: read by later harts. */
	.globl	riscv_hyp_satp
riscv_hyp_satp:
	.dword	0

	.text
	.globl	riscv_secondary_entry
riscv_secondary_entry:
	/* SBI HSM hart_start: a0 = hart id, a1 = the CPU index we passed. */
	csrw	CSR_SIE, zero
	csrci	CSR_SSTATUS, SSTATUS_SIE
	li	t2, CONFIG_NR_CPUS
	bgeu	a1, t2, .Lstuck
	mv	tp, a1
	mv	s0, a1
	set_cpu_stack s0
	/* The map of the hypervisor moved to its cache colors, once there is one (RV64). */
	lla	t0, riscv_hyp_satp
	REG_L	t0, 0(t0)
	beqz	t0, 1f
	csrw	CSR_SATP, t0
	sfence.vma
	fence.i
1:	lla	t0, riscv_trap_entry
	csrw	CSR_STVEC, t0
	mv	a0, s0
	call	riscv_secondary_main

	/* Only reached if C returned or the CPU index was impossible. */
.Lstuck:
	wfi
	j	.Lstuck
