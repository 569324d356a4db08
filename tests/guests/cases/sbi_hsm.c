/* SPDX-License-Identifier: Apache-2.0 */
/* SBI 3.0 HSM conformance: argument errors, and a second hart's states as this hart sees them. */
#include "sbi_conf.h"

enum command { CMD_NONE, CMD_SUSPEND, CMD_EXIT };

static volatile unsigned long command, suspend_type, done;
static volatile long suspend_result;
static volatile unsigned long ipi_seen;

/* The second hart: suspends when told, with only its IPI enabled and interrupts masked. */
static void worker(unsigned long hart, void *arg)
{
	(void)hart;
	(void)arg;
	csr_write(sie, SIE_SSIE);
	local_irq_disable();
	for (;;) {
		while (command == CMD_NONE)
			;
		if (command == CMD_EXIT)
			return;
		csr_clear(sip, SIP_SSIP);
		suspend_result = sbi_suspend_call(SBI_EXT_HSM, SBI_HSM_HART_SUSPEND, suspend_type);
		ipi_seen = csr_read(sip) & SIP_SSIP;
		csr_clear(sip, SIP_SSIP);
		command = CMD_NONE;
		arch_mb();
		done++;
	}
}

static long status_of(unsigned long hart)
{
	struct sbiret r = sbi_hart_status(hart);

	return r.error ? r.error : r.value;
}

static long wait_status(unsigned long hart, long status, unsigned long ms)
{
	unsigned long end = time_now() + ms * TICKS_PER_MS;
	long now;

	do {
		now = status_of(hart);
	} while (now != status && time_now() < end);
	return now;
}

static bool wait_done(unsigned long n, unsigned long ms)
{
	unsigned long end = time_now() + ms * TICKS_PER_MS;

	while (done < n && time_now() < end)
		;
	return done >= n;
}

/* Has the worker suspend with type, watches it, wakes it with an IPI; returns its result. */
static long suspend_worker(unsigned long other, unsigned long type, const char *what)
{
	unsigned long before = done;

	suspend_type = type;
	arch_mb();
	command = CMD_SUSPEND;
	report_eq(wait_status(other, SBI_HSM_SUSPENDED, 1000), SBI_HSM_SUSPENDED,
		  "%s: hart %lu reads SUSPENDED from this hart", what, other);
	/*
	 * Not STOPPED, so not startable. OpenSBI 1.5.1 says INVALID_PARAM and
	 * yet takes the start address as the hart's resume address: natively
	 * the non-retentive round leaves this out, or it would resume there.
	 */
	if (!SBI_CONF_VM && type == SBI_HSM_SUSPEND_NON_RETENTIVE)
		report_skip("%s: hart_start of the suspended hart (it clobbers the resume "
			    "address under OpenSBI 1.5.1)",
			    what);
	else
		conf_eq(sbi_hart_start(other, (unsigned long)worker, 0).error,
			SBI_ERR_ALREADY_AVAILABLE, "%s: hart_start of the suspended hart", what);
	delay_ms(5);
	report_eq(status_of(other), SBI_HSM_SUSPENDED, "%s: still SUSPENDED without an interrupt",
		  what);
	/*
	 * Bulwark carries out a fence for a suspended hart without waking it
	 * (no hang, no spurious return). The SBI does not require the latter:
	 * OpenSBI wakes the hart, so natively this is left out.
	 */
	if (SBI_CONF_VM) {
		report_eq(
		    sbi_call(SBI_EXT_RFENCE, SBI_RFENCE_SFENCE_VMA, 1, other, 0, ~0UL, 0).error,
		    SBI_SUCCESS, "%s: remote_sfence_vma to the suspended hart", what);
		report_eq(status_of(other), SBI_HSM_SUSPENDED, "%s: the fence does not wake it",
			  what);
	}
	report_eq(sbi_send_ipi(1, other).error, SBI_SUCCESS, "%s: IPI to the suspended hart", what);
	report(wait_done(before + 1, 1000), "%s: the IPI wakes it, though masked by sstatus.SIE",
	       what);
	report(ipi_seen != 0, "%s: the waking IPI is still pending after the resume", what);
	report_eq(wait_status(other, SBI_HSM_STARTED, 1000), SBI_HSM_STARTED,
		  "%s: hart %lu reads STARTED again", what, other);
	return suspend_result;
}

