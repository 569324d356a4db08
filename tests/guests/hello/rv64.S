/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The smallest useful RISC-V guest: prints one line through the SBI
 * console and asks SBI to shut its VM down. Used as the default image of
 * the demo layout until the full test-guest runtime exists.
 */

#define SBI_EXT_LEGACY_PUTCHAR	0x01
#define SBI_EXT_SRST		0x53525354
#define SBI_SRST_SHUTDOWN	0

	.section .text
	.globl _start
_start:
	la	s0, message
1:	lbu	a0, 0(s0)
	beqz	a0, 2f
	li	a7, SBI_EXT_LEGACY_PUTCHAR
	ecall
	addi	s0, s0, 1
	j	1b
2:	li	a7, SBI_EXT_SRST
	li	a6, 0			/* function 0: system_reset */
	li	a0, SBI_SRST_SHUTDOWN
	li	a1, 0			/* reason: none */
	ecall
3:	wfi
	j	3b

	/* Kept in .text so the flat binary is one contiguous piece. */
	.balign 8
message:
	.asciz	"hello from a Bulwark guest\n"
