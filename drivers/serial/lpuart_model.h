/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The register model of an NXP LPUART as a VM's virtual console, free of
 * locks and hypervisor state so that it is unit-tested on the host. The
 * transmitter sends at once (STAT.TDRE and TC always read set); the
 * receiver holds one byte, refilled by the caller whenever
 * lpuart_model_wants_input() says so. Out of reset both directions are on,
 * as a boot loader leaves a console.
 */
#ifndef BULWARK_LPUART_MODEL_H
#define BULWARK_LPUART_MODEL_H

#include <bulwark/types.h>

#include "lpuart_regs.h"

struct lpuart_model {
	u32 global, pincfg, baud, ctrl, match, modir, fifo, water;
	bool overrun; /* STAT.OR, until written back as 1 */
	bool rx_full; /* rx_byte waits in DATA */
	u8 rx_byte;
};

void lpuart_model_reset(struct lpuart_model *m);

/* A guest read of the 32-bit register at offset (a multiple of 4); reading DATA takes the byte. */
u32 lpuart_model_read(struct lpuart_model *m, u32 offset);

/* A guest write; returns the byte sent on the line, or -1 when none is. */
int lpuart_model_write(struct lpuart_model *m, u32 offset, u32 value);

/* Whether the receiver is on and empty: it takes a byte from the outside. */
bool lpuart_model_wants_input(const struct lpuart_model *m);

/* A byte from the outside: into DATA, or an overrun when it still holds one. */
void lpuart_model_receive(struct lpuart_model *m, u8 byte);

/* The interrupt output: CTRL's RIE, TIE, TCIE or ORIE with its condition. */
bool lpuart_model_irq(const struct lpuart_model *m);

#endif /* BULWARK_LPUART_MODEL_H */
