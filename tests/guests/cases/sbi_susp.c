/* SPDX-License-Identifier: Apache-2.0 */
/* SBI 3.0 SUSP conformance: sleep types, entry rules, a suspend to RAM woken by the timer. */
#include "sbi_conf.h"

static volatile unsigned long release;

static void spin(unsigned long hart, void *arg)
{
	(void)hart;
	(void)arg;
	while (!release)
		;
}

static long system_suspend(unsigned long type, unsigned long resume_addr)
{
	return sbi_call(SBI_EXT_SUSP, SBI_SUSP_SYSTEM_SUSPEND, type, resume_addr, 0, 0, 0).error;
}

TEST_CASE(sbi_susp)
{
	static const unsigned long reserved[] = {1, 0x7fffffff, 0x80000000, 0xffffffff};
	long other = arch_cpu_find_stopped();
	volatile struct sbi_resume_state *got = &sbi_resumed[this_hart()];
	unsigned long sie = csr_read(sie), deadline;
	unsigned int i;
	long ret;

	if (!sbi_probe(SBI_EXT_SUSP)) {
		report_skip("SUSP is not implemented by this SBI");
		return;
	}
	for (i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
		report_eq(system_suspend(reserved[i], (unsigned long)spin), SBI_ERR_INVALID_PARAM,
			  "sleep type 0x%lx is reserved or not implemented", reserved[i]);
	if (other >= 0) {
		release = 0;
		report_eq(arch_cpu_start(other, spin, NULL), SBI_SUCCESS, "start hart %ld", other);
		report_eq(system_suspend(SBI_SUSP_TO_RAM, (unsigned long)spin), SBI_ERR_DENIED,
			  "suspend to RAM while hart %ld runs", other);
		report_eq(system_suspend(UPPER_BITS | SBI_SUSP_TO_RAM, (unsigned long)spin),
			  SBI_ERR_DENIED, "the same with upper bits in the sleep type");
		release = 1;
		report_eq(arch_cpu_wait_status(other, SBI_HSM_STOPPED, 1000), SBI_HSM_STOPPED,
			  "hart %ld stopped again", other);
	}
	report_eq(system_suspend(SBI_SUSP_TO_RAM, SBI_CONF_BAD_ENTRY), SBI_ERR_INVALID_ADDRESS,
		  "resume address 0x%lx", SBI_CONF_BAD_ENTRY);

	/* The wake-up source: this hart's timer, 20 ms ahead, masked by sstatus.SIE. */
	local_irq_disable();
	csr_write(sie, SIE_STIE);
	deadline = time_now() + 20 * TICKS_PER_MS;
	timer_set(deadline);
	ret = sbi_suspend_call(SBI_EXT_SUSP, SBI_SUSP_SYSTEM_SUSPEND, SBI_SUSP_TO_RAM);
	timer_cancel();
	csr_write(sie, sie);
	report_eq(ret, 1, "suspend to RAM resumes at resume_addr");
	report(time_now() >= deadline, "it slept until the timer's deadline");
	report_eq(got->a0, this_hart(), "a0 = hart id");
	report_eqx(got->a1, got->opaque, "a1 = opaque");
	report_eqx(got->satp, 0, "satp = 0");
	report_eqx(got->sstatus & SSTATUS_SIE, 0, "sstatus.SIE = 0");
}
