/* SPDX-License-Identifier: Apache-2.0 */
/* The STM32 USART (STM32MP1, STM32H7) as the hypervisor console. */
#include <bulwark/addr.h>
#include <bulwark/arch.h>
#include <bulwark/serial.h>
#include <generated/board.h>

#include "stm32_usart_regs.h"

/*
 * How long to wait for room in the transmitter before dropping a byte: a
 * wedged or unclocked USART must not hang the hypervisor.
 */
#define USART_TX_SPIN_LIMIT 1000000u

static volatile u32 *usart_reg(unsigned int offset)
{
	return (volatile u32 *)hpa_to_mmio(BOARD_CONSOLE_BASE + offset);
}

static int stm32_usart_init(void)
{
	/*
	 * Clocks, pins and the baud rate are the boot loader's (TF-A or U-Boot
	 * left the console running); only make sure both directions are on.
	 */
	u32 cr1 = *usart_reg(USART_CR1);

	if ((cr1 & (USART_CR1_UE | USART_CR1_TE | USART_CR1_RE)) !=
	    (USART_CR1_UE | USART_CR1_TE | USART_CR1_RE))
		*usart_reg(USART_CR1) = cr1 | USART_CR1_UE | USART_CR1_TE | USART_CR1_RE;
	return 0;
}

static void stm32_usart_putc(char c)
{
	for (unsigned int spins = 0; spins < USART_TX_SPIN_LIMIT; spins++) {
		if (*usart_reg(USART_ISR) & USART_ISR_TXE)
			break;
		arch_relax();
	}
	*usart_reg(USART_TDR) = (u8)c;
}

static void stm32_usart_write(const char *bytes, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		/* A serial terminal needs a carriage return to start a new line. */
		if (bytes[i] == '\n')
			stm32_usart_putc('\r');
		stm32_usart_putc(bytes[i]);
	}
}

static int stm32_usart_getc(void)
{
	u32 isr = *usart_reg(USART_ISR);

	/* An overrun stops reception until it is cleared; the lost byte stays lost. */
	if (isr & USART_ISR_ORE)
		*usart_reg(USART_ICR) = USART_ICR_ORECF;
	if (!(isr & USART_ISR_RXNE))
		return -1;
	return (int)(*usart_reg(USART_RDR) & 0xff);
}

static void stm32_usart_enable_rx_irq(void)
{
	*usart_reg(USART_CR1) |= USART_CR1_RXNEIE;
}

const struct serial_ops serial_console = {
    .name = "stm32-usart",
    .init = stm32_usart_init,
    .write = stm32_usart_write,
    .getc = stm32_usart_getc,
    .enable_rx_irq = stm32_usart_enable_rx_irq,
};
