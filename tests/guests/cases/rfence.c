/* SPDX-License-Identifier: Apache-2.0 */
/* SBI RFENCE calls on this hart, on all harts, and on a running secondary. */
#include "arch.h"
#include "sbi.h"
#include "test.h"

static volatile unsigned long spinning, release;

static void spin(unsigned long hart, void *arg)
{
	(void)hart;
	(void)arg;
	spinning = 1;
	while (!release)
		;
}

static void fences(unsigned long mask, unsigned long base, const char *whom)
{
	struct sbiret r;

	r = sbi_call(SBI_EXT_RFENCE, SBI_RFENCE_FENCE_I, mask, base, 0, 0, 0);
	report_eq(r.error, SBI_SUCCESS, "remote_fence_i on %s", whom);
	r = sbi_call(SBI_EXT_RFENCE, SBI_RFENCE_SFENCE_VMA, mask, base, 0, ~0UL, 0);
	report_eq(r.error, SBI_SUCCESS, "remote_sfence_vma on %s", whom);
	r = sbi_call(SBI_EXT_RFENCE, SBI_RFENCE_SFENCE_VMA_ASID, mask, base, 0x1000, 0x1000, 0);
	report_eq(r.error, SBI_SUCCESS, "remote_sfence_vma_asid on %s", whom);
}

TEST_CASE(rfence)
{
	long other = arch_cpu_find_stopped();
	unsigned long self = this_hart(), lo;

	fences(1, self, "this hart");
	fences(0, ~0UL, "all harts");
	if (other < 0) {
		report_skip("fences to a second running hart need a second hart");
		return;
	}
	spinning = 0;
	release = 0;
	if (!report_eq(arch_cpu_start(other, spin, NULL), SBI_SUCCESS, "hart_start of hart %ld",
		       other))
		return;
	while (!spinning)
		;
	lo = self < (unsigned long)other ? self : (unsigned long)other;
	fences((1UL << (self - lo)) | (1UL << (other - lo)), lo, "this and a running hart");
	release = 1;
	report_eq(arch_cpu_wait_status(other, SBI_HSM_STOPPED, 1000), SBI_HSM_STOPPED,
		  "hart %ld stops", other);
}
