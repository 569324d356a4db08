/* SPDX-License-Identifier: Apache-2.0 */
/* Powering off an Arm board through its firmware's PSCI SYSTEM_OFF (CONFIG_ARM_POWEROFF_PSCI). */
#include <bulwark/arch.h>
#include <bulwark/printk.h>
#include <asm/psci.h>

void arch_poweroff(enum arch_poweroff_reason reason)
{
	long ret;

	(void)reason; /* PSCI SYSTEM_OFF has no way to say why. */
	ret = psci_smc(PSCI_SYSTEM_OFF, 0, 0, 0);
	pr_err("PSCI SYSTEM_OFF failed: %s (%ld); halting this CPU", psci_strerror(ret), ret);
	arch_halt();
}
