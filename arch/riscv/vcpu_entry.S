/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Entering a guest and coming back. Once a vCPU has entered, stvec points
 * at riscv_guest_trap_entry for good, and sscratch holds the vCPU's frame
 * while the guest runs and 0 while the hypervisor does: a trap from the
 * guest saves its registers before touching anything else, and a trap of
 * the hypervisor's own (sscratch 0) goes on to riscv_trap_entry, so
 * neither way needs to switch vectors.
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
	beqz	sp, hypervisor_trap
	save_gprs sp
	/* The guest's sp, and sscratch 0: the hypervisor runs from here on. */
	csrrw	t0, CSR_SSCRATCH, zero
	REG_S	t0, SLOT(2)(sp)
	/*
	 * hstatus stays as the trap left it (SPV set: sret returns to the
	 * guest): the hypervisor never changes it while a vCPU runs, and any
	 * trap it takes itself is fatal. riscv_guest_enter sets it at start.
	 */
	csrr	t0, CSR_SEPC
	csrr	t1, CSR_SSTATUS
	csrr	t3, CSR_SCAUSE
	csrr	t4, CSR_STVAL
	csrr	t5, CSR_HTVAL
	csrr	t6, CSR_HTINST
	REG_S	t0, SLOT(GUEST_SEPC)(sp)
	REG_S	t1, SLOT(GUEST_SSTATUS)(sp)
	REG_S	t3, SLOT(GUEST_SCAUSE)(sp)
	REG_S	t4, SLOT(GUEST_STVAL)(sp)
	REG_S	t5, SLOT(GUEST_HTVAL)(sp)
	REG_S	t6, SLOT(GUEST_HTINST)(sp)

	/* Back on the hypervisor's stack, with its CPU index. */
	mv	a0, sp
	REG_L	sp, SLOT(GUEST_HYP_SP)(a0)
	REG_L	tp, SLOT(GUEST_HYP_TP)(a0)
	call	riscv_guest_trap
	/*
	 * riscv_guest_trap returns the frame to resume. The C code kept s0-s11
	 * (the guest's: nothing above touched them) unless it changed one in
	 * the frame; only then is the whole frame loaded.
	 */
	REG_L	t0, SLOT(GUEST_S_STALE)(a0)
	bnez	t0, reload_all
	csrw	CSR_SSCRATCH, a0
	REG_L	t0, SLOT(GUEST_SEPC)(a0)
	REG_L	t1, SLOT(GUEST_SSTATUS)(a0)
	csrw	CSR_SEPC, t0
	csrw	CSR_SSTATUS, t1
	mv	t6, a0
	restore_caller_saved_gprs t6
	sret

reload_all:
	REG_S	zero, SLOT(GUEST_S_STALE)(a0)
	j	riscv_guest_enter

hypervisor_trap:
	/* sp back, sscratch 0 again: the hypervisor's trap as riscv_trap_entry takes it. */
	csrrw	sp, CSR_SSCRATCH, sp
	j	riscv_trap_entry

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
