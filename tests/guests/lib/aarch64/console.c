/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The console on a PL011: QEMU virt's, or a board's at GUEST_UART_PL011
 * (board.mk); DR for data, FR for the FIFO flags. A board with a Cadence
 * UART (Zynq UltraScale+) gives GUEST_UART_CDNS instead, one with an i.MX
 * UART (i.MX 8M) GUEST_UART_IMX, one with an LPUART (i.MX 8QuadMax)
 * GUEST_UART_LPUART, one with an 8250 GUEST_UART_NS16550 and
 * its register spacing GUEST_UART_SHIFT (words 1 << shift bytes apart).
 */
#include <stdint.h>
#include "../arch.h"
#include "../test.h"

#if defined(GUEST_UART_LPUART)
#define LP_STAT	     0x14
#define LP_DATA	     0x1c
#define LP_STAT_RDRF (1U << 21)
#define LP_STAT_TDRE (1U << 23)

static volatile uint32_t *lp(unsigned long reg)
{
	return (volatile uint32_t *)(GUEST_UART_LPUART + reg);
}

void arch_console_write(const char *buf, unsigned long len)
{
	for (; len; len--, buf++) {
		while (!(*lp(LP_STAT) & LP_STAT_TDRE))
			;
		*lp(LP_DATA) = (unsigned char)*buf;
	}
}

long arch_console_read(char *c)
{
	if (!(*lp(LP_STAT) & LP_STAT_RDRF))
		return 0;
	*c = (char)(*lp(LP_DATA) & 0xff);
	return 1;
}
#elif defined(GUEST_UART_NS16550)
#define NS_RBR	    0
#define NS_THR	    0
#define NS_LSR	    5
#define NS_LSR_DR   0x01U
#define NS_LSR_THRE 0x20U

static volatile uint32_t *ns(unsigned long reg)
{
	return (volatile uint32_t *)(GUEST_UART_NS16550 + (reg << GUEST_UART_SHIFT));
}

void arch_console_write(const char *buf, unsigned long len)
{
	for (; len; len--, buf++) {
		while (!(*ns(NS_LSR) & NS_LSR_THRE))
			;
		*ns(NS_THR) = (unsigned char)*buf;
	}
}

long arch_console_read(char *c)
{
	if (!(*ns(NS_LSR) & NS_LSR_DR))
		return 0;
	*c = (char)(*ns(NS_RBR) & 0xff);
	return 1;
}
#elif defined(GUEST_UART_IMX)
#define IMX_URXD	 0x00
#define IMX_UTXD	 0x40
#define IMX_UTS		 0xb4
#define IMX_URXD_CHARRDY (1U << 15)
#define IMX_UTS_TXFULL	 (1U << 4)
#define IMX_UTS_RXEMPTY	 (1U << 5)

static volatile uint32_t *imx(unsigned long reg)
{
	return (volatile uint32_t *)(GUEST_UART_IMX + reg);
}

void arch_console_write(const char *buf, unsigned long len)
{
	for (; len; len--, buf++) {
		while (*imx(IMX_UTS) & IMX_UTS_TXFULL)
			;
		*imx(IMX_UTXD) = (unsigned char)*buf;
	}
}

long arch_console_read(char *c)
{
	uint32_t rx;

	if (*imx(IMX_UTS) & IMX_UTS_RXEMPTY)
		return 0;
	rx = *imx(IMX_URXD);
	if (!(rx & IMX_URXD_CHARRDY))
		return 0;
	*c = (char)(rx & 0xff);
	return 1;
}
#elif defined(GUEST_UART_CDNS)
#define CDNS_SR	       0x2c
#define CDNS_FIFO      0x30
#define CDNS_SR_REMPTY (1U << 1)
#define CDNS_SR_TFUL   (1U << 4)

static volatile uint32_t *cdns(unsigned long reg)
{
	return (volatile uint32_t *)(GUEST_UART_CDNS + reg);
}

void arch_console_write(const char *buf, unsigned long len)
{
	for (; len; len--, buf++) {
		while (*cdns(CDNS_SR) & CDNS_SR_TFUL)
			;
		*cdns(CDNS_FIFO) = (unsigned char)*buf;
	}
}

long arch_console_read(char *c)
{
	if (*cdns(CDNS_SR) & CDNS_SR_REMPTY)
		return 0;
	*c = (char)(*cdns(CDNS_FIFO) & 0xff);
	return 1;
}
#else

#ifdef GUEST_UART_PL011
#define PL011_BASE GUEST_UART_PL011
#else
#define PL011_BASE 0x09000000UL
#endif
#define PL011_DR 0x000
#define PL011_FR 0x018
#define FR_RXFE	 (1U << 4)
#define FR_TXFF	 (1U << 5)

static volatile uint32_t *pl011(unsigned long reg)
{
	return (volatile uint32_t *)(PL011_BASE + reg);
}

void arch_console_write(const char *buf, unsigned long len)
{
	for (; len; len--, buf++) {
		while (*pl011(PL011_FR) & FR_TXFF)
			;
		*pl011(PL011_DR) = (unsigned char)*buf;
	}
}

long arch_console_read(char *c)
{
	if (*pl011(PL011_FR) & FR_RXFE)
		return 0;
	*c = (char)(*pl011(PL011_DR) & 0xff);
	return 1;
}
#endif
