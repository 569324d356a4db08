/* SPDX-License-Identifier: Apache-2.0 */
/* PSCI function ids and return codes, and calls into the firmware's PSCI over SMC. */
#ifndef ASM_PSCI_H
#define ASM_PSCI_H

#include <bulwark/types.h>

/* SMCCC function id fields. */
#define SMCCC_FAST_CALL	       (1u << 31)
#define SMCCC_64BIT	       (1u << 30)
#define SMCCC_OWNER_SHIFT      24
#define SMCCC_OWNER_MASK       0x3fu
#define SMCCC_FUNC_MASK	       0xffffu
#define SMCCC_OWNER_ARCH       0
#define SMCCC_OWNER_STD	       4 /* standard secure services: PSCI */
#define SMCCC_OWNER_VENDOR_HYP 6
#define SMCCC_UNKNOWN	       (-1L)

/* PSCI function numbers within the standard service (the low bits of the id). */
#define PSCI_FN_VERSION		  0x00
#define PSCI_FN_CPU_SUSPEND	  0x01
#define PSCI_FN_CPU_OFF		  0x02
#define PSCI_FN_CPU_ON		  0x03
#define PSCI_FN_AFFINITY_INFO	  0x04
#define PSCI_FN_MIGRATE_INFO_TYPE 0x06
#define PSCI_FN_SYSTEM_OFF	  0x08
#define PSCI_FN_SYSTEM_RESET	  0x09
#define PSCI_FN_FEATURES	  0x0a
#define PSCI_FN_LAST		  0x1f

/* Full ids of the calls the hypervisor itself makes. */
#define PSCI_0_2_FN_BASE      0x84000000u
#define PSCI_0_2_FN64_BASE    0xc4000000u
#define PSCI_CPU_ON_64	      (PSCI_0_2_FN64_BASE + PSCI_FN_CPU_ON)
#define PSCI_AFFINITY_INFO_64 (PSCI_0_2_FN64_BASE + PSCI_FN_AFFINITY_INFO)
#define PSCI_SYSTEM_OFF	      (PSCI_0_2_FN_BASE + PSCI_FN_SYSTEM_OFF)
/* The SMC32 forms, which AArch32 uses. */
#define PSCI_CPU_ON_32	      (PSCI_0_2_FN_BASE + PSCI_FN_CPU_ON)
#define PSCI_AFFINITY_INFO_32 (PSCI_0_2_FN_BASE + PSCI_FN_AFFINITY_INFO)

#define PSCI_VERSION_1_1 0x00010001

/* Return codes. */
#define PSCI_SUCCESS		0
#define PSCI_NOT_SUPPORTED	(-1)
#define PSCI_INVALID_PARAMETERS (-2)
#define PSCI_DENIED		(-3)
#define PSCI_ALREADY_ON		(-4)
#define PSCI_ON_PENDING		(-5)
#define PSCI_INTERNAL_FAILURE	(-6)
#define PSCI_NOT_PRESENT	(-7)
#define PSCI_DISABLED		(-8)
#define PSCI_INVALID_ADDRESS	(-9)

/* AFFINITY_INFO answers. */
#define PSCI_AFFINITY_ON	 0
#define PSCI_AFFINITY_OFF	 1
#define PSCI_AFFINITY_ON_PENDING 2

/* MIGRATE_INFO_TYPE: no trusted OS that needs migrating. */
#define PSCI_MIGRATE_NOT_REQUIRED 2

/* One SMC to the firmware: x0 (r0) = id, x1..x3 (r1..r3) = arguments; returns x0 (r0). */
long psci_smc(u64 id, u64 arg0, u64 arg1, u64 arg2);

/* Name of a PSCI return code, for messages. */
const char *psci_strerror(long code);

#endif /* ASM_PSCI_H */
