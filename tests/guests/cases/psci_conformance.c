/* SPDX-License-Identifier: Apache-2.0 */
/*
 * PSCI 1.1 (DEN 0022) function by function: PSCI_FEATURES answers for
 * every function identifier the specification assigns (mandatory ones
 * implemented, optional ones either implemented or NOT_SUPPORTED, which a
 * call then returns too), NOT_SUPPORTED for identifiers it does not
 * assign, and CPU_ON's and AFFINITY_INFO's errors. psci.c covers the
 * CPU_ON / CPU_OFF life cycle; SYSTEM_OFF ends this guest (and only its VM).
 */
#include "arch.h"
#include "psci.h"
#include "test.h"

enum need { MANDATORY, OPTIONAL, UNASSIGNED };

/* An AArch64 caller (64-bit long) may make SMC64 calls; an AArch32 one may not. */
#define SMC64_CALLER (__SIZEOF_LONG__ == 8)
#define SMC64_BIT    0x40000000UL

/* May be called to check NOT_SUPPORTED: harmless if it were supported after all. */
#define SAFE_CALL true

static const struct {
	const char *name;
	unsigned long id;
	enum need need;
	bool safe_to_call;
} ids[] = {
    {"PSCI_VERSION", 0x84000000UL, MANDATORY, false},
    {"CPU_SUSPEND (SMC32)", 0x84000001UL, MANDATORY, false},
    {"CPU_SUSPEND (SMC64)", 0xc4000001UL, MANDATORY, false},
    {"CPU_OFF", 0x84000002UL, MANDATORY, false},
    {"CPU_ON (SMC32)", 0x84000003UL, MANDATORY, false},
    {"CPU_ON (SMC64)", 0xc4000003UL, MANDATORY, false},
    {"AFFINITY_INFO (SMC32)", 0x84000004UL, MANDATORY, false},
    {"AFFINITY_INFO (SMC64)", 0xc4000004UL, MANDATORY, false},
    {"MIGRATE (SMC32)", 0x84000005UL, OPTIONAL, false},
    {"MIGRATE (SMC64)", 0xc4000005UL, OPTIONAL, false},
    {"MIGRATE_INFO_TYPE", 0x84000006UL, OPTIONAL, SAFE_CALL},
    {"MIGRATE_INFO_UP_CPU (SMC32)", 0x84000007UL, OPTIONAL, SAFE_CALL},
    {"MIGRATE_INFO_UP_CPU (SMC64)", 0xc4000007UL, OPTIONAL, SAFE_CALL},
    {"SYSTEM_OFF", 0x84000008UL, MANDATORY, false},
    {"SYSTEM_RESET", 0x84000009UL, MANDATORY, false},
    {"PSCI_FEATURES", 0x8400000aUL, MANDATORY, false},
    {"CPU_FREEZE", 0x8400000bUL, OPTIONAL, false},
    {"CPU_DEFAULT_SUSPEND (SMC32)", 0x8400000cUL, OPTIONAL, false},
    {"CPU_DEFAULT_SUSPEND (SMC64)", 0xc400000cUL, OPTIONAL, false},
    {"NODE_HW_STATE (SMC32)", 0x8400000dUL, OPTIONAL, SAFE_CALL},
    {"NODE_HW_STATE (SMC64)", 0xc400000dUL, OPTIONAL, SAFE_CALL},
    {"SYSTEM_SUSPEND (SMC32)", 0x8400000eUL, OPTIONAL, false},
    {"SYSTEM_SUSPEND (SMC64)", 0xc400000eUL, OPTIONAL, false},
    {"PSCI_SET_SUSPEND_MODE", 0x8400000fUL, OPTIONAL, false},
    {"PSCI_STAT_RESIDENCY (SMC32)", 0x84000010UL, OPTIONAL, SAFE_CALL},
    {"PSCI_STAT_RESIDENCY (SMC64)", 0xc4000010UL, OPTIONAL, SAFE_CALL},
    {"PSCI_STAT_COUNT (SMC32)", 0x84000011UL, OPTIONAL, SAFE_CALL},
    {"PSCI_STAT_COUNT (SMC64)", 0xc4000011UL, OPTIONAL, SAFE_CALL},
    {"SYSTEM_RESET2 (SMC32)", 0x84000012UL, OPTIONAL, false},
    {"SYSTEM_RESET2 (SMC64)", 0xc4000012UL, OPTIONAL, false},
    {"MEM_PROTECT", 0x84000013UL, OPTIONAL, false},
    {"MEM_PROTECT_CHECK_RANGE (SMC32)", 0x84000014UL, OPTIONAL, SAFE_CALL},
    {"MEM_PROTECT_CHECK_RANGE (SMC64)", 0xc4000014UL, OPTIONAL, SAFE_CALL},
    /* SMC64 forms PSCI 1.1 does not define, and ids past the last function. */
    {"PSCI_VERSION as SMC64", 0xc4000000UL, UNASSIGNED, SAFE_CALL},
    {"CPU_OFF as SMC64", 0xc4000002UL, UNASSIGNED, false},
    {"MIGRATE_INFO_TYPE as SMC64", 0xc4000006UL, UNASSIGNED, SAFE_CALL},
    {"PSCI_FEATURES as SMC64", 0xc400000aUL, UNASSIGNED, SAFE_CALL},
    {"unassigned 0x84000015", 0x84000015UL, UNASSIGNED, SAFE_CALL},
    {"unassigned 0x8400001f", 0x8400001fUL, UNASSIGNED, SAFE_CALL},
    {"unassigned 0xc400001f", 0xc400001fUL, UNASSIGNED, SAFE_CALL},
};