/* Calls hart_suspend on this hart, with a timer 50 ms ahead in case it wrongly sleeps. */
static long suspend_self(unsigned long type, unsigned long resume_addr)
{
	unsigned long sie = csr_read(sie);
	struct sbiret r;

	csr_write(sie, SIE_STIE);
	timer_set(time_now() + 50 * TICKS_PER_MS);
	r = sbi_call(SBI_EXT_HSM, SBI_HSM_HART_SUSPEND, type, resume_addr, 0, 0, 0);
	timer_cancel();
	csr_write(sie, sie);
	return r.error;
}

TEST_CASE(sbi_hsm_errors)
{
	static const unsigned long reserved[] = {
	    0x00000001, 0x0fffffff, 0x10000000, 0x7fffffff,	0x80000001,
	    0x8fffffff, 0x90000000, 0xffffffff, UPPER_BITS | 1,
	};
	unsigned long n = sbi_conf_nr_harts(), self = this_hart();
	long other = arch_cpu_find_stopped();
	unsigned int i;

	report_eq(sbi_hart_status(n).error, SBI_ERR_INVALID_PARAM, "hart_get_status of hart %lu",
		  n);
	report_eq(sbi_hart_status(~0UL).error, SBI_ERR_INVALID_PARAM, "hart_get_status of hart -1");
	report_eq(status_of(self), SBI_HSM_STARTED, "this hart reads STARTED");
	report_eq(sbi_hart_start(n, (unsigned long)worker, 0).error, SBI_ERR_INVALID_PARAM,
		  "hart_start of hart %lu", n);
	report_eq(sbi_hart_start(self, (unsigned long)worker, 0).error, SBI_ERR_ALREADY_AVAILABLE,
		  "hart_start of this hart");
	if (other >= 0) {
		report_eq(sbi_hart_start(other, SBI_CONF_BAD_ENTRY, 0).error,
			  SBI_ERR_INVALID_ADDRESS, "hart_start at 0x%lx", SBI_CONF_BAD_ENTRY);
		report_eq(status_of(other), SBI_HSM_STOPPED, "hart %ld stays STOPPED", other);
	}
	/* OpenSBI 1.5.1 says NOT_SUPPORTED for platform-specific types it lacks. */
	for (i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
		conf_eq(suspend_self(reserved[i], 0), SBI_ERR_INVALID_PARAM,
			"hart_suspend type 0x%lx is reserved or not implemented", reserved[i]);
	report_eq(suspend_self(SBI_HSM_SUSPEND_NON_RETENTIVE, SBI_CONF_BAD_ENTRY),
		  SBI_ERR_INVALID_ADDRESS, "non-retentive hart_suspend resuming at 0x%lx",
		  SBI_CONF_BAD_ENTRY);
}

TEST_CASE(sbi_hsm_states)
{
	long other = arch_cpu_find_stopped();
	volatile struct sbi_resume_state *got;
	long ret;

	if (other < 0) {
		report_skip("needs a second hart (none is stopped)");
		return;
	}
	command = CMD_NONE;
	done = 0;
	report_eq(arch_cpu_start(other, worker, NULL), SBI_SUCCESS, "hart_start of hart %ld",
		  other);
	report_eq(wait_status(other, SBI_HSM_STARTED, 1000), SBI_HSM_STARTED,
		  "hart %ld reads STARTED", other);

	ret = suspend_worker(other, SBI_HSM_SUSPEND_RETENTIVE, "retentive");
	report_eq(ret, SBI_SUCCESS, "retentive: hart_suspend returns success");
	ret = suspend_worker(other, UPPER_BITS | SBI_HSM_SUSPEND_RETENTIVE, "type with upper bits");
	report_eq(ret, SBI_SUCCESS, "type with upper bits: retentive, upper bits ignored");

	ret = suspend_worker(other, SBI_HSM_SUSPEND_NON_RETENTIVE, "non-retentive");
	got = &sbi_resumed[other];
	if (ret == SBI_ERR_NOT_SUPPORTED && !SBI_CONF_VM) {
		report_skip("non-retentive suspend: not supported by this SBI");
	} else {
		report_eq(ret, 1, "non-retentive: resumed at resume_addr");
		report_eq(got->a0, other, "non-retentive: a0 = hart id");
		report_eqx(got->a1, got->opaque, "non-retentive: a1 = opaque");
		report_eqx(got->satp, 0, "non-retentive: satp = 0");
		report_eqx(got->sstatus & SSTATUS_SIE, 0, "non-retentive: sstatus.SIE = 0");
	}

	command = CMD_EXIT;
	report_eq(wait_status(other, SBI_HSM_STOPPED, 1000), SBI_HSM_STOPPED,
		  "hart %ld reads STOPPED after hart_stop", other);
}
