/* SPDX-License-Identifier: Apache-2.0 */
/* SBI 3.0 conformance: BASE, TIME, IPI and RFENCE hart masks, SRST argument checks, DBCN. */
#include "sbi_conf.h"

static const struct {
	const char *name;
	unsigned long id;
	bool in_vm; /* what Bulwark offers a VM */
} extensions[] = {
    {"BASE", SBI_EXT_BASE, true},     {"TIME", SBI_EXT_TIME, true}, {"IPI", SBI_EXT_IPI, true},
    {"RFENCE", SBI_EXT_RFENCE, true}, {"HSM", SBI_EXT_HSM, true},   {"SRST", SBI_EXT_SRST, true},
    {"DBCN", SBI_EXT_DBCN, true},     {"SUSP", SBI_EXT_SUSP, true}, {"FWFT", SBI_EXT_FWFT, true},
    {"DBTR", SBI_EXT_DBTR, true},     {"PMU", SBI_EXT_PMU, false},  {"CPPC", SBI_EXT_CPPC, false},
    {"NACL", SBI_EXT_NACL, false},    {"STA", SBI_EXT_STA, false},  {"SSE", SBI_EXT_SSE, false},
    {"MPXY", SBI_EXT_MPXY, false},
};

/* Ids nobody implements: unassigned, vendor and firmware space. */
static const unsigned long absent[] = {0x0b0b0b0b, 0x09000000, 0x0a000000, 0x7fffffff};
/* The legacy calls Bulwark leaves out (clear_ipi, send_ipi, the three fences). */
static const unsigned long legacy_absent_in_vm[] = {0x03, 0x04, 0x05, 0x06, 0x07};

TEST_CASE(sbi_conf_base)
{
	struct sbiret r = sbi_call(SBI_EXT_BASE, SBI_BASE_GET_SPEC_VERSION, 0, 0, 0, 0, 0);
	unsigned int i;

	report_eq(r.error, SBI_SUCCESS, "get_spec_version succeeds");
	report_eqx((unsigned long)r.value & ~0x7fffffffUL, 0,
		   "spec version bit 31 and bits 32 and up are zero");
	if (SBI_CONF_VM)
		report_eqx(r.value, 0x03000000, "spec version is 3.0");
	else
		report_info("spec version %lu.%lu", ((unsigned long)r.value >> 24) & 0x7f,
			    (unsigned long)r.value & 0xffffff);
	for (i = SBI_BASE_GET_IMPL_ID; i <= SBI_BASE_GET_MIMPID; i++)
		report_eq(sbi_call(SBI_EXT_BASE, i, 0, 0, 0, 0, 0).error, SBI_SUCCESS,
			  "BASE function %u succeeds", i);
	for (i = 0; i < sizeof(extensions) / sizeof(extensions[0]); i++) {
		long found = sbi_probe(extensions[i].id);

		if (SBI_CONF_VM)
			report_eq(found != 0, extensions[i].in_vm, "probe of %s (0x%lx)",
				  extensions[i].name, extensions[i].id);
		else
			report_info("probe of %s: %ld", extensions[i].name, found);
	}
	for (i = 0; i < sizeof(absent) / sizeof(absent[0]); i++)
		report_eq(sbi_probe(absent[i]), 0, "probe of absent extension 0x%lx", absent[i]);
	for (i = 0; SBI_CONF_VM && i < sizeof(legacy_absent_in_vm) / sizeof(legacy_absent_in_vm[0]);
	     i++)
		report_eq(sbi_probe(legacy_absent_in_vm[i]), 0, "probe of legacy extension 0x%lx",
			  legacy_absent_in_vm[i]);
	report_eq(sbi_call(0x0b0b0b0b, 0, 0, 0, 0, 0, 0).error, SBI_ERR_NOT_SUPPORTED,
		  "call to an absent extension");
	report_eq(sbi_call(SBI_EXT_HSM, 0x40, 0, 0, 0, 0, 0).error, SBI_ERR_NOT_SUPPORTED,
		  "unknown HSM function");
}

