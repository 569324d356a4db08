/* SPDX-License-Identifier: Apache-2.0 */
/* SBI 3.0 FWFT conformance: reserved features, values, flags, locking, 32-bit feature ids. */
#include "sbi_conf.h"

static const char *const names[SBI_FWFT_NR_FEATURES] = {
    "MISALIGNED_EXC_DELEG", "LANDING_PAD",	  "SHADOW_STACK",
    "DOUBLE_TRAP",	    "PTE_AD_HW_UPDATING", "POINTER_MASKING_PMLEN",
};

static struct sbiret fwft_get(unsigned long feature)
{
	return sbi_call(SBI_EXT_FWFT, SBI_FWFT_GET, feature, 0, 0, 0, 0);
}

static long fwft_set(unsigned long feature, unsigned long value, unsigned long flags)
{
	return sbi_call(SBI_EXT_FWFT, SBI_FWFT_SET, feature, value, flags, 0, 0).error;
}

/*
 * Features this guest may turn on and off: LANDING_PAD would make its own
 * indirect jumps fault (it is not built with landing pads), so it is only
 * read, set to its current value and locked.
 */
static bool may_change(unsigned long feature)
{
	return feature != 1;
}

/* A value the feature does not define. */
static unsigned long invalid_value(unsigned long feature)
{
	return feature == 5 ? 3 : 2;
}

/* A defined value other than v. */
static unsigned long other_value(unsigned long feature, unsigned long v)
{
	if (feature == 5)
		return v ? 0 : 7;
	return !v;
}

TEST_CASE(sbi_fwft)
{
	static const unsigned long reserved[] = {6,	     0x3fffffff, 0x40000000, 0x7fffffff,
						 0x80000000, 0xbfffffff, 0xc0000000, 0xffffffff};
	long lockable = -1;
	unsigned int i;

	if (!sbi_probe(SBI_EXT_FWFT)) {
		report_skip("FWFT is not implemented by this SBI");
		return;
	}
	for (i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++) {
		report_eq(fwft_get(reserved[i]).error, SBI_ERR_DENIED,
			  "get of reserved feature 0x%lx", reserved[i]);
		report_eq(fwft_set(reserved[i], 0, 0), SBI_ERR_DENIED,
			  "set of reserved feature 0x%lx", reserved[i]);
	}
	report_eq(fwft_get(UPPER_BITS | 6).error, SBI_ERR_DENIED,
		  "feature 6 with upper bits is reserved feature 6");
	for (unsigned long f = 0; f < SBI_FWFT_NR_FEATURES; f++) {
		struct sbiret g = fwft_get(f), wide = fwft_get(UPPER_BITS | f);

		if (g.error != SBI_SUCCESS && g.error != SBI_ERR_NOT_SUPPORTED) {
			/* OpenSBI 1.5.1 predates POINTER_MASKING_PMLEN: DENIED. */
			conf_eq(g.error, SBI_SUCCESS, "%s: get succeeds or says NOT_SUPPORTED",
				names[f]);
			continue;
		}
		report(wide.error == g.error && wide.value == g.value,
		       "%s: upper bits of the feature id are ignored", names[f]);
		if (g.error == SBI_ERR_NOT_SUPPORTED) {
			report_info("%s: not supported on this hart", names[f]);
			report_eq(fwft_set(f, 0, 0), SBI_ERR_NOT_SUPPORTED,
				  "%s: set is not supported either", names[f]);
			continue;
		}
		report_info("%s: value %ld", names[f], g.value);
		report_eq(fwft_set(f, (unsigned long)g.value, 2), SBI_ERR_INVALID_PARAM,
			  "%s: reserved flag bit 1", names[f]);
		report_eq(fwft_set(f, (unsigned long)g.value, 0), SBI_SUCCESS,
			  "%s: setting the current value succeeds", names[f]);
		if (f == 0) {
			/* Delegation may be the firmware's alone: a change may be denied. */
			long r = fwft_set(0, !g.value, 0);

			report(r == SBI_SUCCESS || r == SBI_ERR_DENIED,
			       "%s: changing it succeeds or is denied (got %ld)", names[f], r);
			if (r == SBI_SUCCESS)
				fwft_set(0, (unsigned long)g.value, 0);
			continue;
		}
		report_eq(fwft_set(f, invalid_value(f), 0), SBI_ERR_INVALID_PARAM,
			  "%s: value %lu is invalid", names[f], invalid_value(f));
		if (lockable < 0)
			lockable = (long)f;
		if (!may_change(f))
			continue;
		report_eq(fwft_set(f, other_value(f, g.value), 0), SBI_SUCCESS, "%s: set to %lu",
			  names[f], other_value(f, g.value));
		report_eq(fwft_get(f).value, other_value(f, g.value), "%s: reads back", names[f]);
		report_eq(fwft_set(f, (unsigned long)g.value, 0), SBI_SUCCESS,
			  "%s: set back to %ld", names[f], g.value);
		report_eq(fwft_get(f).value, g.value, "%s: reads back", names[f]);
	}
	if (lockable < 0) {
		report_skip("locking needs a feature this hart supports");
		return;
	}
	i = (unsigned int)lockable;
	report_eq(fwft_set(i, 0, SBI_FWFT_FLAG_LOCK), SBI_SUCCESS, "%s: set to 0 and locked",
		  names[i]);
	/* SBI_ERR_DENIED_LOCKED is new in 3.0. */
	conf_eq(fwft_set(i, other_value(i, 0), 0), SBI_ERR_DENIED_LOCKED,
		"%s: a locked feature cannot change", names[i]);
	report_eq(fwft_get(i).value, 0, "%s: still 0", names[i]);
}
