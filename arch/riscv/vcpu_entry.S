/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Entering a guest and coming back. While a guest runs, stvec points at
 * riscv_guest_trap_entry and sscratch holds the vCPU's frame, so a trap can
 * save the guest's registers before touching anything else.
 */
#include <asm/asm.h>
#include <asm/csr.h>
#include <asm/vcpu.h>

#define SLOT(n) ((n) * REG_SIZE)

	.text
	.balign	4
	.globl	riscv_guest_trap_entry
riscv_guest_trap_entry:
	/* sp <-> sscratch: sp is now the frame, sscratch the guest's sp. */
	csrrw	sp, CSR_SSCRATCH, sp
	REG_S	x1, SLOT(1)(sp)
	REG_S	x3, SLOT(3)(sp)
	REG_S	x4, SLOT(4)(sp)
	REG_S	x5, SLOT(5)(sp)
	REG_S	x6, SLOT(6)(sp)
	REG_S	x7, SLOT(7)(sp)
	REG_S	x8, SLOT(8)(sp)
	REG_S	x9, SLOT(9)(sp)
	REG_S	x10, SLOT(10)(sp)
	REG_S	x11, SLOT(11)(sp)
	REG_S	x12, SLOT(12)(sp)
	REG_S	x13, SLOT(13)(sp)
	REG_S	x14, SLOT(14)(sp)
	REG_S	x15, SLOT(15)(sp)
	REG_S	x16, SLOT(16)(sp)
	REG_S	x17, SLOT(17)(sp)
	REG_S	x18, SLOT(18)(sp)
	REG_S	x19, SLOT(19)(sp)
	REG_S	x20, SLOT(20)(sp)
	REG_S	x21, SLOT(21)(sp)
	REG_S	x22, SLOT(22)(sp)
	REG_S	x23, SLOT(23)(sp)
	REG_S	x24, SLOT(24)(sp)
	REG_S	x25, SLOT(25)(sp)
	REG_S	x26, SLOT(26)(sp)
	REG_S	x27, SLOT(27)(sp)
	REG_S	x28, SLOT(28)(sp)
	REG_S	x29, SLOT(29)(sp)
	REG_S	x30, SLOT(30)(sp)
	REG_S	x31, SLOT(31)(sp)
	csrr	t0, CSR_SSCRATCH
	REG_S	t0, SLOT(2)(sp)
	csrr	t0, CSR_SEPC
	csrr	t1, CSR_SSTATUS
	csrr	t2, CSR_HSTATUS
	csrr	t3, CSR_SCAUSE
	csrr	t4, CSR_STVAL
	csrr	t5, CSR_HTVAL
	csrr	t6, CSR_HTINST
	REG_S	t0, SLOT(GUEST_SEPC)(sp)
	REG_S	t1, SLOT(GUEST_SSTATUS)(sp)
	REG_S	t2, SLOT(GUEST_HSTATUS)(sp)
	REG_S	t3, SLOT(GUEST_SCAUSE)(sp)
	REG_S	t4, SLOT(GUEST_STVAL)(sp)
	REG_S	t5, SLOT(GUEST_HTVAL)(sp)
	REG_S	t6, SLOT(GUEST_HTINST)(sp)

	/* Back on the hypervisor's stack, CPU index and vector. */
	mv	a0, sp
	REG_L	sp, SLOT(GUEST_HYP_SP)(a0)
	REG_L	tp, SLOT(GUEST_HYP_TP)(a0)
	lla	t0, riscv_trap_entry
	csrw	CSR_STVEC, t0
	call	riscv_guest_trap
	/* riscv_guest_trap returns the frame to resume. */
	j	riscv_guest_enter

/*
 * void riscv_guest_enter(struct guest_frame *frame): never returns. The
 * hypervisor stack is abandoned: the next trap starts afresh at hyp_sp.
 */
	.globl	riscv_guest_enter
riscv_guest_enter:
	csrw	CSR_SSCRATCH, a0
	lla	t0, riscv_guest_trap_entry
	csrw	CSR_STVEC, t0
	REG_L	t0, SLOT(GUEST_SEPC)(a0)
	REG_L	t1, SLOT(GUEST_SSTATUS)(a0)
	REG_L	t2, SLOT(GUEST_HSTATUS)(a0)
	csrw	CSR_SEPC, t0
	csrw	CSR_SSTATUS, t1
	csrw	CSR_HSTATUS, t2
	mv	t6, a0
	REG_L	x1, SLOT(1)(t6)
	REG_L	x2, SLOT(2)(t6)
	REG_L	x3, SLOT(3)(t6)
	REG_L	x4, SLOT(4)(t6)
	REG_L	x5, SLOT(5)(t6)
	REG_L	x6, SLOT(6)(t6)
	REG_L	x7, SLOT(7)(t6)
	REG_L	x8, SLOT(8)(t6)
	REG_L	x9, SLOT(9)(t6)
	REG_L	x10, SLOT(10)(t6)
	REG_L	x11, SLOT(11)(t6)
	REG_L	x12, SLOT(12)(t6)
	REG_L	x13, SLOT(13)(t6)
	REG_L	x14, SLOT(14)(t6)
	REG_L	x15, SLOT(15)(t6)
	REG_L	x16, SLOT(16)(t6)
	REG_L	x17, SLOT(17)(t6)
	REG_L	x18, SLOT(18)(t6)
	REG_L	x19, SLOT(19)(t6)
	REG_L	x20, SLOT(20)(t6)
	REG_L	x21, SLOT(21)(t6)
	REG_L	x22, SLOT(22)(t6)
	REG_L	x23, SLOT(23)(t6)
	REG_L	x24, SLOT(24)(t6)
	REG_L	x25, SLOT(25)(t6)
	REG_L	x26, SLOT(26)(t6)
	REG_L	x27, SLOT(27)(t6)
	REG_L	x28, SLOT(28)(t6)
	REG_L	x29, SLOT(29)(t6)
	REG_L	x30, SLOT(30)(t6)
	REG_L	x31, SLOT(31)(t6)
	sret