TEST_CASE(psci_conformance_features)
{
	unsigned int bad = 0, supported = 0;

	for (unsigned int i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		long f = psci_call(PSCI_HVC, PSCI_FEATURES, ids[i].id, 0, 0);
		enum need need = ids[i].need;
		bool ok;

		/* SMCCC: an AArch32 caller has no SMC64 calls; each is NOT_SUPPORTED to it. */
		if (!SMC64_CALLER && (ids[i].id & SMC64_BIT))
			need = UNASSIGNED;
		switch (need) {
		case MANDATORY:
			ok = f >= 0;
			break;
		case OPTIONAL:
			ok = f >= 0 || f == PSCI_NOT_SUPPORTED;
			break;
		default:
			ok = f == PSCI_NOT_SUPPORTED;
			break;
		}
		if (ok && f == PSCI_NOT_SUPPORTED && ids[i].safe_to_call)
			ok = psci_call(PSCI_HVC, ids[i].id, 0, 0, 0) == PSCI_NOT_SUPPORTED;
		if (!ok) {
			bad++;
			report_info("PSCI_FEATURES(%s, 0x%lx) = %ld", ids[i].name, ids[i].id, f);
		}
		supported += f >= 0;
	}
	report_eq(bad, 0, "PSCI_FEATURES of %u function ids (%u supported) as PSCI 1.1 requires",
		  (unsigned int)(sizeof(ids) / sizeof(ids[0])), supported);
	/* CPU_SUSPEND's flags: bits 31:2 are reserved, zero. */
	report_eqx((unsigned long)psci_call(PSCI_HVC, PSCI_FEATURES,
					    SMC64_CALLER ? 0xc4000001UL : 0x84000001UL, 0, 0) &
		       ~3UL,
		   0, "PSCI_FEATURES(CPU_SUSPEND) flags: reserved bits zero");
	report_eqx(psci_call(PSCI_HVC, PSCI_VERSION, 0, 0, 0), 0x10001, "PSCI_VERSION is 1.1");
}

TEST_CASE(psci_conformance_errors)
{
	unsigned long self = this_hart();

	/*
	 * Affinity values with bits set outside Aff3..Aff0 are invalid. An
	 * AArch32 caller has no Aff3 to set: Aff2 = 1, a cluster no CPU of
	 * QEMU virt's is in (Bulwark ignores bits 31:24, where MPIDR keeps
	 * its flags; QEMU's own PSCI refuses them).
	 */
#if __SIZEOF_LONG__ == 8
	unsigned long outside = 1UL << 32;
#else
	unsigned long outside = 1UL << 16;
#endif

	report_eq(psci_call(PSCI_HVC, PSCI_AFFINITY_INFO, self | outside, 0, 0),
		  PSCI_INVALID_PARAMETERS, "AFFINITY_INFO of an affinity no CPU has");
	report_eq(psci_call(PSCI_HVC, PSCI_CPU_ON, self, (unsigned long)psci_secondary_entry, 0),
		  PSCI_ALREADY_ON, "CPU_ON of the calling CPU: ALREADY_ON");
	report_eq(psci_call(PSCI_HVC, PSCI_AFFINITY_INFO, self, 0, 0), PSCI_AFFINITY_ON,
		  "AFFINITY_INFO of the calling CPU: ON");
}
