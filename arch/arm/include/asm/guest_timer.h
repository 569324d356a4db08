/* SPDX-License-Identifier: Apache-2.0 */
/* Whether a guest PL1 timer asserts its interrupt, from the live CNTV_CTL / CNTP_CTL registers. */
#ifndef ASM_GUEST_TIMER_H
#define ASM_GUEST_TIMER_H

#include <bulwark/types.h>
#include <asm/cp15.h>

/* CNTx_CTL fields (Arm ARM, the generic timer's control registers). */
#define CNT_CTL_ENABLE	(1u << 0)
#define CNT_CTL_IMASK	(1u << 1)
#define CNT_CTL_ISTATUS (1u << 2)

/*
 * The guest's timers run natively and its vCPU never leaves this CPU, so
 * its CNTV_CTL and CNTP_CTL (the PL1 physical timer) are live here. A
 * timer's output is a level: asserted while ENABLE = 1, IMASK = 0 and
 * ISTATUS = 1. physical picks CNTP, else CNTV. Call only on the vCPU's
 * own CPU. (The name is shared with AArch64, which the vGIC calls.)
 */
static inline bool arm_guest_timer_asserted(bool physical)
{
	u32 ctl = physical ? read_cp15(CNTP_CTL) : read_cp15(CNTV_CTL);

	return (ctl & (CNT_CTL_ENABLE | CNT_CTL_IMASK | CNT_CTL_ISTATUS)) ==
	       (CNT_CTL_ENABLE | CNT_CTL_ISTATUS);
}

#endif /* ASM_GUEST_TIMER_H */
