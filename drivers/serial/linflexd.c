/* SPDX-License-Identifier: Apache-2.0 */
/* The NXP LINFlexD in UART mode (S32Z2/S32E2) as the hypervisor console, polled. */
#include <bulwark/addr.h>
#include <bulwark/arch.h>
#include <bulwark/serial.h>
#include <generated/board.h>

#include "linflexd_regs.h"

/* How long to wait for the transmitter or init mode: a wedged or unclocked UART must not hang us.
 */
#define LINFLEXD_SPIN_LIMIT 1000000u

static volatile u32 *linflexd_reg(unsigned int offset)
{
	return (volatile u32 *)hpa_to_mmio(BOARD_CONSOLE_BASE + offset);
}

static int linflexd_init(void)
{
	u32 lincr1;

	/* The boot loader normally left the console running: keep its baud rate and mode. */
	if (linflexd_uart_on(*linflexd_reg(LINFLEXD_UARTCR)))
		return 0;
	/* UARTCR is written in init mode only, with UART set first. */
	lincr1 = *linflexd_reg(LINFLEXD_LINCR1);
	*linflexd_reg(LINFLEXD_LINCR1) = (lincr1 & ~LINFLEXD_LINCR1_SLEEP) | LINFLEXD_LINCR1_INIT;
	for (unsigned int spins = 0;
	     spins < LINFLEXD_SPIN_LIMIT && !linflexd_in_init(*linflexd_reg(LINFLEXD_LINSR));
	     spins++)
		arch_relax();
	*linflexd_reg(LINFLEXD_UARTCR) = LINFLEXD_UARTCR_UART;
	*linflexd_reg(LINFLEXD_UARTCR) = linflexd_uartcr_setup();
	*linflexd_reg(LINFLEXD_LINCR1) &= ~LINFLEXD_LINCR1_INIT;
	return 0;
}

static void linflexd_putc(u32 uartcr, char c)
{
	unsigned int spins;

	for (spins = 0; spins < LINFLEXD_SPIN_LIMIT; spins++) {
		if (linflexd_tx_may_write(uartcr, *linflexd_reg(LINFLEXD_UARTSR)))
			break;
		arch_relax();
	}
	*(volatile u8 *)linflexd_reg(LINFLEXD_BDRL) = (u8)c;
	for (spins = 0; spins < LINFLEXD_SPIN_LIMIT; spins++) {
		if (linflexd_tx_done(uartcr, *linflexd_reg(LINFLEXD_UARTSR)))
			break;
		arch_relax();
	}
	if (linflexd_tx_ack(uartcr))
		*linflexd_reg(LINFLEXD_UARTSR) = linflexd_tx_ack(uartcr);
}

static void linflexd_write(const char *bytes, size_t len)
{
	u32 uartcr = *linflexd_reg(LINFLEXD_UARTCR);

	for (size_t i = 0; i < len; i++) {
		/* A serial terminal needs a carriage return to start a new line. */
		if (bytes[i] == '\n')
			linflexd_putc(uartcr, '\r');
		linflexd_putc(uartcr, bytes[i]);
	}
}

static int linflexd_getc(void)
{
	u32 uartcr = *linflexd_reg(LINFLEXD_UARTCR);
	u32 uartsr = *linflexd_reg(LINFLEXD_UARTSR);
	int c = -1;

	if (linflexd_rx_ready(uartcr, uartsr))
		c = (int)(*linflexd_reg(LINFLEXD_BDRM) & 0xff);
	if (linflexd_rx_ack(uartcr, uartsr))
		*linflexd_reg(LINFLEXD_UARTSR) = linflexd_rx_ack(uartcr, uartsr);
	return c;
}

static void linflexd_enable_rx_irq(void)
{
	*linflexd_reg(LINFLEXD_LINIER) |= LINFLEXD_LINIER_DRIE;
}

const struct serial_ops serial_console = {
    .name = "linflexd",
    .init = linflexd_init,
    .write = linflexd_write,
    .getc = linflexd_getc,
    .enable_rx_irq = linflexd_enable_rx_irq,
};
