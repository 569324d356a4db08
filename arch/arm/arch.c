/* SPDX-License-Identifier: Apache-2.0 */
/* The arch_* interface on AArch32: CPU ids, time, power (starting CPUs:
 * arch/arm-common/cpu_start.c). */
#include <bulwark/arch.h>
#include <bulwark/printk.h>
#include <asm/arm32.h>
#include <asm/cp15.h>
#include <asm/processor.h>
#include <asm/psci.h>

unsigned int arch_cpu_id(void)
{
	/* boot.S keeps the CPU index in HTPIDR, which no guest can write. */
	return read_cp15(HTPIDR);
}

const char *arch_cpu_mode_name(void)
{
	return "Hyp mode";
}

long psci_smc(u64 id, u64 arg0, u64 arg1, u64 arg2)
{
	register u32 r0 __asm__("r0") = (u32)id;
	register u32 r1 __asm__("r1") = (u32)arg0;
	register u32 r2 __asm__("r2") = (u32)arg1;
	register u32 r3 __asm__("r3") = (u32)arg2;

	/* SMC32: results in r0-r3, r4 and up preserved; r12 may be clobbered. */
	__asm__ __volatile__(".arch_extension sec\n\tsmc #0"
			     : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)
			     :
			     : "r12", "memory");
	return (long)(s32)r0;
}

u64 arch_counter_read(void)
{
	/* The isb keeps the read from happening before earlier instructions. */
	isb();
	return read_cp15_64(CNTPCT_64);
}

u64 arch_counter_freq(void)
{
	return read_cp15(CNTFRQ);
}

void arch_relax(void)
{
	cpu_relax();
}

void arch_halt(void)
{
	__asm__ __volatile__("cpsid aif" ::: "memory");
	for (;;)
		cpu_wait_for_interrupt();
}

#ifdef CONFIG_ARM_POWEROFF_SEMIHOSTING
/* Semihosting SYS_EXIT: r1 is the reason (AArch32 passes it, not a block). */
#define SEMIHOSTING_SYS_EXIT		  0x18u
#define ADP_STOPPED_APPLICATION_EXIT	  0x20026u
#define ADP_STOPPED_RUNTIME_ERROR_UNKNOWN 0x20023u

void arch_poweroff(enum arch_poweroff_reason reason)
{
	static volatile bool tried;

	/*
	 * Without a debugger or QEMU listening, the SVC traps to Hyp mode
	 * itself: the exception's panic comes back here, and must halt
	 * rather than loop.
	 */
	if (tried)
		arch_halt();
	tried = true;

	register u32 r0 __asm__("r0") = SEMIHOSTING_SYS_EXIT;
	register u32 r1 __asm__("r1") = reason == POWEROFF_NORMAL
					    ? ADP_STOPPED_APPLICATION_EXIT
					    : ADP_STOPPED_RUNTIME_ERROR_UNKNOWN;

	/* QEMU (-semihosting) exits: status 0 for a normal exit, 1 otherwise. */
	__asm__ __volatile__("svc 0x123456" : "+r"(r0) : "r"(r1) : "memory");
	pr_err("semihosting SYS_EXIT returned (no debugger or QEMU without -semihosting); "
	       "halting this CPU");
	arch_halt();
}
#endif
