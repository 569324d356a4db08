/* SPDX-License-Identifier: Apache-2.0 */
/* Bulwark hypercalls (SBI extension 0x08000BA0, id in a6). */
#include "../arch.h"
#include "../test.h"
#include "sbi.h"

#define SBI_EXT_BULWARK 0x08000ba0UL

long arch_hypercall(unsigned long id, unsigned long a0, unsigned long a1)
{
	/* Bao's convention: the result comes back in a0 alone. */
	return sbi_call(SBI_EXT_BULWARK, id, a0, a1, 0, 0, 0).error;
}
