/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Register offsets and bits of the i.MX UART (i.MX 6, i.MX 8M: the "UART"
 * chapter of the i.MX 8M Dual/8M QuadLite/8M Quad reference manual, IMX8MDQLQRM).
 */
#ifndef DRIVERS_SERIAL_IMX_UART_REGS_H
#define DRIVERS_SERIAL_IMX_UART_REGS_H

/* Offsets, 32-bit registers (the upper 16 bits read as zero). */
#define IMX_UART_URXD  0x00 /* receiver: data and status of the oldest byte */
#define IMX_UART_UTXD  0x40 /* transmitter */
#define IMX_UART_UCR1  0x80
#define IMX_UART_UCR2  0x84
#define IMX_UART_UCR3  0x88
#define IMX_UART_UCR4  0x8c
#define IMX_UART_UFCR  0x90 /* FIFO control */
#define IMX_UART_USR1  0x94
#define IMX_UART_USR2  0x98
#define IMX_UART_UESC  0x9c
#define IMX_UART_UTIM  0xa0
#define IMX_UART_UBIR  0xa4
#define IMX_UART_UBMR  0xa8
#define IMX_UART_UBRC  0xac
#define IMX_UART_ONEMS 0xb0
#define IMX_UART_UTS   0xb4 /* test: FIFO full and empty flags */
#define IMX_UART_UMCR  0xb8

/* URXD */
#define IMX_UART_URXD_CHARRDY (1u << 15)

/* UCR1 */
#define IMX_UART_UCR1_UARTEN (1u << 0)
#define IMX_UART_UCR1_RRDYEN (1u << 9)
#define IMX_UART_UCR1_TRDYEN (1u << 13)

/* UCR2 */
#define IMX_UART_UCR2_SRST (1u << 0) /* write 0: software reset; reads 1 when done */
#define IMX_UART_UCR2_RXEN (1u << 1)
#define IMX_UART_UCR2_TXEN (1u << 2)
#define IMX_UART_UCR2_WS   (1u << 5) /* 8 data bits */
#define IMX_UART_UCR2_IRTS (1u << 14)

/* UCR4 */
#define IMX_UART_UCR4_DREN (1u << 0) /* receive data ready interrupt */
#define IMX_UART_UCR4_OREN (1u << 1) /* receiver overrun interrupt */
#define IMX_UART_UCR4_TCEN (1u << 3) /* transmit complete interrupt */

/* USR1 */
#define IMX_UART_USR1_RRDY (1u << 9)
#define IMX_UART_USR1_TRDY (1u << 13)

/* USR2 */
#define IMX_UART_USR2_RDR  (1u << 0)
#define IMX_UART_USR2_ORE  (1u << 1) /* write 1 to clear */
#define IMX_UART_USR2_TXDC (1u << 3)
#define IMX_UART_USR2_TXFE (1u << 14)

/* UTS */
#define IMX_UART_UTS_TXFULL  (1u << 4)
#define IMX_UART_UTS_RXEMPTY (1u << 5)
#define IMX_UART_UTS_TXEMPTY (1u << 6)

#endif /* DRIVERS_SERIAL_IMX_UART_REGS_H */