TEST_CASE(sbi_conf_time)
{
	unsigned long sie = csr_read(sie);

	/* Masked: the pending bit alone tells what set_timer did. */
	csr_clear(sie, SIE_STIE);
	report_eq(sbi_set_timer(0).error, SBI_SUCCESS, "set_timer in the past");
	report(sbi_conf_wait_sip(SIP_STIP, 100) != 0, "a past deadline makes the timer pending");
	report_eq(sbi_set_timer(~0ULL).error, SBI_SUCCESS, "set_timer to the far future");
	report(sbi_conf_wait_sip(SIP_STIP, 10) == 0, "a future deadline clears the pending timer");
	report_eq(sbi_call(SBI_EXT_TIME, 1, 0, 0, 0, 0, 0).error, SBI_ERR_NOT_SUPPORTED,
		  "unknown TIME function");
	csr_write(sie, sie);
}

/* The hart-mask checks one function must make, self being this hart and n the hart count. */
static void hart_mask_checks(const char *fn, unsigned long ext, unsigned long fid,
			     unsigned long self, unsigned long n)
{
	struct sbiret r;

	/* hart_mask_base need not be a hart unless bit 0 is set (clarified in 3.0). */
	r = sbi_call(ext, fid, 0, 12345, 0, ~0UL, 0);
	conf_eq(r.error, SBI_SUCCESS, "%s: empty mask, base 12345", fn);
	r = sbi_call(ext, fid, 1, self, 0, ~0UL, 0);
	report_eq(r.error, SBI_SUCCESS, "%s: this hart", fn);
	r = sbi_call(ext, fid, 0x5a5a, ~0UL, 0, ~0UL, 0);
	report_eq(r.error, SBI_SUCCESS, "%s: base -1 (every hart, mask ignored)", fn);
	r = sbi_call(ext, fid, 1, n, 0, ~0UL, 0);
	report_eq(r.error, SBI_ERR_INVALID_PARAM, "%s: hart %lu does not exist", fn, n);
	r = sbi_call(ext, fid, (1UL << self) | (1UL << n), 0, 0, ~0UL, 0);
	conf_eq(r.error, SBI_ERR_INVALID_PARAM, "%s: a mask naming hart %lu too", fn, n);
	/* base + 2 wraps around to hart 0 if added without care. */
	r = sbi_call(ext, fid, 1UL << 2, ~0UL - 1, 0, ~0UL, 0);
	report_eq(r.error, SBI_ERR_INVALID_PARAM, "%s: base -2 with bit 2 (no wrap to hart 0)", fn);
}

TEST_CASE(sbi_conf_ipi)
{
	unsigned long self = this_hart(), n = sbi_conf_nr_harts();
	unsigned long sie = csr_read(sie);

	csr_clear(sie, SIE_SSIE);
	csr_clear(sip, SIP_SSIP);
	hart_mask_checks("send_ipi", SBI_EXT_IPI, 0, self, n);
	csr_clear(sip, SIP_SSIP);
	report_eq(sbi_send_ipi(1, self).error, SBI_SUCCESS, "send_ipi to this hart");
	report(sbi_conf_wait_sip(SIP_SSIP, 100) != 0, "this hart's IPI is pending");
	csr_clear(sip, SIP_SSIP);
	report_eq(sbi_send_ipi(0, ~0UL).error, SBI_SUCCESS, "send_ipi to every hart");
	report(sbi_conf_wait_sip(SIP_SSIP, 100) != 0, "base -1 includes this hart");
	csr_clear(sip, SIP_SSIP);
	report_eq(sbi_call(SBI_EXT_IPI, 1, 0, 0, 0, 0, 0).error, SBI_ERR_NOT_SUPPORTED,
		  "unknown IPI function");
	csr_write(sie, sie);
}

