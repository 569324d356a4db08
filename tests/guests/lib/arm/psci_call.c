/* SPDX-License-Identifier: Apache-2.0 */
/* One PSCI (SMCCC) call through HVC or SMC: r0 = function, r1-r3 = arguments, result in r0. */
#include "psci.h"

long psci_call(enum psci_conduit conduit, unsigned long fn, unsigned long a1, unsigned long a2,
	       unsigned long a3)
{
	register unsigned long r0 __asm__("r0") = fn;
	register unsigned long r1 __asm__("r1") = a1;
	register unsigned long r2 __asm__("r2") = a2;
	register unsigned long r3 __asm__("r3") = a3;

	/* SMC32 / HVC32: results in r0-r3, r4 and up preserved, r12 may change. */
	if (conduit == PSCI_SMC)
		__asm__ volatile(".arch_extension sec\n\tsmc #0"
				 : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)
				 :
				 : "r12", "memory");
	else
		__asm__ volatile(".arch_extension virt\n\thvc #0"
				 : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)
				 :
				 : "r12", "memory");
	return (long)r0;
}
