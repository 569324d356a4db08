/* SPDX-License-Identifier: Apache-2.0 */
/* Per-CPU identity and the boot-time setup of the AArch32 runtime. */
#include "../arch.h"
#include "../test.h"
#include "gic.h"
#include "sysreg.h"
#include "timer.h"

unsigned long this_hart(void)
{
	return mpidr_cpu();
}

void arch_init(void)
{
	timer_init();
	gic_init();
}
