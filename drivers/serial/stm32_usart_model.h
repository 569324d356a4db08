/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The register model of an STM32 USART (STM32MP1 / STM32H7 register set) as
 * a VM's virtual console, free of locks and hypervisor state so that it is
 * unit-tested on the host. The transmitter sends at once, so TXE stays set;
 * the receiver holds one byte, refilled by the caller from its input queue
 * whenever stm32_usart_model_wants_input() says so (the queue behind it
 * plays the part of the receive FIFO). Out of reset the USART is enabled
 * with both directions on, as the boot loader leaves a console.
 */
#ifndef BULWARK_STM32_USART_MODEL_H
#define BULWARK_STM32_USART_MODEL_H

#include <bulwark/types.h>

#include "stm32_usart_regs.h"

struct stm32_usart_model {
	u32 cr1, cr2, cr3, brr, gtpr, rtor, presc;
	bool tc;      /* transmission complete, until ICR.TCCF */
	bool overrun; /* ORE, until ICR.ORECF */
	bool rx_full; /* rx_byte waits in RDR */
	u8 rx_byte;
};

void stm32_usart_model_reset(struct stm32_usart_model *m);

/* A guest read of the 32-bit register at offset (a multiple of 4); reading RDR takes the byte. */
u32 stm32_usart_model_read(struct stm32_usart_model *m, u32 offset);

/* A guest write; returns the byte sent on the line, or -1 when none is. */
int stm32_usart_model_write(struct stm32_usart_model *m, u32 offset, u32 value);

/* Whether RDR is empty and the receiver takes a byte from the outside. */
bool stm32_usart_model_wants_input(const struct stm32_usart_model *m);

/* A byte from the outside: into RDR, or an overrun when RDR still holds one. */
void stm32_usart_model_receive(struct stm32_usart_model *m, u8 byte);

/* The interrupt output: some enabled interrupt condition holds. */
bool stm32_usart_model_irq(const struct stm32_usart_model *m);

#endif /* BULWARK_STM32_USART_MODEL_H */
