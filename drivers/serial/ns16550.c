/* SPDX-License-Identifier: Apache-2.0 */
/* The NS16550-compatible console UART: polled output, interrupt-driven input. */
#include <bulwark/addr.h>
#include <bulwark/arch.h>
#include <bulwark/serial.h>
#include <generated/board.h>

/*
 * Register spacing and access width (board.hw's reg_shift and reg_width):
 * QEMU virt has byte registers one byte apart; the 8250s of TI K3, Rockchip
 * and Tegra SoCs have them 4 bytes apart, accessed as 32-bit words.
 */
#ifndef BOARD_CONSOLE_REG_SHIFT
#define BOARD_CONSOLE_REG_SHIFT 0
#endif
#ifndef BOARD_CONSOLE_REG_WIDTH
#define BOARD_CONSOLE_REG_WIDTH 1
#endif

#define UART_THR      0	   /* transmit holding register (write) */
#define UART_RBR      0	   /* receive buffer register (read) */
#define UART_IER      1	   /* interrupt enable register */
#define UART_IER_RDA  0x01 /* interrupt when received data is available */
#define UART_LSR      5	   /* line status register */
#define UART_LSR_DR   0x01 /* a received byte is waiting */
#define UART_LSR_THRE 0x20 /* THR empty: room for the next byte */

/*
 * How long to wait for THRE before dropping a byte: a wedged UART must not
 * hang the hypervisor. Far longer than one character at any real baud rate.
 */
#define UART_TX_SPIN_LIMIT 1000000u

static u8 uart_read(unsigned int reg)
{
	hpa_t addr = BOARD_CONSOLE_BASE + (reg << BOARD_CONSOLE_REG_SHIFT);

	if (BOARD_CONSOLE_REG_WIDTH == 4) {
		u32 word = *(volatile u32 *)hpa_to_mmio(addr);

		return (u8)word;
	}
	return *(volatile u8 *)hpa_to_mmio(addr);
}

static void uart_write(unsigned int reg, u8 value)
{
	hpa_t addr = BOARD_CONSOLE_BASE + (reg << BOARD_CONSOLE_REG_SHIFT);

	if (BOARD_CONSOLE_REG_WIDTH == 4)
		*(volatile u32 *)hpa_to_mmio(addr) = value;
	else
		*(volatile u8 *)hpa_to_mmio(addr) = value;
}

static int ns16550_init(void)
{
	/* Line settings stay as the firmware left them. */
	return 0;
}

static void ns16550_putc(char c)
{
	for (unsigned int spins = 0; spins < UART_TX_SPIN_LIMIT; spins++) {
		if (uart_read(UART_LSR) & UART_LSR_THRE)
			break;
		arch_relax();
	}
	uart_write(UART_THR, (u8)c);
}

static void ns16550_write(const char *bytes, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		/* A serial terminal needs a carriage return to start a new line. */
		if (bytes[i] == '\n')
			ns16550_putc('\r');
		ns16550_putc(bytes[i]);
	}
}

static int ns16550_getc(void)
{
	if (!(uart_read(UART_LSR) & UART_LSR_DR))
		return -1;
	return uart_read(UART_RBR);
}

static void ns16550_enable_rx_irq(void)
{
	uart_write(UART_IER, UART_IER_RDA);
}

const struct serial_ops serial_console = {
    .name = "ns16550",
    .init = ns16550_init,
    .write = ns16550_write,
    .getc = ns16550_getc,
    .enable_rx_irq = ns16550_enable_rx_irq,
};
