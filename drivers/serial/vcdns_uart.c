/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A virtual Cadence UART per VM with a virtual console: the register model
 * (cdns_uart_model.c) behind the shared VM glue (vuart_glue.c).
 */
#include <generated/board.h>

#include "cdns_uart_model.h"
#include "vuart_glue.h"

static struct cdns_uart_model models[VMCONF_NR_VMS];

/* Registers are words; a narrower access at a word's start reaches its low bits. */
static int vcdns_uart_decode(u64 offset, unsigned int width)
{
	if (width > 4 || (offset & 3))
		return VUART_BAD_ACCESS;
	return (int)(offset / 4); /* the model answers every word of the window */
}

static void *vcdns_uart_model(unsigned int vm_id)
{
	return &models[vm_id];
}

static void vcdns_uart_reset(void *m)
{
	cdns_uart_model_reset(m);
}

static u32 vcdns_uart_read(void *m, int reg)
{
	return cdns_uart_model_read(m, 4u * (u32)reg);
}

static int vcdns_uart_write(void *m, int reg, u32 value)
{
	return cdns_uart_model_write(m, 4u * (u32)reg, value);
}

static bool vcdns_uart_wants_input(const void *m)
{
	return cdns_uart_model_wants_input(m);
}

static void vcdns_uart_receive(void *m, u8 byte)
{
	cdns_uart_model_receive(m, byte);
}

static bool vcdns_uart_irq(const void *m)
{
	return cdns_uart_model_irq(m);
}

static bool vcdns_uart_listening(const void *m)
{
	return ((const struct cdns_uart_model *)m)->imr &
	       (CDNS_UART_INT_RTRIG | CDNS_UART_INT_TIMEOUT | CDNS_UART_INT_RFUL);
}

/* A guest polling SR for REMPTY, or reading the FIFO, is reading. */
static bool vcdns_uart_reads_input(int reg)
{
	return reg == CDNS_UART_SR / 4 || reg == CDNS_UART_FIFO / 4;
}

const struct vuart_model_ops vuart_model = {
    .name = "cdns-uart",
    .decode = vcdns_uart_decode,
    .model = vcdns_uart_model,
    .reset = vcdns_uart_reset,
    .read = vcdns_uart_read,
    .write = vcdns_uart_write,
    .wants_input = vcdns_uart_wants_input,
    .receive = vcdns_uart_receive,
    .irq = vcdns_uart_irq,
    .listening = vcdns_uart_listening,
    .reads_input = vcdns_uart_reads_input,
};
