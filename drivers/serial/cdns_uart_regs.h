/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Register offsets and bits of the Cadence UART (Xilinx Zynq UltraScale+ PS
 * UART: UG1085, the UART chapter, and UG1087's UART register reference).
 */
#ifndef DRIVERS_SERIAL_CDNS_UART_REGS_H
#define DRIVERS_SERIAL_CDNS_UART_REGS_H

#include <bulwark/types.h>

/* Offsets, 32-bit registers. */
#define CDNS_UART_CR	  0x00 /* control */
#define CDNS_UART_MR	  0x04 /* mode */
#define CDNS_UART_IER	  0x08 /* interrupt enable: write 1 sets IMR bits */
#define CDNS_UART_IDR	  0x0c /* interrupt disable: write 1 clears IMR bits */
#define CDNS_UART_IMR	  0x10 /* interrupt mask (read only) */
#define CDNS_UART_ISR	  0x14 /* raw interrupt status: write 1 to clear */
#define CDNS_UART_BAUDGEN 0x18
#define CDNS_UART_RXTOUT  0x1c /* receiver timeout, 0 = off */
#define CDNS_UART_RXWM	  0x20 /* receive FIFO trigger level */
#define CDNS_UART_MODEMCR 0x24
#define CDNS_UART_MODEMSR 0x28
#define CDNS_UART_SR	  0x2c /* channel status (read only) */
#define CDNS_UART_FIFO	  0x30 /* read: received byte; write: byte to send */
#define CDNS_UART_BAUDDIV 0x34
#define CDNS_UART_FLOWDEL 0x38
#define CDNS_UART_TXWM	  0x44 /* transmit FIFO trigger level */
#define CDNS_UART_WINDOW  0x48 /* the registers above, 4 bytes each */

/* CR */
#define CDNS_UART_CR_RXRES  (1u << 0)
#define CDNS_UART_CR_TXRES  (1u << 1)
#define CDNS_UART_CR_RXEN   (1u << 2)
#define CDNS_UART_CR_RXDIS  (1u << 3)
#define CDNS_UART_CR_TXEN   (1u << 4)
#define CDNS_UART_CR_TXDIS  (1u << 5)
#define CDNS_UART_CR_RSTTO  (1u << 6)
#define CDNS_UART_CR_STTBRK (1u << 7)
#define CDNS_UART_CR_STPBRK (1u << 8)

/* SR */
#define CDNS_UART_SR_RTRIG  (1u << 0)
#define CDNS_UART_SR_REMPTY (1u << 1)
#define CDNS_UART_SR_RFUL   (1u << 2)
#define CDNS_UART_SR_TEMPTY (1u << 3)
#define CDNS_UART_SR_TFUL   (1u << 4)

/* IER / IDR / IMR / ISR */
#define CDNS_UART_INT_RTRIG   (1u << 0)
#define CDNS_UART_INT_REMPTY  (1u << 1)
#define CDNS_UART_INT_RFUL    (1u << 2)
#define CDNS_UART_INT_TEMPTY  (1u << 3)
#define CDNS_UART_INT_TFUL    (1u << 4)
#define CDNS_UART_INT_ROVR    (1u << 5)
#define CDNS_UART_INT_FRAME   (1u << 6)
#define CDNS_UART_INT_PARE    (1u << 7)
#define CDNS_UART_INT_TIMEOUT (1u << 8)
#define CDNS_UART_INT_MASK    0x1fffu

/* Out of reset (UG1087): both directions disabled, no break. */
#define CDNS_UART_CR_RESET 0x128u
#define CDNS_UART_MR_8N1   0x20u /* PAR = 0b1xx: no parity; 8 data bits, 1 stop bit */

/*
 * A direction works when its enable bit is set and its disable bit is
 * clear (the disable wins); the CR value that turns both on, keeping the
 * break bits.
 */
static inline bool cdns_uart_tx_on(u32 cr)
{
	return (cr & (CDNS_UART_CR_TXEN | CDNS_UART_CR_TXDIS)) == CDNS_UART_CR_TXEN;
}

static inline bool cdns_uart_rx_on(u32 cr)
{
	return (cr & (CDNS_UART_CR_RXEN | CDNS_UART_CR_RXDIS)) == CDNS_UART_CR_RXEN;
}

static inline u32 cdns_uart_cr_both_on(u32 cr)
{
	cr &= ~(CDNS_UART_CR_TXDIS | CDNS_UART_CR_RXDIS | CDNS_UART_CR_TXRES | CDNS_UART_CR_RXRES |
		CDNS_UART_CR_RSTTO);
	return cr | CDNS_UART_CR_TXEN | CDNS_UART_CR_RXEN;
}

#endif /* DRIVERS_SERIAL_CDNS_UART_REGS_H */
