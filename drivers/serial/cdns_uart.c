/* SPDX-License-Identifier: Apache-2.0 */
/* The Cadence UART (Zynq UltraScale+) as the hypervisor console. */
#include <bulwark/addr.h>
#include <bulwark/arch.h>
#include <bulwark/serial.h>
#include <generated/board.h>

#include "cdns_uart_regs.h"

/* How long to wait for room in the transmit FIFO before dropping a byte. */
#define CDNS_TX_SPIN_LIMIT 1000000u

static volatile u32 *cdns_reg(unsigned int offset)
{
	return (volatile u32 *)hpa_to_mmio(BOARD_CONSOLE_BASE + offset);
}

static int cdns_uart_init(void)
{
	/* The baud rate and mode are the boot loader's; only make sure both directions are on. */
	u32 cr = *cdns_reg(CDNS_UART_CR);

	if (!cdns_uart_tx_on(cr) || !cdns_uart_rx_on(cr))
		*cdns_reg(CDNS_UART_CR) = cdns_uart_cr_both_on(cr);
	return 0;
}

static void cdns_uart_putc(char c)
{
	for (unsigned int spins = 0; spins < CDNS_TX_SPIN_LIMIT; spins++) {
		if (!(*cdns_reg(CDNS_UART_SR) & CDNS_UART_SR_TFUL))
			break;
		arch_relax();
	}
	*cdns_reg(CDNS_UART_FIFO) = (u8)c;
}

static void cdns_uart_write(const char *bytes, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		/* A serial terminal needs a carriage return to start a new line. */
		if (bytes[i] == '\n')
			cdns_uart_putc('\r');
		cdns_uart_putc(bytes[i]);
	}
}

static int cdns_uart_getc(void)
{
	/*
	 * The raw status latches: clear what the receive interrupt reports, so
	 * that the line drops once the FIFO is drained.
	 */
	*cdns_reg(CDNS_UART_ISR) = CDNS_UART_INT_RTRIG | CDNS_UART_INT_TIMEOUT | CDNS_UART_INT_ROVR;
	if (*cdns_reg(CDNS_UART_SR) & CDNS_UART_SR_REMPTY)
		return -1;
	return (int)(*cdns_reg(CDNS_UART_FIFO) & 0xff);
}

static void cdns_uart_enable_rx_irq(void)
{
	/* Every byte raises RTRIG: trigger level 1. */
	*cdns_reg(CDNS_UART_RXWM) = 1;
	*cdns_reg(CDNS_UART_IER) = CDNS_UART_INT_RTRIG;
}

const struct serial_ops serial_console = {
    .name = "cdns-uart",
    .init = cdns_uart_init,
    .write = cdns_uart_write,
    .getc = cdns_uart_getc,
    .enable_rx_irq = cdns_uart_enable_rx_irq,
};
