/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The smallest useful AArch32 guest: prints one line on the PL011 of QEMU
 * virt and asks PSCI (over HVC) to power its VM off.
 */

#define PL011_BASE	0x09000000
#define PL011_FR_TXFF	5
#define PSCI_SYSTEM_OFF	0x84000008

	.arm
	.syntax	unified
	.section .text
	.globl _start
_start:
	adr	r1, message
	ldr	r2, =PL011_BASE
1:	ldrb	r0, [r1], #1
	cmp	r0, #0
	beq	3f
2:	ldr	r3, [r2, #0x18]
	tst	r3, #(1 << PL011_FR_TXFF)
	bne	2b
	str	r0, [r2]
	b	1b
3:	ldr	r0, =PSCI_SYSTEM_OFF
	hvc	#0
4:	wfi
	b	4b

	/* Kept in .text so the flat binary is one contiguous piece. */
	.ltorg
	.balign 4
message:
	.asciz	"hello from a Bulwark guest\n"
