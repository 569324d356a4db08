/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The smallest useful AArch64 guest: prints one line on the PL011 of QEMU
 * virt and asks PSCI (over HVC) to power its VM off.
 */

#define PL011_BASE	0x09000000
#define PL011_FR_TXFF	5
#define PSCI_SYSTEM_OFF	0x84000008

	.section .text
	.globl _start
_start:
	adr	x1, message
	mov	x2, #PL011_BASE
1:	ldrb	w0, [x1], #1
	cbz	w0, 3f
2:	ldr	w3, [x2, #0x18]
	tbnz	w3, #PL011_FR_TXFF, 2b
	str	w0, [x2]
	b	1b
3:	ldr	x0, =PSCI_SYSTEM_OFF
	hvc	#0
4:	wfi
	b	4b

	/* Kept in .text so the flat binary is one contiguous piece. */
	.ltorg
	.balign 8
message:
	.asciz	"hello from a Bulwark guest\n"
