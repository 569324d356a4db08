/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The register model of a Cadence UART as a VM's virtual console, free of
 * locks and hypervisor state so that it is unit-tested on the host. The
 * transmitter sends at once (TFUL never reads set, TEMPTY always; each byte
 * sent raises TEMPTY in ISR); the receiver holds one byte, refilled by the
 * caller whenever cdns_uart_model_wants_input() says so. A byte received
 * raises RTRIG when the trigger level (RXWM) is 1 and TIMEOUT when the
 * receiver timeout (RXTOUT) is on, as if the line then went idle. Out of
 * reset both directions are on, as a boot loader leaves a console.
 */
#ifndef BULWARK_CDNS_UART_MODEL_H
#define BULWARK_CDNS_UART_MODEL_H

#include <bulwark/types.h>

#include "cdns_uart_regs.h"

struct cdns_uart_model {
	u32 cr, mr, imr, isr;
	u32 baudgen, rxtout, rxwm, modemcr, bauddiv, flowdel, txwm;
	bool rx_full; /* rx_byte waits in the FIFO */
	u8 rx_byte;
};

void cdns_uart_model_reset(struct cdns_uart_model *m);

/* A guest read of the 32-bit register at offset (a multiple of 4); reading FIFO takes the byte. */
u32 cdns_uart_model_read(struct cdns_uart_model *m, u32 offset);

/* A guest write; returns the byte sent on the line, or -1 when none is. */
int cdns_uart_model_write(struct cdns_uart_model *m, u32 offset, u32 value);

/* Whether the receiver is on and empty: it takes a byte from the outside. */
bool cdns_uart_model_wants_input(const struct cdns_uart_model *m);

/* A byte from the outside: into the FIFO, or an overrun when it still holds one. */
void cdns_uart_model_receive(struct cdns_uart_model *m, u8 byte);

/* The interrupt output: some raw status bit that IMR enables is set. */
bool cdns_uart_model_irq(const struct cdns_uart_model *m);

#endif /* BULWARK_CDNS_UART_MODEL_H */
