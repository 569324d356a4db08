/* SPDX-License-Identifier: Apache-2.0 */
/* The NXP LPUART (i.MX 8QuadMax) as the hypervisor console. */
#include <bulwark/addr.h>
#include <bulwark/arch.h>
#include <bulwark/serial.h>
#include <generated/board.h>

#include "lpuart_regs.h"

/* How long to wait for room in the transmitter before dropping a byte. */
#define LPUART_TX_SPIN_LIMIT 1000000u

static volatile u32 *lpuart_reg(unsigned int offset)
{
	return (volatile u32 *)hpa_to_mmio(BOARD_CONSOLE_BASE + offset);
}

static int lpuart_init(void)
{
	/* Clocks, pins and the baud rate are the boot loader's; make sure both directions are on.
	 */
	u32 ctrl = *lpuart_reg(LPUART_CTRL);

	if ((ctrl & (LPUART_CTRL_TE | LPUART_CTRL_RE)) != (LPUART_CTRL_TE | LPUART_CTRL_RE))
		*lpuart_reg(LPUART_CTRL) = ctrl | LPUART_CTRL_TE | LPUART_CTRL_RE;
	return 0;
}

static void lpuart_putc(char c)
{
	for (unsigned int spins = 0; spins < LPUART_TX_SPIN_LIMIT; spins++) {
		if (*lpuart_reg(LPUART_STAT) & LPUART_STAT_TDRE)
			break;
		arch_relax();
	}
	*lpuart_reg(LPUART_DATA) = (u8)c;
}

static void lpuart_write(const char *bytes, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		/* A serial terminal needs a carriage return to start a new line. */
		if (bytes[i] == '\n')
			lpuart_putc('\r');
		lpuart_putc(bytes[i]);
	}
}

static int lpuart_getc(void)
{
	u32 stat = *lpuart_reg(LPUART_STAT);

	/* An overrun stops reception until it is cleared; the lost byte stays lost. */
	if (stat & LPUART_STAT_OR)
		*lpuart_reg(LPUART_STAT) = LPUART_STAT_OR;
	if (!(stat & LPUART_STAT_RDRF))
		return -1;
	return (int)(*lpuart_reg(LPUART_DATA) & 0xff);
}

static void lpuart_enable_rx_irq(void)
{
	*lpuart_reg(LPUART_CTRL) |= LPUART_CTRL_RIE;
}

const struct serial_ops serial_console = {
    .name = "lpuart",
    .init = lpuart_init,
    .write = lpuart_write,
    .getc = lpuart_getc,
    .enable_rx_irq = lpuart_enable_rx_irq,
};
