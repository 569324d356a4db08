/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The NXP LINFlexD in UART mode (S32Z2/S32E2, S32G, S32R): register
 * offsets and bits, and the console driver's register logic as pure
 * functions of register values, so that host unit tests check it.
 *
 * Facts: NXP S32Z2/E2 Reference Manual (S32Z2RM, rev. 4), LINFlexD
 * chapter, "Memory map and register definition": LINCR1 0x00 (INIT bit
 * 0, SLEEP bit 1), LINIER 0x04 (DTIE bit 1, DRIE bit 2), LINSR 0x08
 * (LINS[15:12], 1 = init mode), UARTCR 0x10 (UART 0, WL0 1, PCE 2, TXEN 4,
 * RXEN 5, WL1 7, TFBM 8 = transmit FIFO mode, RFBM 9 = receive FIFO
 * mode), UARTSR 0x14 (write 1 to clear: NF 0, DTFTFF 1 = data
 * transmitted / in FIFO mode transmit FIFO full, DRFRFE 2 = data
 * received / in FIFO mode receive FIFO empty, BOF 7 = overrun, RMB 9 =
 * buffer ready to read), BDRL 0x38 (transmit data, byte 0), BDRM 0x3C
 * (received data, byte 0). The manual itself was not at hand here: the
 * same offsets and bits were read in Linux's fsl_linflexuart.c, NXP's
 * RTD headers (S32Z2_LINFLEXD.h) and Zephyr's s32 LINFlexD driver, which
 * agree.
 */
#ifndef BULWARK_LINFLEXD_REGS_H
#define BULWARK_LINFLEXD_REGS_H

#include <bulwark/types.h>

#define LINFLEXD_LINCR1 0x00
#define LINFLEXD_LINIER 0x04
#define LINFLEXD_LINSR	0x08
#define LINFLEXD_UARTCR 0x10
#define LINFLEXD_UARTSR 0x14
#define LINFLEXD_BDRL	0x38
#define LINFLEXD_BDRM	0x3c

#define LINFLEXD_LINCR1_INIT  (1u << 0)
#define LINFLEXD_LINCR1_SLEEP (1u << 1)

#define LINFLEXD_LINIER_DTIE (1u << 1)
#define LINFLEXD_LINIER_DRIE (1u << 2)

#define LINFLEXD_LINSR_LINS_SHIFT 12
#define LINFLEXD_LINSR_LINS_MASK  (0xfu << LINFLEXD_LINSR_LINS_SHIFT)
#define LINFLEXD_LINS_INIT	  1u

#define LINFLEXD_UARTCR_UART (1u << 0)
#define LINFLEXD_UARTCR_WL0  (1u << 1)
#define LINFLEXD_UARTCR_PCE  (1u << 2)
#define LINFLEXD_UARTCR_TXEN (1u << 4)
#define LINFLEXD_UARTCR_RXEN (1u << 5)
#define LINFLEXD_UARTCR_WL1  (1u << 7)
#define LINFLEXD_UARTCR_TFBM (1u << 8)
#define LINFLEXD_UARTCR_RFBM (1u << 9)

#define LINFLEXD_UARTSR_NF     (1u << 0)
#define LINFLEXD_UARTSR_DTFTFF (1u << 1)
#define LINFLEXD_UARTSR_DRFRFE (1u << 2)
#define LINFLEXD_UARTSR_BOF    (1u << 7)
#define LINFLEXD_UARTSR_RMB    (1u << 9)

/* The UART is set up for the console: UART mode, transmitter and receiver on. */
static inline bool linflexd_uart_on(u32 uartcr)
{
	u32 on = LINFLEXD_UARTCR_UART | LINFLEXD_UARTCR_TXEN | LINFLEXD_UARTCR_RXEN;

	return (uartcr & on) == on;
}

/*
 * The UARTCR value the driver programs (in init mode, after UART alone)
 * when nothing set the UART up: 8 data bits (WL1:WL0 = 0b01), no parity,
 * buffer mode both ways, transmitter and receiver on. The baud rate
 * registers stay as the boot ROM or loader left them.
 */
static inline u32 linflexd_uartcr_setup(void)
{
	return LINFLEXD_UARTCR_UART | LINFLEXD_UARTCR_WL0 | LINFLEXD_UARTCR_TXEN |
	       LINFLEXD_UARTCR_RXEN;
}

/* The LIN state machine is in init mode (LINSR.LINS = 1): UARTCR may be written. */
static inline bool linflexd_in_init(u32 linsr)
{
	return ((linsr & LINFLEXD_LINSR_LINS_MASK) >> LINFLEXD_LINSR_LINS_SHIFT) ==
	       LINFLEXD_LINS_INIT;
}

/*
 * May the next byte go to BDRL now? In FIFO mode while the transmit FIFO
 * is not full (DTFTFF clear); in buffer mode always, since the driver
 * waits for each byte to leave (linflexd_tx_done) before the next.
 */
static inline bool linflexd_tx_may_write(u32 uartcr, u32 uartsr)
{
	if (uartcr & LINFLEXD_UARTCR_TFBM)
		return !(uartsr & LINFLEXD_UARTSR_DTFTFF);
	return true;
}

/* After a write to BDRL: has the byte left? Buffer mode says so with DTFTFF; FIFO mode at once. */
static inline bool linflexd_tx_done(u32 uartcr, u32 uartsr)
{
	if (uartcr & LINFLEXD_UARTCR_TFBM)
		return true;
	return (uartsr & LINFLEXD_UARTSR_DTFTFF) != 0;
}

/*
 * What to write to UARTSR once a byte has left: in buffer mode DTFTFF
 * alone (write 1 to clear: writing back other set flags would clear
 * receive flags a reader has not seen yet); nothing in FIFO mode, where
 * DTFTFF is a level.
 */
static inline u32 linflexd_tx_ack(u32 uartcr)
{
	return (uartcr & LINFLEXD_UARTCR_TFBM) ? 0 : LINFLEXD_UARTSR_DTFTFF;
}

/* A received byte waits in BDRM: buffer mode sets DRFRFE (and RMB); FIFO mode clears DRFRFE. */
static inline bool linflexd_rx_ready(u32 uartcr, u32 uartsr)
{
	if (uartcr & LINFLEXD_UARTCR_RFBM)
		return !(uartsr & LINFLEXD_UARTSR_DRFRFE);
	return (uartsr & LINFLEXD_UARTSR_DRFRFE) != 0;
}

/*
 * What to write to UARTSR after reading BDRM: in buffer mode the
 * reception flags (DRFRFE, RMB) that were set, and in either mode an
 * overrun (BOF), which otherwise stops reception; never DTFTFF.
 */
static inline u32 linflexd_rx_ack(u32 uartcr, u32 uartsr)
{
	u32 ack = uartsr & LINFLEXD_UARTSR_BOF;

	if (!(uartcr & LINFLEXD_UARTCR_RFBM))
		ack |= uartsr & (LINFLEXD_UARTSR_DRFRFE | LINFLEXD_UARTSR_RMB);
	return ack;
}

#endif /* BULWARK_LINFLEXD_REGS_H */
