/* SPDX-License-Identifier: Apache-2.0 */
/* SBI 3.0 DBTR conformance: trigger count, shared memory rules, ranges beyond the triggers. */
#include "sbi_conf.h"

/* Room for 16 triggers of XLEN/2 bytes each. */
static unsigned long shmem[16 * 4] __attribute__((aligned(64)));

static struct sbiret dbtr(unsigned long fid, unsigned long a0, unsigned long a1, unsigned long a2)
{
	return sbi_call(SBI_EXT_DBTR, fid, a0, a1, a2, 0, 0);
}

TEST_CASE(sbi_dbtr)
{
	unsigned long base = (unsigned long)shmem, n;
	struct sbiret r;

	if (!sbi_probe(SBI_EXT_DBTR)) {
		report_skip("DBTR is not implemented by this SBI");
		return;
	}
	r = dbtr(SBI_DBTR_NUM_TRIGGERS, 0, 0, 0);
	report_eq(r.error, SBI_SUCCESS, "num_triggers succeeds");
	n = (unsigned long)r.value;
	if (SBI_CONF_VM)
		report_eq(n, 0, "a VM's hart is given no triggers");
	else
		report_info("%lu triggers", n);
	if (n > 16) {
		report_skip("more triggers than this test's shared memory holds");
		return;
	}
	report_eq(dbtr(SBI_DBTR_READ, 0, 1, 0).error, SBI_ERR_NO_SHMEM, "read without shmem");
	report_eq(dbtr(SBI_DBTR_INSTALL, 1, 0, 0).error, SBI_ERR_NO_SHMEM, "install without shmem");
	/* OpenSBI 1.5.1 follows a draft of DBTR older than SBI 3.0. */
	conf_eq(dbtr(SBI_DBTR_SET_SHMEM, base, 0, 1).error, SBI_ERR_INVALID_PARAM,
		"set_shmem with flags");
	conf_eq(dbtr(SBI_DBTR_SET_SHMEM, base + sizeof(long) / 2, 0, 0).error,
		SBI_ERR_INVALID_PARAM, "set_shmem not XLEN/8 aligned");
	conf_eq(dbtr(SBI_DBTR_SET_SHMEM, base, 0, 0).error, SBI_SUCCESS, "set_shmem");
	conf_eq(dbtr(SBI_DBTR_READ, n, 1, 0).error, SBI_ERR_BAD_RANGE,
		"read from trigger %lu (= trig_max)", n);
	conf_eq(dbtr(SBI_DBTR_INSTALL, n + 1, 0, 0).error, SBI_ERR_BAD_RANGE,
		"install of %lu triggers", n + 1);
	conf_eq(dbtr(SBI_DBTR_UNINSTALL, n, 1, 0).error, SBI_ERR_INVALID_PARAM,
		"uninstall of trigger %lu", n);
	conf_eq(dbtr(SBI_DBTR_ENABLE, n, 1, 0).error, SBI_ERR_INVALID_PARAM,
		"enable of trigger %lu", n);
	conf_eq(dbtr(SBI_DBTR_DISABLE, n, 1, 0).error, SBI_ERR_INVALID_PARAM,
		"disable of trigger %lu", n);
	conf_eq(dbtr(SBI_DBTR_SET_SHMEM, ~0UL, ~0UL, 0).error, SBI_SUCCESS,
		"set_shmem all-ones disables it");
	conf_eq(dbtr(SBI_DBTR_READ, 0, 1, 0).error, SBI_ERR_NO_SHMEM, "read after disabling");
	report_eq(dbtr(8, 0, 0, 0).error, SBI_ERR_NOT_SUPPORTED, "unknown DBTR function");
}
