/* SPDX-License-Identifier: Apache-2.0 */
/* The arch_* interface on RISC-V: CPU ids, starting harts, time, power. */
#include <bulwark/arch.h>
#include <bulwark/errno.h>
#include <bulwark/printk.h>
#include <asm/atomic.h>
#include <asm/csr.h>
#include <asm/processor.h>
#include <asm/riscv.h>
#include <asm/sbi.h>
#include <generated/board.h>

/*
 * The rate of the time CSR: the board's timebase (board.hw), or QEMU virt's
 * 10 MHz. It is only used for bounded waits and rate limits, so a board
 * whose rate differs from what it says waits longer or shorter but still
 * finishes.
 */
#ifdef BOARD_TIMEBASE_HZ
#define RISCV_TIMEBASE_HZ BOARD_TIMEBASE_HZ
#else
#define RISCV_TIMEBASE_HZ 10000000u
#endif

unsigned int arch_cpu_id(void)
{
	unsigned long cpu;

	/* boot.S keeps the CPU index in tp for as long as we run. */
	__asm__("mv %0, tp" : "=r"(cpu));
	return (unsigned int)cpu;
}

unsigned long arch_cpu_hw_id(unsigned int cpu)
{
	/* Boards we support number their harts 0..N-1, matching CPU indexes. */
	return cpu;
}

const char *arch_cpu_hw_id_name(void)
{
	return "hart";
}

const char *arch_cpu_mode_name(void)
{
	return "HS-mode";
}

int arch_start_cpu(unsigned int cpu)
{
	unsigned long hartid = arch_cpu_hw_id(cpu);
	struct sbiret ret = sbi_hart_get_status(hartid);

	if (ret.error == SBI_ERR_INVALID_PARAM) {
		pr_debug("SBI HSM: hart %lu: status: %s", hartid, sbi_strerror(ret.error));
		return -ENODEV;
	}
	if (ret.error == SBI_SUCCESS && ret.value != SBI_HSM_STOPPED)
		return -EBUSY;

	/* Everything the new hart reads must be in memory before it runs. */
	arch_smp_mb();
	ret = sbi_hart_start(hartid, (unsigned long)riscv_secondary_entry, cpu);
	switch (ret.error) {
	case SBI_SUCCESS:
		return 0;
	case SBI_ERR_INVALID_PARAM:
		return -ENODEV;
	case SBI_ERR_ALREADY_AVAILABLE:
	case SBI_ERR_ALREADY_STARTED:
		return -EBUSY;
	default:
		pr_warn("SBI HSM hart_start(%lu): %s (%ld)", hartid, sbi_strerror(ret.error),
			ret.error);
		return -EIO;
	}
}

const char *arch_cpu_silent_hint(unsigned int cpu)
{
	struct sbiret ret = sbi_hart_get_status(arch_cpu_hw_id(cpu));

	if (ret.error != SBI_SUCCESS)
		return NULL;
	switch (ret.value) {
	case SBI_HSM_START_PENDING:
		/*
		 * OpenSBI 1.5.1's boot-hart lottery can strand a hart that
		 * reaches the firmware late: it never gets to the point where
		 * it would notice our start request.
		 */
		return "SBI HSM still says start pending: the hart never left the firmware "
		       "(OpenSBI 1.5.1 strands harts that reach it late; QEMU's -bios default "
		       "does not)";
	case SBI_HSM_STARTED:
		return "SBI HSM says started: it is stuck in the hypervisor";
	case SBI_HSM_STOPPED:
		return "SBI HSM says stopped";
	default:
		return NULL;
	}
}

u64 arch_counter_read(void)
{
#if __riscv_xlen == 32
	u32 hi, lo;

	/* Re-read if the low half wrapped between the two reads. */
	do {
		hi = (u32)csr_read(CSR_TIMEH);
		lo = (u32)csr_read(CSR_TIME);
	} while (hi != (u32)csr_read(CSR_TIMEH));
	return ((u64)hi << 32) | lo;
#else
	return csr_read(CSR_TIME);
#endif
}

u64 arch_counter_freq(void)
{
	return RISCV_TIMEBASE_HZ;
}

void arch_relax(void)
{
	cpu_relax();
}

void arch_halt(void)
{
	csr_clear(CSR_SSTATUS, SSTATUS_SIE);
	csr_write(CSR_SIE, 0);
	for (;;)
		cpu_wait_for_interrupt();
}

void arch_poweroff(enum arch_poweroff_reason reason)
{
	unsigned long sbi_reason =
	    reason == POWEROFF_FAILURE ? SBI_SRST_REASON_FAILURE : SBI_SRST_REASON_NONE;
	struct sbiret ret = sbi_system_reset(SBI_SRST_TYPE_SHUTDOWN, sbi_reason);

	pr_err("SBI SRST shutdown failed: %s (%ld); trying the legacy shutdown call",
	       sbi_strerror(ret.error), ret.error);
	sbi_legacy_shutdown();
	pr_err("legacy SBI shutdown failed too; halting this hart");
	arch_halt();
}
