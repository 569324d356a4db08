/* SPDX-License-Identifier: Apache-2.0 */
/* The HS-mode trap vector: saves every register, calls C, restores, sret. */
#include <asm/asm.h>
#include <asm/csr.h>
#include <asm/trap.h>

#define SLOT(n) ((n) * REG_SIZE)

	.text
	/* stvec in direct mode needs 4-byte alignment. */
	.balign	4
	.globl	riscv_trap_entry
riscv_trap_entry:
	addi	sp, sp, -TRAP_FRAME_SIZE
	save_gprs sp
	/* Record sp as the interrupted code had it, for the report. */
	addi	t0, sp, TRAP_FRAME_SIZE
	REG_S	t0, SLOT(2)(sp)
	csrr	t0, CSR_SEPC
	csrr	t1, CSR_SSTATUS
	csrr	t2, CSR_SCAUSE
	csrr	t3, CSR_STVAL
	REG_S	t0, SLOT(TRAP_FRAME_SEPC)(sp)
	REG_S	t1, SLOT(TRAP_FRAME_SSTATUS)(sp)
	REG_S	t2, SLOT(TRAP_FRAME_SCAUSE)(sp)
	REG_S	t3, SLOT(TRAP_FRAME_STVAL)(sp)

	mv	a0, sp
	call	riscv_trap_handler

	/* The handler may have moved sepc past an instruction it emulated. */
	REG_L	t0, SLOT(TRAP_FRAME_SEPC)(sp)
	REG_L	t1, SLOT(TRAP_FRAME_SSTATUS)(sp)
	csrw	CSR_SEPC, t0
	csrw	CSR_SSTATUS, t1
	restore_gprs sp
	addi	sp, sp, TRAP_FRAME_SIZE
	sret
