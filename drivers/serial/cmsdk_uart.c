/* SPDX-License-Identifier: Apache-2.0 */
/* The Arm CMSDK APB UART (MPS3 AN536) as the hypervisor console, polled. */
#include <bulwark/addr.h>
#include <bulwark/arch.h>
#include <bulwark/serial.h>
#include <generated/board.h>

#include "cmsdk_uart_regs.h"

/* AN536's peripheral clock (50 MHz) over 115200 baud. */
#define CMSDK_UART_PCLK_HZ 50000000u
#define CMSDK_UART_BAUD	   115200u

/* How long to wait for room in the transmitter before dropping a byte. */
#define CMSDK_UART_TX_SPIN_LIMIT 1000000u

static volatile u32 *uart_reg(unsigned int offset)
{
	return (volatile u32 *)hpa_to_mmio(BOARD_CONSOLE_BASE + offset);
}

static int cmsdk_uart_init(void)
{
	/* Nothing may run it before us on AN536: set a divisor and turn both directions on. */
	if (*uart_reg(CMSDK_UART_BAUDDIV) < CMSDK_UART_BAUDDIV_MIN)
		*uart_reg(CMSDK_UART_BAUDDIV) = CMSDK_UART_PCLK_HZ / CMSDK_UART_BAUD;
	*uart_reg(CMSDK_UART_CTRL) |= CMSDK_UART_CTRL_TXEN | CMSDK_UART_CTRL_RXEN;
	return 0;
}

static void cmsdk_uart_putc(char c)
{
	for (unsigned int spins = 0; spins < CMSDK_UART_TX_SPIN_LIMIT; spins++) {
		if (!(*uart_reg(CMSDK_UART_STATE) & CMSDK_UART_STATE_TXFULL))
			break;
		arch_relax();
	}
	*uart_reg(CMSDK_UART_DATA) = (u8)c;
}

static void cmsdk_uart_write(const char *bytes, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		/* A serial terminal needs a carriage return to start a new line. */
		if (bytes[i] == '\n')
			cmsdk_uart_putc('\r');
		cmsdk_uart_putc(bytes[i]);
	}
}

static int cmsdk_uart_getc(void)
{
	u32 state = *uart_reg(CMSDK_UART_STATE);
	int c;

	/* An overrun lost a byte; clear it so reception goes on. */
	if (state & CMSDK_UART_STATE_RXOVR)
		*uart_reg(CMSDK_UART_STATE) = CMSDK_UART_STATE_RXOVR;
	if (!(state & CMSDK_UART_STATE_RXFULL))
		return -1;
	c = (int)(*uart_reg(CMSDK_UART_DATA) & 0xff);
	/* The receive interrupt stays pending until cleared. */
	*uart_reg(CMSDK_UART_INTSTATUS) = CMSDK_UART_INT_RX;
	return c;
}

static void cmsdk_uart_enable_rx_irq(void)
{
	*uart_reg(CMSDK_UART_CTRL) |= CMSDK_UART_CTRL_RXINTEN;
}

const struct serial_ops serial_console = {
    .name = "cmsdk-uart",
    .init = cmsdk_uart_init,
    .write = cmsdk_uart_write,
    .getc = cmsdk_uart_getc,
    .enable_rx_irq = cmsdk_uart_enable_rx_irq,
};
