/* SPDX-License-Identifier: Apache-2.0 */
/* The 16550A console: THR polled for output, RBR drained by the receive interrupt. */
#include <stdint.h>
#include "../arch.h"
#include "uart.h"

#define UART_RBR 0
#define UART_THR 0
#define UART_IER 1
#define UART_IIR 2
#define UART_FCR 2
#define UART_LCR 3
#define UART_LSR 5

#define IER_ERBFI   0x01
#define FCR_ENABLE  0x01
#define FCR_CLEAR   0x06 /* both FIFOs */
#define LCR_8N1	    0x03
#define LSR_DR	    0x01
#define LSR_THRE    0x20
#define RING_SIZE   64
#define TX_SPIN_MAX 1000000UL

unsigned long boot_dtb;

static unsigned long uart_base;
static unsigned int uart_irq;
/* Filled by the interrupt handler, emptied by arch_console_read: one producer, one consumer. */
static volatile char ring[RING_SIZE];
static volatile unsigned int head, tail;
static volatile unsigned long rx_interrupts, rx_bytes;

static volatile uint8_t *reg(unsigned int r)
{
	return (volatile uint8_t *)(uart_base + r); /* reg-shift 0, byte registers */
}

unsigned int uart_iir(void)
{
	return *reg(UART_IIR);
}

unsigned int uart_lsr(void)
{
	return *reg(UART_LSR);
}

static void uart_interrupt(unsigned int id)
{
	if (id != uart_irq)
		return;
	rx_interrupts++;
	/* Drain everything: the line is level-sensitive and stays up while data waits. */
	while (*reg(UART_LSR) & LSR_DR) {
		char c = (char)*reg(UART_RBR);
		unsigned int next = (tail + 1) % RING_SIZE;

		rx_bytes++;
		if (next != head) {
			ring[tail] = c;
			tail = next;
		}
	}
}

void uart_console_start(unsigned long base, unsigned int irq)
{
	uart_base = base;
	uart_irq = irq;
	/* Line settings and the divisor stay as they are: QEMU's 16550 has no real line. */
	*reg(UART_LCR) = LCR_8N1;
	*reg(UART_FCR) = FCR_ENABLE | FCR_CLEAR;
	arch_dev_irq_set_handler(uart_interrupt);
	arch_dev_irq_enable(irq);
	arch_dev_irq_unmask(true);
	local_irq_enable();
	*reg(UART_IER) = IER_ERBFI;
}

bool uart_console_active(void)
{
	return uart_base != 0;
}

void uart_console_write(const char *buf, unsigned long len)
{
	for (; len; len--, buf++) {
		for (unsigned long spins = 0; spins < TX_SPIN_MAX; spins++)
			if (*reg(UART_LSR) & LSR_THRE)
				break;
		*reg(UART_THR) = (uint8_t)*buf;
	}
}

long uart_console_read(char *c)
{
	if (head == tail)
		return 0;
	*c = ring[head];
	head = (head + 1) % RING_SIZE;
	return 1;
}

unsigned long uart_rx_interrupts(void)
{
	return rx_interrupts;
}

unsigned long uart_rx_bytes(void)
{
	return rx_bytes;
}
