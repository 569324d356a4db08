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
	REG_L	x1, SLOT(1)(sp)
	REG_L	x3, SLOT(3)(sp)
	REG_L	x4, SLOT(4)(sp)
	REG_L	x5, SLOT(5)(sp)
	REG_L	x6, SLOT(6)(sp)
	REG_L	x7, SLOT(7)(sp)
	REG_L	x8, SLOT(8)(sp)
	REG_L	x9, SLOT(9)(sp)
	REG_L	x10, SLOT(10)(sp)
	REG_L	x11, SLOT(11)(sp)
	REG_L	x12, SLOT(12)(sp)
	REG_L	x13, SLOT(13)(sp)
	REG_L	x14, SLOT(14)(sp)
	REG_L	x15, SLOT(15)(sp)
	REG_L	x16, SLOT(16)(sp)
	REG_L	x17, SLOT(17)(sp)
	REG_L	x18, SLOT(18)(sp)
	REG_L	x19, SLOT(19)(sp)
	REG_L	x20, SLOT(20)(sp)
	REG_L	x21, SLOT(21)(sp)
	REG_L	x22, SLOT(22)(sp)
	REG_L	x23, SLOT(23)(sp)
	REG_L	x24, SLOT(24)(sp)
	REG_L	x25, SLOT(25)(sp)
	REG_L	x26, SLOT(26)(sp)
	REG_L	x27, SLOT(27)(sp)
	REG_L	x28, SLOT(28)(sp)
	REG_L	x29, SLOT(29)(sp)
	REG_L	x30, SLOT(30)(sp)
	REG_L	x31, SLOT(31)(sp)
	addi	sp, sp, TRAP_FRAME_SIZE
	sret
