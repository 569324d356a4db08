/* SPDX-License-Identifier: Apache-2.0 */
/* PSCI 1.1 function ids (SMC32), return values, and calls through HVC or SMC. */
#ifndef GUEST_ARM_PSCI_H
#define GUEST_ARM_PSCI_H

#define PSCI_VERSION	   0x84000000UL
#define PSCI_CPU_OFF	   0x84000002UL
#define PSCI_CPU_ON	   0x84000003UL
#define PSCI_AFFINITY_INFO 0x84000004UL
#define PSCI_SYSTEM_OFF	   0x84000008UL
#define PSCI_SYSTEM_RESET  0x84000009UL
#define PSCI_FEATURES	   0x8400000aUL
/* The last id of the PSCI range; no PSCI version assigns it. */
#define PSCI_UNASSIGNED 0x8400001fUL

#define PSCI_SUCCESS		0
#define PSCI_NOT_SUPPORTED	-1
#define PSCI_INVALID_PARAMETERS -2
#define PSCI_DENIED		-3
#define PSCI_ALREADY_ON		-4

#define PSCI_AFFINITY_ON	 0
#define PSCI_AFFINITY_OFF	 1
#define PSCI_AFFINITY_ON_PENDING 2

enum psci_conduit { PSCI_HVC, PSCI_SMC };

long psci_call(enum psci_conduit conduit, unsigned long fn, unsigned long a1, unsigned long a2,
	       unsigned long a3);
/* The entry a CPU_ON'd CPU starts at (start.S); r0 = context id. */
extern char psci_secondary_entry[];

#endif
