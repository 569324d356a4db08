/* SPDX-License-Identifier: Apache-2.0 */
/*
 * AArch32 state a hypervisor must keep when it emulates a trapped access
 * (Documentation/arm32.md): a trapped load or store inside a Thumb IT
 * block moves the block on to its next condition, and one made in FIQ
 * mode reads and writes that mode's own r8-r12. This file is compiled as
 * Thumb-2 (tests/guests/Makefile: arm32_state-case-cflags) and its FIQ
 * routine is ARM code, so the guest mixes both states. It runs natively
 * too, which proves the checks against the CPU itself.
 */
#include <stdint.h>
#include "arch.h"
#include "gic.h"
#include "test.h"

#define GICD_TYPER 0x004

/* r[0] after a 16-bit trapped load in slot 1 of ITE, r[1] after a 32-bit one in slot 2 of ITTE. */
void arm32_it_loads(unsigned long addr, uint32_t r[2]);
/* In FIQ mode: r9 = *load, *store = r10 (= value), then out[0..4] = r8..r12. */
void arm32_fiq_access(unsigned long load, unsigned long store, uint32_t value, uint32_t out[5]);

__asm__(".pushsection .text.arm32_state, \"ax\", %progbits\n"
	".syntax unified\n"

	/* r0 = the address to load from, r1 = where the two results go. */
	".thumb\n"
	".globl arm32_it_loads\n"
	".type arm32_it_loads, %function\n"
	".thumb_func\n"
	"arm32_it_loads:\n"
	"	movs	r2, #0\n"
	"	movs	r3, #0\n"
	"	cmp	r0, r0\n" /* Z = 1: EQ passes, NE fails */
	"	ite	eq\n"
	"	ldreq	r2, [r0]\n" /* 16-bit, trapped */
	"	movne	r2, #7\n"   /* must not run */
	"	itte	eq\n"
	"	moveq	r3, #1\n"
	"	ldreq.w	r3, [r0]\n" /* 32-bit, trapped, in the middle of the block */
	"	movne	r3, #9\n"   /* must not run */
	"	str	r2, [r1]\n"
	"	str	r3, [r1, #4]\n"
	"	bx	lr\n"
	".size arm32_it_loads, . - arm32_it_loads\n"

	/* r0 = load address, r1 = store address, r2 = value, r3 = out[5]. */
	".arm\n"
	".globl arm32_fiq_access\n"
	".type arm32_fiq_access, %function\n"
	"arm32_fiq_access:\n"
	"	push	{r4, lr}\n"
	"	mrs	r4, cpsr\n"
	"	cpsid	if\n"
	"	cps	#0x11\n" /* FIQ mode: r8-r12 are its own from here */
	"	mov	r8, #0x80\n"
	"	mov	r9, #0\n"
	"	mov	r10, r2\n"
	"	mov	r11, #0xb0\n"
	"	mov	r12, #0xc0\n"
	"	ldr	r9, [r0]\n"  /* trapped: the syndrome names r9 */
	"	str	r10, [r1]\n" /* trapped: the syndrome names r10 */
	"	stm	r3, {r8-r12}\n"
	"	msr	cpsr_c, r4\n" /* the caller's mode and masks again */
	"	pop	{r4, pc}\n"
	".size arm32_fiq_access, . - arm32_fiq_access\n"
	".popsection\n");

TEST_CASE(arm32_it_block)
{
	uint32_t typer = *(volatile uint32_t *)(GICD_BASE + GICD_TYPER);
	uint32_t r[2] = {0, 0};

	arm32_it_loads(GICD_BASE + GICD_TYPER, r);
	report_eqx(r[0], typer, "16-bit load in an ITE block's EQ slot, NE slot skipped");
	report_eqx(r[1], typer, "32-bit load in an ITTE block's second slot, NE slot skipped");
}

TEST_CASE(arm32_fiq_registers)
{
	/* The priority word of PPIs 20-23 (no device uses them): written, checked, restored. */
	unsigned long word = gic_priority_addr(20);
	uint32_t typer = *(volatile uint32_t *)(GICD_BASE + GICD_TYPER);
	uint32_t saved = *(volatile uint32_t *)word;
	uint32_t out[5] = {0};

	local_irq_disable();
	arm32_fiq_access(GICD_BASE + GICD_TYPER, word, 0x80808080u, out);
	local_irq_enable();
	report_eqx(out[1], typer, "a trapped load into r9 in FIQ mode reaches r9_fiq");
	report_eqx(*(volatile uint32_t *)word, 0x80808080u,
		   "a trapped store from r10 in FIQ mode stores r10_fiq");
	report(out[0] == 0x80 && out[2] == 0x80808080u && out[3] == 0xb0 && out[4] == 0xc0,
	       "r8, r10-r12 of FIQ mode kept (0x%x 0x%x 0x%x 0x%x)", (unsigned int)out[0],
	       (unsigned int)out[2], (unsigned int)out[3], (unsigned int)out[4]);
	*(volatile uint32_t *)word = saved;
}
