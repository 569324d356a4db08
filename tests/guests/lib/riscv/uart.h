/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The console on a 16550A (the UART of QEMU virt, or Bulwark's model of it):
 * output polled through THR, input taken by the receive interrupt through
 * the PLIC into a ring that arch_console_read empties.
 */
#ifndef GUEST_RISCV_UART_H
#define GUEST_RISCV_UART_H

#include <stdbool.h>

/* The device tree address the guest was started with (a1), or 0. */
extern unsigned long boot_dtb;

/*
 * From now on the console is the 16550 at base, its receive interrupt the
 * PLIC source irq (taken on this hart). Before this call it is the SBI's.
 */
void uart_console_start(unsigned long base, unsigned int irq);
bool uart_console_active(void);
void uart_console_write(const char *buf, unsigned long len);
long uart_console_read(char *c);

/* Received-data interrupts (IIR data available or timeout) so far, and the bytes they brought. */
unsigned long uart_rx_interrupts(void);
unsigned long uart_rx_bytes(void);
/* Enables the THR empty interrupt; the handler counts it and disables it again. */
void uart_ask_thr_empty_interrupt(void);
unsigned long uart_thre_interrupts(void);
/* Interrupts taken while IIR said nothing was pending. */
unsigned long uart_spurious_interrupts(void);
/* The UART's IIR and LSR as they read now. */
unsigned int uart_iir(void);
unsigned int uart_lsr(void);

#endif
