/* SPDX-License-Identifier: Apache-2.0 */
/* The Renesas SCI (RZ/T2M) as the hypervisor console, polled. */
#include <bulwark/addr.h>
#include <bulwark/arch.h>
#include <bulwark/serial.h>
#include <generated/board.h>

#include "rz_sci_regs.h"

/* How long to wait for room in the transmitter before dropping a byte. */
#define SCI_TX_SPIN_LIMIT 1000000u

static volatile u32 *sci_reg(unsigned int offset)
{
	return (volatile u32 *)hpa_to_mmio(BOARD_CONSOLE_BASE + offset);
}

static int sci_init(void)
{
	/*
	 * The module clock (MSTPCRA), pins, frame format and baud rate are the
	 * boot loader's (it started the console); only make sure both
	 * directions are on.
	 */
	u32 ccr0 = *sci_reg(SCI_CCR0);

	if (sci_ccr0_enable(ccr0) != ccr0)
		*sci_reg(SCI_CCR0) = sci_ccr0_enable(ccr0);
	return 0;
}

static void sci_putc(u32 ccr3, char c)
{
	for (unsigned int spins = 0; spins < SCI_TX_SPIN_LIMIT; spins++) {
		if (sci_tx_may_write(ccr3, *sci_reg(SCI_CSR), *sci_reg(SCI_FTSR)))
			break;
		arch_relax();
	}
	if (sci_tx_clear(ccr3))
		*sci_reg(SCI_CFCLR) = sci_tx_clear(ccr3);
	*sci_reg(SCI_TDR) = (u8)c;
}

static void sci_write(const char *bytes, size_t len)
{
	u32 ccr3 = *sci_reg(SCI_CCR3);

	for (size_t i = 0; i < len; i++) {
		/* A serial terminal needs a carriage return to start a new line. */
		if (bytes[i] == '\n')
			sci_putc(ccr3, '\r');
		sci_putc(ccr3, bytes[i]);
	}
}

static int sci_getc(void)
{
	u32 ccr3 = *sci_reg(SCI_CCR3);
	u32 csr = *sci_reg(SCI_CSR);
	u32 frsr = *sci_reg(SCI_FRSR);
	int c = -1;

	if (sci_rx_ready(ccr3, csr, frsr))
		c = (int)(*sci_reg(SCI_RDR) & 0xff);
	if (sci_rx_clear(ccr3, csr))
		*sci_reg(SCI_CFCLR) = sci_rx_clear(ccr3, csr);
	if (sci_rx_fifo_clear(ccr3, frsr))
		*sci_reg(SCI_FFCLR) = sci_rx_fifo_clear(ccr3, frsr);
	return c;
}

static void sci_enable_rx_irq(void)
{
	*sci_reg(SCI_CCR0) |= SCI_CCR0_RIE;
}

const struct serial_ops serial_console = {
    .name = "rz-sci",
    .init = sci_init,
    .write = sci_write,
    .getc = sci_getc,
    .enable_rx_irq = sci_enable_rx_irq,
};
