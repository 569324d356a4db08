/* SPDX-License-Identifier: Apache-2.0 */
/* SBI BASE: spec version, extension probing, unknown extensions and functions. */
#include "sbi.h"
#include "test.h"

#define SBI_EXT_UNKNOWN 0x0b0b0b0bUL

static const struct {
	const char *name;
	unsigned long id;
} required[] = {
    {"TIME", SBI_EXT_TIME}, {"IPI", SBI_EXT_IPI},   {"RFENCE", SBI_EXT_RFENCE},
    {"HSM", SBI_EXT_HSM},   {"SRST", SBI_EXT_SRST}, {"DBCN", SBI_EXT_DBCN},
};

TEST_CASE(sbi_base)
{
	struct sbiret r = sbi_call(SBI_EXT_BASE, SBI_BASE_GET_SPEC_VERSION, 0, 0, 0, 0, 0);
	unsigned long major = ((unsigned long)r.value >> 24) & 0x7f;
	unsigned long minor = (unsigned long)r.value & 0xffffff;
	unsigned int i;

	report_eq(r.error, SBI_SUCCESS, "get_spec_version succeeds");
	report(r.value >= 2 && !(r.value & (1L << 31)), "spec version %lu.%lu is at least 0.2",
	       major, minor);
	r = sbi_call(SBI_EXT_BASE, SBI_BASE_GET_IMPL_ID, 0, 0, 0, 0, 0);
	report_eq(r.error, SBI_SUCCESS, "get_impl_id succeeds");
	report_info("SBI implementation %ld, spec %lu.%lu", r.value, major, minor);
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		report(sbi_probe(required[i].id) != 0, "probe finds %s (0x%lx)", required[i].name,
		       required[i].id);
	report_eq(sbi_probe(SBI_EXT_UNKNOWN), 0, "probe of unknown extension 0x%lx",
		  SBI_EXT_UNKNOWN);
	r = sbi_call(SBI_EXT_UNKNOWN, 0, 0, 0, 0, 0, 0);
	report_eq(r.error, SBI_ERR_NOT_SUPPORTED, "call to unknown extension 0x%lx",
		  SBI_EXT_UNKNOWN);
	r = sbi_call(SBI_EXT_BASE, 0x100, 0, 0, 0, 0, 0);
	report_eq(r.error, SBI_ERR_NOT_SUPPORTED, "unknown BASE function 0x100");
}
