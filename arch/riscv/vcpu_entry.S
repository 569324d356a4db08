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
	save_gprs sp
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
	restore_gprs t6, with_sp=1
	sret
