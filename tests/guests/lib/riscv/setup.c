/* SPDX-License-Identifier: Apache-2.0 */
/* Per-hart identity and the boot-time setup of the RISC-V runtime. */
#include "../test.h"
#include "sbi.h"
#include "timer.h"

unsigned long this_hart(void)
{
	unsigned long hart;

	/* start.S keeps the hart id in tp; compiled code never touches it (no TLS). */
	__asm__("mv %0, tp" : "=r"(hart));
	return hart;
}

void arch_init(void)
{
	sbi_console_init();
	timer_init();
}
