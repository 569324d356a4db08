/* SPDX-License-Identifier: Apache-2.0 */
/* The i.MX UART (i.MX 8M) as the hypervisor console. */
#include <bulwark/addr.h>
#include <bulwark/arch.h>
#include <bulwark/serial.h>
#include <generated/board.h>

#include "imx_uart_regs.h"

/* How long to wait for room in the transmit FIFO before dropping a byte. */
#define IMX_TX_SPIN_LIMIT 1000000u

static volatile u32 *imx_reg(unsigned int offset)
{
	return (volatile u32 *)hpa_to_mmio(BOARD_CONSOLE_BASE + offset);
}

static int imx_uart_init(void)
{
	/* Clocks, pins and the baud rate are the boot loader's; make sure it is on both ways. */
	u32 ucr2 = *imx_reg(IMX_UART_UCR2);

	if (!(*imx_reg(IMX_UART_UCR1) & IMX_UART_UCR1_UARTEN))
		*imx_reg(IMX_UART_UCR1) |= IMX_UART_UCR1_UARTEN;
	if ((ucr2 & (IMX_UART_UCR2_TXEN | IMX_UART_UCR2_RXEN)) !=
	    (IMX_UART_UCR2_TXEN | IMX_UART_UCR2_RXEN))
		/* SRST stays 1: writing 0 there would reset the UART. */
		*imx_reg(IMX_UART_UCR2) =
		    ucr2 | IMX_UART_UCR2_SRST | IMX_UART_UCR2_TXEN | IMX_UART_UCR2_RXEN;
	return 0;
}

static void imx_uart_putc(char c)
{
	for (unsigned int spins = 0; spins < IMX_TX_SPIN_LIMIT; spins++) {
		if (!(*imx_reg(IMX_UART_UTS) & IMX_UART_UTS_TXFULL))
			break;
		arch_relax();
	}
	*imx_reg(IMX_UART_UTXD) = (u8)c;
}

static void imx_uart_write(const char *bytes, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		/* A serial terminal needs a carriage return to start a new line. */
		if (bytes[i] == '\n')
			imx_uart_putc('\r');
		imx_uart_putc(bytes[i]);
	}
}

static int imx_uart_getc(void)
{
	u32 usr2 = *imx_reg(IMX_UART_USR2);

	/* An overrun is cleared by writing its bit back; the lost byte stays lost. */
	if (usr2 & IMX_UART_USR2_ORE)
		*imx_reg(IMX_UART_USR2) = IMX_UART_USR2_ORE;
	if (!(usr2 & IMX_UART_USR2_RDR))
		return -1;
	return (int)(*imx_reg(IMX_UART_URXD) & 0xff);
}

static void imx_uart_enable_rx_irq(void)
{
	*imx_reg(IMX_UART_UCR4) |= IMX_UART_UCR4_DREN;
}

const struct serial_ops serial_console = {
    .name = "imx-uart",
    .init = imx_uart_init,
    .write = imx_uart_write,
    .getc = imx_uart_getc,
    .enable_rx_irq = imx_uart_enable_rx_irq,
};
