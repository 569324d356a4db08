/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A virtual LPUART per VM with a virtual console: the register model
 * (lpuart_model.c) behind the shared VM glue (vuart_glue.c).
 */
#include <generated/board.h>

#include "lpuart_model.h"
#include "vuart_glue.h"

static struct lpuart_model models[VMCONF_NR_VMS];

/* Registers are words; a narrower access at a word's start reaches its low bits. */
static int vlpuart_decode(u64 offset, unsigned int width)
{
	if (width > 4 || (offset & 3))
		return VUART_BAD_ACCESS;
	return (int)(offset / 4); /* the model answers every word of the window */
}

static void *vlpuart_model(unsigned int vm_id)
{
	return &models[vm_id];
}

static void vlpuart_reset(void *m)
{
	lpuart_model_reset(m);
}

static u32 vlpuart_read(void *m, int reg)
{
	return lpuart_model_read(m, 4u * (u32)reg);
}

static int vlpuart_write(void *m, int reg, u32 value)
{
	return lpuart_model_write(m, 4u * (u32)reg, value);
}

static bool vlpuart_wants_input(const void *m)
{
	return lpuart_model_wants_input(m);
}

static void vlpuart_receive(void *m, u8 byte)
{
	lpuart_model_receive(m, byte);
}

static bool vlpuart_irq(const void *m)
{
	return lpuart_model_irq(m);
}

static bool vlpuart_listening(const void *m)
{
	return ((const struct lpuart_model *)m)->ctrl & LPUART_CTRL_RIE;
}

/* A guest polling STAT or FIFO for a byte, or reading DATA, is reading. */
static bool vlpuart_reads_input(int reg)
{
	return reg == LPUART_STAT / 4 || reg == LPUART_DATA / 4 || reg == LPUART_FIFO / 4;
}

const struct vuart_model_ops vuart_model = {
    .name = "lpuart",
    .decode = vlpuart_decode,
    .model = vlpuart_model,
    .reset = vlpuart_reset,
    .read = vlpuart_read,
    .write = vlpuart_write,
    .wants_input = vlpuart_wants_input,
    .receive = vlpuart_receive,
    .irq = vlpuart_irq,
    .listening = vlpuart_listening,
    .reads_input = vlpuart_reads_input,
};
