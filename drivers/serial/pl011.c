/* SPDX-License-Identifier: Apache-2.0 */
/* The Arm PL011 console UART: polled output, interrupt-driven input. */
#include <bulwark/addr.h>
#include <bulwark/arch.h>
#include <bulwark/serial.h>
#include <generated/board.h>

#define UART_DR	     0x000 /* data: write to send, read to receive */
#define UART_FR	     0x018 /* flags */
#define UART_FR_RXFE 0x10  /* receive FIFO empty */
#define UART_FR_TXFF 0x20  /* transmit FIFO full */
#define UART_IMSC    0x038 /* interrupt mask set/clear */
#define UART_IMSC_RX 0x10  /* receive interrupt */
#define UART_IMSC_RT 0x40  /* receive timeout: bytes wait below the FIFO level */

/*
 * How long to wait for room in the FIFO before dropping a byte: a wedged
 * UART must not hang the hypervisor. Far longer than one character at any
 * real baud rate.
 */
#define UART_TX_SPIN_LIMIT 1000000u

static volatile u32 *uart_reg(unsigned int offset)
{
	return (volatile u32 *)hpa_to_mmio(BOARD_CONSOLE_BASE + offset);
}

static int pl011_init(void)
{
	/* Baud rate and line settings stay as the firmware (or QEMU) left them. */
	return 0;
}

static void pl011_putc(char c)
{
	for (unsigned int spins = 0; spins < UART_TX_SPIN_LIMIT; spins++) {
		if (!(*uart_reg(UART_FR) & UART_FR_TXFF))
			break;
		arch_relax();
	}
	*uart_reg(UART_DR) = (u8)c;
}

static void pl011_write(const char *bytes, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		/* A serial terminal needs a carriage return to start a new line. */
		if (bytes[i] == '\n')
			pl011_putc('\r');
		pl011_putc(bytes[i]);
	}
}

static int pl011_getc(void)
{
	if (*uart_reg(UART_FR) & UART_FR_RXFE)
		return -1;
	return (int)(*uart_reg(UART_DR) & 0xff);
}

static void pl011_enable_rx_irq(void)
{
	*uart_reg(UART_IMSC) |= UART_IMSC_RX | UART_IMSC_RT;
}

const struct serial_ops serial_console = {
    .name = "pl011",
    .init = pl011_init,
    .write = pl011_write,
    .getc = pl011_getc,
    .enable_rx_irq = pl011_enable_rx_irq,
};