TEST_CASE(sbi_conf_rfence)
{
	unsigned long self = this_hart(), n = sbi_conf_nr_harts();

	hart_mask_checks("remote_fence_i", SBI_EXT_RFENCE, SBI_RFENCE_FENCE_I, self, n);
	hart_mask_checks("remote_sfence_vma", SBI_EXT_RFENCE, SBI_RFENCE_SFENCE_VMA, self, n);
	hart_mask_checks("remote_sfence_vma_asid", SBI_EXT_RFENCE, SBI_RFENCE_SFENCE_VMA_ASID, self,
			 n);
	/* A VM's supervisor has no H extension: the hfence calls are not for it. */
	if (SBI_CONF_VM)
		for (unsigned long fid = 3; fid <= 6; fid++)
			report_eq(sbi_call(SBI_EXT_RFENCE, fid, 1, self, 0, ~0UL, 0).error,
				  SBI_ERR_NOT_SUPPORTED, "RFENCE hfence function %lu in a VM", fid);
	report_eq(sbi_call(SBI_EXT_RFENCE, 7, 1, self, 0, 0, 0).error, SBI_ERR_NOT_SUPPORTED,
		  "unknown RFENCE function 7");
}

TEST_CASE(sbi_conf_srst)
{
	static const unsigned long bad_types[] = {3, 0xefffffff, 0xf0000000, 0xffffffff,
						  UPPER_BITS | 3};
	static const unsigned long bad_reasons[] = {2, 0xdfffffff, 0xe0000000, 0xefffffff,
						    UPPER_BITS | 2};
	unsigned int i;

	for (i = 0; i < sizeof(bad_types) / sizeof(bad_types[0]); i++)
		report_eq(sbi_system_reset(bad_types[i], 0).error, SBI_ERR_INVALID_PARAM,
			  "system_reset type 0x%lx is reserved", bad_types[i]);
	/* A wrongly accepted reason shuts the machine down: the run ends without a verdict. */
	for (i = 0; i < sizeof(bad_reasons) / sizeof(bad_reasons[0]); i++)
		report_eq(sbi_system_reset(SBI_SRST_SHUTDOWN, bad_reasons[i]).error,
			  SBI_ERR_INVALID_PARAM, "system_reset reason 0x%lx is reserved",
			  bad_reasons[i]);
	report_eq(sbi_call(SBI_EXT_SRST, 1, 0, 0, 0, 0, 0).error, SBI_ERR_NOT_SUPPORTED,
		  "unknown SRST function");
	/*
	 * Upper bits are ignored: this run's own shutdown passes them in the
	 * type and the reason (the VM test checks it stopped through SRST).
	 */
	if (SBI_CONF_VM)
		sbi_shutdown_upper_bits = UPPER_BITS;
}

TEST_CASE(sbi_conf_dbcn)
{
	static const char line[] = "INFO sbi_conf_dbcn: written through DBCN write\n";
	struct sbiret r;

	r = sbi_call(SBI_EXT_DBCN, SBI_DBCN_WRITE, sizeof(line) - 1, (unsigned long)line, 0, 0, 0);
	report(r.error == SBI_SUCCESS && r.value > 0 && (unsigned long)r.value <= sizeof(line) - 1,
	       "write takes some of the bytes (error %ld, value %ld)", r.error, r.value);
	r = sbi_call(SBI_EXT_DBCN, SBI_DBCN_WRITE, 0, (unsigned long)line, 0, 0, 0);
	report(r.error == SBI_SUCCESS && r.value == 0, "write of 0 bytes");
	r = sbi_call(SBI_EXT_DBCN, 2, '\n' | UPPER_BITS, 0, 0, 0, 0);
	report_eq(r.error, SBI_SUCCESS, "write_byte (upper bits ignored)");
	report_eq(sbi_call(SBI_EXT_DBCN, 3, 0, 0, 0, 0, 0).error, SBI_ERR_NOT_SUPPORTED,
		  "unknown DBCN function");
}
