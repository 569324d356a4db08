/* SPDX-License-Identifier: Apache-2.0 */
/* Whether a guest EL1 timer asserts its interrupt, from the live CNTV_CTL / CNTP_CTL registers. */
#ifndef ASM_GUEST_TIMER_H
#define ASM_GUEST_TIMER_H

#include <bulwark/types.h>
#include <asm/sysreg.h>

/* CNTx_CTL_EL0 fields (Arm ARM, the generic timer's control registers). */
#define CNT_CTL_ENABLE	(1u << 0)
#define CNT_CTL_IMASK	(1u << 1)
#define CNT_CTL_ISTATUS (1u << 2)

/*
 * The guest's timers run natively and its vCPU never leaves this CPU, so
 * its CNTV_CTL_EL0 and CNTP_CTL_EL0 (the EL1 physical timer: no VHE, so
 * EL2 reads EL1's) are live here. A timer's output is a level: asserted
 * while ENABLE = 1, IMASK = 0 and ISTATUS = 1 (ISTATUS means nothing
 * while ENABLE = 0). physical picks CNTP, else CNTV. Call only on the
 * vCPU's own CPU.
 */
static inline bool arm_guest_timer_asserted(bool physical)
{
	u64 ctl = physical ? read_sysreg(cntp_ctl_el0) : read_sysreg(cntv_ctl_el0);

	return (ctl & (CNT_CTL_ENABLE | CNT_CTL_IMASK | CNT_CTL_ISTATUS)) ==
	       (CNT_CTL_ENABLE | CNT_CTL_ISTATUS);
}

#endif /* ASM_GUEST_TIMER_H */
