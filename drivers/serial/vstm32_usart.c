/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A virtual STM32 USART per VM with a virtual console: the register model
 * (stm32_usart_model.c) behind the shared VM glue (vuart_glue.c).
 */
#include <generated/board.h>

#include "stm32_usart_model.h"
#include "vuart_glue.h"

static struct stm32_usart_model models[VMCONF_NR_VMS];

/* Registers are words; a narrower access at a word's start reaches its low bits. */
static int vstm32_usart_decode(u64 offset, unsigned int width)
{
	if (width > 4 || (offset & 3))
		return VUART_BAD_ACCESS;
	if (offset >= 4u * USART_NR_REGS)
		return VUART_RAZ_WI; /* the rest of the window */
	return (int)(offset / 4);
}

static void *vstm32_usart_model(unsigned int vm_id)
{
	return &models[vm_id];
}

static void vstm32_usart_reset(void *m)
{
	stm32_usart_model_reset(m);
}

static u32 vstm32_usart_read(void *m, int reg)
{
	return stm32_usart_model_read(m, 4u * (u32)reg);
}

static int vstm32_usart_write(void *m, int reg, u32 value)
{
	return stm32_usart_model_write(m, 4u * (u32)reg, value);
}

static bool vstm32_usart_wants_input(const void *m)
{
	return stm32_usart_model_wants_input(m);
}

static void vstm32_usart_receive(void *m, u8 byte)
{
	stm32_usart_model_receive(m, byte);
}

static bool vstm32_usart_irq(const void *m)
{
	return stm32_usart_model_irq(m);
}

static bool vstm32_usart_listening(const void *m)
{
	return ((const struct stm32_usart_model *)m)->cr1 & USART_CR1_RXNEIE;
}

/* A guest polling ISR for RXNE, or reading RDR, is reading. */
static bool vstm32_usart_reads_input(int reg)
{
	return reg == USART_ISR / 4 || reg == USART_RDR / 4;
}

const struct vuart_model_ops vuart_model = {
    .name = "stm32-usart",
    .decode = vstm32_usart_decode,
    .model = vstm32_usart_model,
    .reset = vstm32_usart_reset,
    .read = vstm32_usart_read,
    .write = vstm32_usart_write,
    .wants_input = vstm32_usart_wants_input,
    .receive = vstm32_usart_receive,
    .irq = vstm32_usart_irq,
    .listening = vstm32_usart_listening,
    .reads_input = vstm32_usart_reads_input,
};
