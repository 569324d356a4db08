/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Guest timers. With Sstc for guests the guest owns vstimecmp and nothing
 * here runs for it; otherwise the hypervisor programs the hart's timer on
 * the guest's behalf (SBI set_timer) and raises VSTIP when it fires.
 */
#include <asm/csr.h>
#include <asm/sbi.h>
#include <asm/virt.h>

static void program_hart_timer(u64 deadline)
{
	if (riscv_has_sstc)
		csr_write_timecmp(CSR_STIMECMP, CSR_STIMECMPH, deadline);
	else
		sbi_set_timer(deadline);
}

void riscv_vtimer_set(struct vcpu *v, u64 deadline)
{
	if (riscv_guest_sstc) {
		/* An SBI-using guest on a Sstc hart: its own compare register. */
		csr_write_timecmp(CSR_VSTIMECMP, CSR_VSTIMECMPH, deadline);
		return;
	}
	/* Setting a new deadline takes back a pending timer interrupt (SBI spec). */
	csr_clear(CSR_HVIP, HVIP_VSTIP);
	v->arch.timer_deadline = deadline;
	program_hart_timer(deadline);
}

void riscv_timer_interrupt(unsigned int cpu)
{
	struct vcpu *v = cpu_vcpu(cpu);

	program_hart_timer(~0ULL);
	if (v && v->state == VCPU_RUNNING && v->arch.timer_deadline != ~0ULL) {
		v->arch.timer_deadline = ~0ULL;
		csr_set(CSR_HVIP, HVIP_VSTIP);
	}
}
