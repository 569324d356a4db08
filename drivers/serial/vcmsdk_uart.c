/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A virtual CMSDK APB UART per VM with a virtual console: the register model
 * (cmsdk_uart_model.c) behind the shared VM glue (vuart_glue.c).
 */
#include <generated/board.h>

#include "cmsdk_uart_model.h"
#include "vuart_glue.h"

static struct cmsdk_uart_model models[VMCONF_NR_VMS];

/* Registers are words; a narrower access at a word's start reaches its low bits. */
static int vcmsdk_uart_decode(u64 offset, unsigned int width)
{
	if (width > 4 || (offset & 3))
		return VUART_BAD_ACCESS;
	return (int)(offset / 4); /* the model answers every word of the window */
}

static void *vcmsdk_uart_model(unsigned int vm_id)
{
	return &models[vm_id];
}

static void vcmsdk_uart_reset(void *m)
{
	cmsdk_uart_model_reset(m);
}

static u32 vcmsdk_uart_read(void *m, int reg)
{
	return cmsdk_uart_model_read(m, 4u * (u32)reg);
}

static int vcmsdk_uart_write(void *m, int reg, u32 value)
{
	return cmsdk_uart_model_write(m, 4u * (u32)reg, value);
}

static bool vcmsdk_uart_wants_input(const void *m)
{
	return cmsdk_uart_model_wants_input(m);
}

static void vcmsdk_uart_receive(void *m, u8 byte)
{
	cmsdk_uart_model_receive(m, byte);
}

static bool vcmsdk_uart_irq(const void *m)
{
	return cmsdk_uart_model_irq(m);
}

static bool vcmsdk_uart_listening(const void *m)
{
	return ((const struct cmsdk_uart_model *)m)->ctrl & CMSDK_UART_CTRL_RXINTEN;
}

/* A guest polling STATE for RXFULL, or reading DATA, is reading. */
static bool vcmsdk_uart_reads_input(int reg)
{
	return reg == CMSDK_UART_STATE / 4 || reg == CMSDK_UART_DATA / 4;
}

const struct vuart_model_ops vuart_model = {
    .name = "cmsdk-uart",
    .decode = vcmsdk_uart_decode,
    .model = vcmsdk_uart_model,
    .reset = vcmsdk_uart_reset,
    .read = vcmsdk_uart_read,
    .write = vcmsdk_uart_write,
    .wants_input = vcmsdk_uart_wants_input,
    .receive = vcmsdk_uart_receive,
    .irq = vcmsdk_uart_irq,
    .listening = vcmsdk_uart_listening,
    .reads_input = vcmsdk_uart_reads_input,
};
