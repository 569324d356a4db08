/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A virtual console UART made of a pure register model (unit-tested on the
 * host) and the VM glue of vuart_glue.c, which is the same for every such
 * model: a lock per VM, the console input queue feeding the model's
 * receiver, its interrupt output driving the console's line, output sent
 * without the lock. The one model a board's UART kind needs defines
 * vuart_model; exactly one is built (Kconfig: VUART_<KIND>).
 */
#ifndef BULWARK_VUART_GLUE_H
#define BULWARK_VUART_GLUE_H

#include <bulwark/types.h>

/* What vuart_model_ops.decode answers besides a register number. */
#define VUART_BAD_ACCESS (-1) /* a width or alignment the registers do not take */
#define VUART_RAZ_WI	 (-2) /* no register here: reads as zero, writes ignored */

struct vuart_model_ops {
	const char *name; /* of the MMIO window */
	/* The register an access reaches, or VUART_BAD_ACCESS / VUART_RAZ_WI. */
	int (*decode)(u64 offset, unsigned int width);
	/* The model of VM vm_id (the model keeps one per VM). */
	void *(*model)(unsigned int vm_id);
	void (*reset)(void *model);
	u32 (*read)(void *model, int reg);
	/* Returns the byte sent on the line, or -1 when none is. */
	int (*write)(void *model, int reg, u32 value);
	/* Whether the receiver is empty and takes a byte from the outside. */
	bool (*wants_input)(const void *model);
	void (*receive)(void *model, u8 byte);
	/* The interrupt output, and whether its receive interrupt is enabled. */
	bool (*irq)(const void *model);
	bool (*listening)(const void *model);
	/* Whether a read of reg looks for input (the data or status register). */
	bool (*reads_input)(int reg);
};

extern const struct vuart_model_ops vuart_model;

#endif /* BULWARK_VUART_GLUE_H */
