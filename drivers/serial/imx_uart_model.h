/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The register model of an i.MX UART as a VM's virtual console, free of
 * locks and hypervisor state so that it is unit-tested on the host. The
 * transmitter sends at once (UTS.TXFULL never reads set; USR1.TRDY,
 * USR2.TXFE and TXDC always do); the receiver holds one byte, refilled by
 * the caller whenever imx_uart_model_wants_input() says so. Out of reset
 * the UART is enabled both ways with 8-bit characters, as a boot loader
 * leaves a console.
 */
#ifndef BULWARK_IMX_UART_MODEL_H
#define BULWARK_IMX_UART_MODEL_H

#include <bulwark/types.h>

#include "imx_uart_regs.h"

struct imx_uart_model {
	u32 ucr1, ucr2, ucr3, ucr4, ufcr, uesc, utim, ubir, ubmr, onems, uts, umcr;
	bool overrun; /* USR2.ORE, until written back as 1 */
	bool rx_full; /* rx_byte waits in URXD */
	u8 rx_byte;
};

void imx_uart_model_reset(struct imx_uart_model *m);

/* A guest read of the 32-bit register at offset (a multiple of 4); reading URXD takes the byte. */
u32 imx_uart_model_read(struct imx_uart_model *m, u32 offset);

/* A guest write; returns the byte sent on the line, or -1 when none is. */
int imx_uart_model_write(struct imx_uart_model *m, u32 offset, u32 value);

/* Whether the receiver is on and empty: it takes a byte from the outside. */
bool imx_uart_model_wants_input(const struct imx_uart_model *m);

/* A byte from the outside: into URXD, or an overrun when it still holds one. */
void imx_uart_model_receive(struct imx_uart_model *m, u8 byte);

/* The interrupt output: an enabled condition holds (UCR1 RRDYEN/TRDYEN, UCR4 DREN/OREN/TCEN). */
bool imx_uart_model_irq(const struct imx_uart_model *m);

#endif /* BULWARK_IMX_UART_MODEL_H */
