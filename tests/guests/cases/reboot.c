/* SPDX-License-Identifier: Apache-2.0 */
/* SRST cold reboot: the first boot leaves a marker outside the image, the second finds it. */
#include <stdint.h>
#include "sbi.h"
#include "test.h"

#define REBOOT_MAGIC 0x21544f4f42455201ULL

/* .noinit is placed after the bss: neither part of the loaded image nor cleared at boot. */
static volatile uint64_t marker[2] __attribute__((section(".noinit")));

TEST_CASE(reboot)
{
	struct sbiret r;

	if (marker[0] == REBOOT_MAGIC) {
		marker[0] = 0;
		report_eq(marker[1], 1, "boots before this one, counted in RAM outside the image");
		return;
	}
	marker[1] = 1;
	marker[0] = REBOOT_MAGIC;
	__asm__ volatile("fence rw, rw" ::: "memory");
	report_info("first boot: marker at 0x%lx, asking SRST for a cold reboot",
		    (unsigned long)marker);
	r = sbi_system_reset(SBI_SRST_COLD_REBOOT, 0);
	marker[0] = 0;
	report(false, "SRST cold reboot returned (error %ld)", r.error);
}
