/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The register model of an Arm CMSDK APB UART as a VM's virtual console,
 * free of locks and hypervisor state so that it is unit-tested on the
 * host. The transmitter sends at once (TXFULL never reads set; each byte
 * sent raises the TX interrupt status when TXINTEN is on); the receiver
 * holds one byte, refilled by the caller from its input queue whenever
 * cmsdk_uart_model_wants_input() says so. Out of reset both directions are
 * off (CTRL = 0), as on the hardware: the guest turns them on.
 */
#ifndef BULWARK_CMSDK_UART_MODEL_H
#define BULWARK_CMSDK_UART_MODEL_H

#include <bulwark/types.h>

#include "cmsdk_uart_regs.h"

struct cmsdk_uart_model {
	u32 ctrl;      /* CTRL, bits 6:0 */
	u32 bauddiv;   /* BAUDDIV, bits 19:0 */
	u32 intstatus; /* CMSDK_UART_INT_* raised and not yet cleared */
	u32 overruns;  /* STATE's TXOVR / RXOVR, until written back as 1 */
	bool rx_full;  /* rx_byte waits in DATA */
	u8 rx_byte;
};

void cmsdk_uart_model_reset(struct cmsdk_uart_model *m);

/* A guest read of the 32-bit register at offset (a multiple of 4); reading DATA takes the byte. */
u32 cmsdk_uart_model_read(struct cmsdk_uart_model *m, u32 offset);

/* A guest write; returns the byte sent on the line, or -1 when none is. */
int cmsdk_uart_model_write(struct cmsdk_uart_model *m, u32 offset, u32 value);

/* Whether the receiver is on and DATA is empty: it takes a byte from the outside. */
bool cmsdk_uart_model_wants_input(const struct cmsdk_uart_model *m);

/* A byte from the outside: into DATA, or an overrun when DATA still holds one. */
void cmsdk_uart_model_receive(struct cmsdk_uart_model *m, u8 byte);

/* The combined interrupt output: some enabled interrupt status is raised. */
bool cmsdk_uart_model_irq(const struct cmsdk_uart_model *m);

#endif /* BULWARK_CMSDK_UART_MODEL_H */
