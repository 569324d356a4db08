/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Register offsets and bits of the NXP LPUART (i.MX 8QuadMax, i.MX 8X, i.MX 9:
 * the "Low Power Universal Asynchronous Receiver/Transmitter" chapter of the
 * i.MX 8QuadMax reference manual, IMX8QMRM).
 */
#ifndef DRIVERS_SERIAL_LPUART_REGS_H
#define DRIVERS_SERIAL_LPUART_REGS_H

/* Offsets, 32-bit registers. */
#define LPUART_VERID  0x00
#define LPUART_PARAM  0x04
#define LPUART_GLOBAL 0x08
#define LPUART_PINCFG 0x0c
#define LPUART_BAUD   0x10
#define LPUART_STAT   0x14
#define LPUART_CTRL   0x18
#define LPUART_DATA   0x1c
#define LPUART_MATCH  0x20
#define LPUART_MODIR  0x24
#define LPUART_FIFO   0x28
#define LPUART_WATER  0x2c

/* STAT */
#define LPUART_STAT_OR	 (1u << 19) /* receiver overrun: write 1 to clear */
#define LPUART_STAT_IDLE (1u << 20)
#define LPUART_STAT_RDRF (1u << 21) /* receive data register full */
#define LPUART_STAT_TC	 (1u << 22) /* transmission complete */
#define LPUART_STAT_TDRE (1u << 23) /* transmit data register empty */

/* CTRL */
#define LPUART_CTRL_RE	 (1u << 18)
#define LPUART_CTRL_TE	 (1u << 19)
#define LPUART_CTRL_ILIE (1u << 20)
#define LPUART_CTRL_RIE	 (1u << 21)
#define LPUART_CTRL_TCIE (1u << 22)
#define LPUART_CTRL_TIE	 (1u << 23)
#define LPUART_CTRL_ORIE (1u << 27)

/* DATA */
#define LPUART_DATA_RXEMPT (1u << 12)

/* FIFO */
#define LPUART_FIFO_RXFE   (1u << 3)
#define LPUART_FIFO_TXFE   (1u << 7)
#define LPUART_FIFO_RXEMPT (1u << 22)
#define LPUART_FIFO_TXEMPT (1u << 23)

#endif /* DRIVERS_SERIAL_LPUART_REGS_H */
