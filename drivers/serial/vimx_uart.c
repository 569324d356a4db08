/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A virtual i.MX UART per VM with a virtual console: the register model
 * (imx_uart_model.c) behind the shared VM glue (vuart_glue.c).
 */
#include <generated/board.h>

#include "imx_uart_model.h"
#include "vuart_glue.h"

static struct imx_uart_model models[VMCONF_NR_VMS];

/* Registers are words; a narrower access at a word's start reaches its low bits. */
static int vimx_uart_decode(u64 offset, unsigned int width)
{
	if (width > 4 || (offset & 3))
		return VUART_BAD_ACCESS;
	return (int)(offset / 4); /* the model answers every word of the window */
}

static void *vimx_uart_model(unsigned int vm_id)
{
	return &models[vm_id];
}

static void vimx_uart_reset(void *m)
{
	imx_uart_model_reset(m);
}

static u32 vimx_uart_read(void *m, int reg)
{
	return imx_uart_model_read(m, 4u * (u32)reg);
}

static int vimx_uart_write(void *m, int reg, u32 value)
{
	return imx_uart_model_write(m, 4u * (u32)reg, value);
}

static bool vimx_uart_wants_input(const void *m)
{
	return imx_uart_model_wants_input(m);
}

static void vimx_uart_receive(void *m, u8 byte)
{
	imx_uart_model_receive(m, byte);
}

static bool vimx_uart_irq(const void *m)
{
	return imx_uart_model_irq(m);
}

static bool vimx_uart_listening(const void *m)
{
	const struct imx_uart_model *u = m;

	return (u->ucr1 & IMX_UART_UCR1_RRDYEN) || (u->ucr4 & IMX_UART_UCR4_DREN);
}

/* A guest polling USR1, USR2 or UTS for a byte, or reading URXD, is reading. */
static bool vimx_uart_reads_input(int reg)
{
	return reg == IMX_UART_URXD / 4 || reg == IMX_UART_USR1 / 4 || reg == IMX_UART_USR2 / 4 ||
	       reg == IMX_UART_UTS / 4;
}

const struct vuart_model_ops vuart_model = {
    .name = "imx-uart",
    .decode = vimx_uart_decode,
    .model = vimx_uart_model,
    .reset = vimx_uart_reset,
    .read = vimx_uart_read,
    .write = vimx_uart_write,
    .wants_input = vimx_uart_wants_input,
    .receive = vimx_uart_receive,
    .irq = vimx_uart_irq,
    .listening = vimx_uart_listening,
    .reads_input = vimx_uart_reads_input,
};
