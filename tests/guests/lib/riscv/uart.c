/* SPDX-License-Identifier: Apache-2.0 */
/* The 16550A console: THR polled for output, RBR drained by the receive interrupt, as a driver
 * does. */
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
#define IER_ETBEI   0x02
#define IIR_NONE    0x01
#define IIR_ID	    0x0e
#define IIR_THRE    0x02
#define IIR_RDA	    0x04
#define IIR_RLS	    0x06
#define IIR_CTI	    0x0c
#define UART_MSR    6
#define FCR_ENABLE  0x01
#define FCR_CLEAR   0x06 /* both FIFOs */
#define LCR_8N1	    0x03
#define LSR_DR	    0x01
#define LSR_THRE    0x20
#define RING_SIZE   8192 /* holds a pasted page (console_paste) */
#define TX_SPIN_MAX 1000000UL

unsigned long boot_dtb;

static unsigned long uart_base;
static unsigned int uart_irq;
/* Filled by the interrupt handler, emptied by arch_console_read: one producer, one consumer. */
static volatile char ring[RING_SIZE];
static volatile unsigned int head, tail;
static volatile unsigned long rx_interrupts, rx_bytes, thre_interrupts, spurious;

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

/* Received bytes into the ring: all of them, the line stays up while data waits. */
static void drain_rx(void)
{
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

/* As Linux's 8250 driver: serve what IIR names until it says nothing is pending. */
static void uart_interrupt(unsigned int id)
{
	unsigned int served = 0;

	if (id != uart_irq)
		return;
	for (;;) {
		unsigned int iir = *reg(UART_IIR);

		if (iir & IIR_NONE)
			break;
		served++;
		switch (iir & IIR_ID) {
		case IIR_RDA:
		case IIR_CTI:
			rx_interrupts++;
			drain_rx();
			break;
		case IIR_THRE:
			/* Nothing more to send: stop asking, as a driver's stop_tx does. */
			thre_interrupts++;
			*reg(UART_IER) = (uint8_t)(*reg(UART_IER) & ~IER_ETBEI);
			break;
		case IIR_RLS:
			(void)*reg(UART_LSR);
			break;
		default:
			(void)*reg(UART_MSR);
			break;
		}
	}
	if (!served)
		spurious++;
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

void uart_ask_thr_empty_interrupt(void)
{
	*reg(UART_IER) = (uint8_t)(*reg(UART_IER) | IER_ETBEI);
}

unsigned long uart_thre_interrupts(void)
{
	return thre_interrupts;
}

unsigned long uart_spurious_interrupts(void)
{
	return spurious;
}
