/* SPDX-License-Identifier: Apache-2.0 */
/* Cold reboot (SBI SRST, PSCI SYSTEM_RESET): the first boot leaves a marker outside the image. */
#include <stdint.h>
#include "arch.h"
#include "test.h"

#define REBOOT_MAGIC 0x21544f4f42455201ULL

/* .noinit is placed after the bss: neither part of the loaded image nor cleared at boot. */
static volatile uint64_t marker[2] __attribute__((section(".noinit")));

TEST_CASE(reboot)
{
	long err;

	if (marker[0] == REBOOT_MAGIC) {
		marker[0] = 0;
		report_eq(marker[1], 1, "boots before this one, counted in RAM outside the image");
		return;
	}
	marker[1] = 1;
	marker[0] = REBOOT_MAGIC;
	arch_mb();
	report_info("first boot: marker at 0x%lx, asking " RESET_NAME " for a cold reboot",
		    (unsigned long)marker);
	err = arch_system_reset();
	marker[0] = 0;
	report(false, RESET_NAME " cold reboot returned (error %ld)", err);
}
