/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The arch_* interface on AArch64: CPU ids, time, power (PSCI or
 * semihosting). Starting CPUs: arch/arm-common/cpu_start.c.
 */
#include <bulwark/addr.h>
#include <bulwark/arch.h>
#include <bulwark/printk.h>
#include <asm/arm64.h>
#include <asm/processor.h>
#include <asm/psci.h>
#include <asm/sysreg.h>

unsigned int arch_cpu_id(void)
{
	/* boot.S keeps the CPU index in TPIDR_EL2, which no guest can write. */
	return (unsigned int)read_sysreg(tpidr_el2);
}

const char *arch_cpu_mode_name(void)
{
	return "EL2";
}

long psci_smc(u64 id, u64 arg0, u64 arg1, u64 arg2)
{
	register u64 x0 __asm__("x0") = id;
	register u64 x1 __asm__("x1") = arg0;
	register u64 x2 __asm__("x2") = arg1;
	register u64 x3 __asm__("x3") = arg2;

	/* SMCCC: x4-x17 may be clobbered by the firmware. */
	__asm__ __volatile__("smc #0"
			     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
			     :
			     : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13",
			       "x14", "x15", "x16", "x17", "memory");
	return (long)x0;
}

u64 arch_counter_read(void)
{
	/* The isb keeps the read from happening before earlier instructions. */
	isb();
	return read_sysreg(cntpct_el0);
}

u64 arch_counter_freq(void)
{
	return read_sysreg(cntfrq_el0);
}

void arch_relax(void)
{
	cpu_relax();
}

void arch_halt(void)
{
	__asm__ __volatile__("msr daifset, #0xf" ::: "memory");
	for (;;)
		cpu_wait_for_interrupt();
}

#ifdef CONFIG_ARM_POWEROFF_SEMIHOSTING
/* Semihosting SYS_EXIT: AArch64 passes x1 = the address of {reason, status}. */
#define SEMIHOSTING_SYS_EXIT		  0x18u
#define ADP_STOPPED_APPLICATION_EXIT	  0x20026u
#define ADP_STOPPED_RUNTIME_ERROR_UNKNOWN 0x20023u

void arch_poweroff(enum arch_poweroff_reason reason)
{
	static u64 block[2];
	static volatile bool tried;

	/*
	 * Without a debugger or model listening, HLT is undefined: the
	 * exception's panic comes back here, and must halt rather than loop.
	 */
	if (tried)
		arch_halt();
	tried = true;

	register u64 x0 __asm__("x0") = SEMIHOSTING_SYS_EXIT;
	register u64 x1 __asm__("x1") = ptr_to_hpa(block);
	block[0] = reason == POWEROFF_NORMAL ? ADP_STOPPED_APPLICATION_EXIT
					     : ADP_STOPPED_RUNTIME_ERROR_UNKNOWN;
	block[1] = reason == POWEROFF_NORMAL ? 0 : 1;
	/* A model or debugger with semihosting on stops; status 0 after a normal exit. */
	__asm__ __volatile__("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
	pr_err("semihosting SYS_EXIT returned (no debugger, or semihosting is off); halting this "
	       "CPU");
	arch_halt();
}
#endif
