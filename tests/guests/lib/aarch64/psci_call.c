/* SPDX-License-Identifier: Apache-2.0 */
/* One PSCI (SMCCC) call through HVC or SMC: x0 = function, x1-x3 = arguments, result in x0. */
#include "psci.h"

long psci_call(enum psci_conduit conduit, unsigned long fn, unsigned long a1, unsigned long a2,
	       unsigned long a3)
{
	register unsigned long x0 __asm__("x0") = fn;
	register unsigned long x1 __asm__("x1") = a1;
	register unsigned long x2 __asm__("x2") = a2;
	register unsigned long x3 __asm__("x3") = a3;

	/* SMCCC lets the callee change x0-x17. */
	if (conduit == PSCI_SMC)
		__asm__ volatile("smc #0"
				 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
				 :
				 : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13",
				   "x14", "x15", "x16", "x17", "memory");
	else
		__asm__ volatile("hvc #0"
				 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
				 :
				 : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13",
				   "x14", "x15", "x16", "x17", "memory");
	return (long)x0;
}
