/* SPDX-License-Identifier: Apache-2.0 */
/* Register offsets and bits of the Arm CMSDK APB UART (Cortex-M System Design Kit, AN536's UARTs).
 */
#ifndef DRIVERS_SERIAL_CMSDK_UART_REGS_H
#define DRIVERS_SERIAL_CMSDK_UART_REGS_H

/* Offsets, 32-bit registers. */
#define CMSDK_UART_DATA	     0x000 /* read: received byte; write: byte to send */
#define CMSDK_UART_STATE     0x004 /* write 1 to an overrun bit to clear it */
#define CMSDK_UART_CTRL	     0x008
#define CMSDK_UART_INTSTATUS 0x00c /* read: pending; write 1: clear (INTCLEAR) */
#define CMSDK_UART_BAUDDIV   0x010 /* PCLK / baud rate, at least 16 */

/* STATE */
#define CMSDK_UART_STATE_TXFULL (1u << 0)
#define CMSDK_UART_STATE_RXFULL (1u << 1)
#define CMSDK_UART_STATE_TXOVR	(1u << 2)
#define CMSDK_UART_STATE_RXOVR	(1u << 3)

/* CTRL */
#define CMSDK_UART_CTRL_TXEN	 (1u << 0)
#define CMSDK_UART_CTRL_RXEN	 (1u << 1)
#define CMSDK_UART_CTRL_TXINTEN	 (1u << 2)
#define CMSDK_UART_CTRL_RXINTEN	 (1u << 3)
#define CMSDK_UART_CTRL_TXOINTEN (1u << 4)
#define CMSDK_UART_CTRL_RXOINTEN (1u << 5)
#define CMSDK_UART_CTRL_HSTEST	 (1u << 6)

/* INTSTATUS / INTCLEAR */
#define CMSDK_UART_INT_TX    (1u << 0)
#define CMSDK_UART_INT_RX    (1u << 1)
#define CMSDK_UART_INT_TXOVR (1u << 2)
#define CMSDK_UART_INT_RXOVR (1u << 3)

/* The smallest divisor the UART accepts. */
#define CMSDK_UART_BAUDDIV_MIN 16u

#endif /* DRIVERS_SERIAL_CMSDK_UART_REGS_H */
