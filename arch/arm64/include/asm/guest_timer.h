/* SPDX-License-Identifier: Apache-2.0 */
/* Whether a guest EL1 timer asserts its PPI, from the live CNTV_CTL / CNTP_CTL registers. */
#ifndef ASM_GUEST_TIMER_H
#define ASM_GUEST_TIMER_H

#include <bulwark/types.h>
#include <asm/sysreg.h>
#include <asm/vgic.h>

/* CNTx_CTL_EL0 fields (Arm ARM, the generic timer's control registers). */
#define CNT_CTL_ENABLE	(1u << 0)
#define CNT_CTL_IMASK	(1u << 1)
#define CNT_CTL_ISTATUS (1u << 2)

/*
 * The guest's timers run natively and its vCPU never leaves this CPU, so
 * its CNTV_CTL_EL0 and CNTP_CTL_EL0 (the EL1 physical timer: no VHE, so
 * EL2 reads EL1's) are live here. A timer's output is a level: asserted
 * while ENABLE = 1, IMASK = 0 and ISTATUS = 1 (ISTATUS means nothing
 * while ENABLE = 0). Call only on the vCPU's own CPU.
 */
static inline bool arm64_guest_timer_asserted(u32 ppi)
{
	u64 ctl = ppi == GIC_VTIMER_PPI ? read_sysreg(cntv_ctl_el0) : read_sysreg(cntp_ctl_el0);

	return (ctl & (CNT_CTL_ENABLE | CNT_CTL_IMASK | CNT_CTL_ISTATUS)) ==
	       (CNT_CTL_ENABLE | CNT_CTL_ISTATUS);
}

/* See asm/vgic.h: withdraws what a timer whose line dropped still has pending. */
static inline void vgic_vcpu_resume(struct vcpu *v, unsigned int cpu)
{
	u32 watch = vgic_timer_watch[cpu];

	if (__builtin_expect(watch != 0, 0) &&
	    (((watch & (1u << GIC_VTIMER_PPI)) && !arm64_guest_timer_asserted(GIC_VTIMER_PPI)) ||
	     ((watch & (1u << GIC_PTIMER_PPI)) && !arm64_guest_timer_asserted(GIC_PTIMER_PPI))))
		vgic_vcpu_resample(v);
}

#endif /* ASM_GUEST_TIMER_H */
