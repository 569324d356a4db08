/* SPDX-License-Identifier: Apache-2.0 */
/* Just enough of a flattened device tree reader to find one device and the chosen console. */
#ifndef GUEST_RISCV_FDT_H
#define GUEST_RISCV_FDT_H

#include <stdbool.h>

#define FDT_PATH_MAX 96

struct fdt_device {
	char path[FDT_PATH_MAX]; /* e.g. "/soc/serial@10000000" */
	unsigned long base;	 /* the first address of reg */
	unsigned int irq;	 /* the first cell of interrupts, 0 without */
};

/* The first node whose compatible list holds compat; false when none (or no tree). */
bool fdt_find_compatible(unsigned long dtb, const char *compat, struct fdt_device *out);

/* /chosen's stdout-path without ":options" into path; false when it has none. */
bool fdt_stdout_path(unsigned long dtb, char *path, unsigned long size);

#endif
