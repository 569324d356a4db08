/* SPDX-License-Identifier: Apache-2.0 */
/* Powering off a Raspberry Pi through the BCM2835/BCM2711 power manager's watchdog. */
#include <bulwark/addr.h>
#include <bulwark/arch.h>
#include <bulwark/printk.h>
#include <generated/board.h>

#define PM_RSTC			 0x1c	     /* reset control */
#define PM_RSTS			 0x20	     /* reset status: the partition booted next */
#define PM_WDOG			 0x24	     /* watchdog countdown, in ticks of about 16 us */
#define PM_PASSWORD		 0x5a000000u /* every write carries it in bits 31:24 */
#define PM_PASSWORD_MASK	 0xff000000u
#define PM_RSTC_WRCFG_MASK	 0x00000030u
#define PM_RSTC_WRCFG_FULL_RESET 0x00000020u
/* The partition number is spread over the even bits 0-10; 63 means halt. */
#define PM_RSTS_PARTITION_MASK 0x00000555u
#define PM_RSTS_PARTITION_HALT 0x00000555u
#define PM_WDOG_TICKS	       10u

/* How long to wait for the watchdog before saying it never fired. */
#define PM_RESET_SPIN_LIMIT 10000000u

static volatile u32 *pm_reg(unsigned int offset)
{
	return (volatile u32 *)hpa_to_mmio(BOARD_DEV_PM_BASE + offset);
}

void arch_poweroff(enum arch_poweroff_reason reason)
{
	u32 rsts = *pm_reg(PM_RSTS);
	u32 rstc = *pm_reg(PM_RSTC);

	(void)reason; /* The halt partition has no way to say why. */
	*pm_reg(PM_RSTS) = PM_PASSWORD | (rsts & ~(PM_PASSWORD_MASK | PM_RSTS_PARTITION_MASK)) |
			   PM_RSTS_PARTITION_HALT;
	*pm_reg(PM_WDOG) = PM_PASSWORD | PM_WDOG_TICKS;
	*pm_reg(PM_RSTC) = PM_PASSWORD | (rstc & ~(PM_PASSWORD_MASK | PM_RSTC_WRCFG_MASK)) |
			   PM_RSTC_WRCFG_FULL_RESET;
	for (unsigned int spins = 0; spins < PM_RESET_SPIN_LIMIT; spins++)
		arch_relax();
	pr_err("the power manager's watchdog (0x%llx) did not reset the machine; halting this CPU",
	       (unsigned long long)BOARD_DEV_PM_BASE);
	arch_halt();
}
