/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The console: the PL011 of QEMU virt (the same device and code as on
 * AArch64), an STM32 USART at GUEST_UART_STM32 (STM32MP1 boards) or a
 * CMSDK APB UART at GUEST_UART_CMSDK (MPS3 AN536), an NXP LINFlexD at
 * GUEST_UART_LINFLEXD (S32Z2/E2) or a Renesas SCI at GUEST_UART_RZ_SCI
 * (RZ/T2M), as the boot loader set them up (register facts: the
 * hypervisor's drivers/serial/linflexd_regs.h and rz_sci_regs.h).
 */
#if defined(GUEST_UART_LINFLEXD)
#include <stdint.h>
#include "../arch.h"
#include "../test.h"

#define LINFLEXD_UARTCR	       0x10
#define LINFLEXD_UARTSR	       0x14
#define LINFLEXD_BDRL	       0x38
#define LINFLEXD_BDRM	       0x3c
#define LINFLEXD_UARTCR_TFBM   (1U << 8)
#define LINFLEXD_UARTCR_RFBM   (1U << 9)
#define LINFLEXD_UARTSR_DTFTFF (1U << 1)
#define LINFLEXD_UARTSR_DRFRFE (1U << 2)
#define LINFLEXD_UARTSR_RMB    (1U << 9)

static volatile uint32_t *linflexd(unsigned long reg)
{
	unsigned long base = guest_uart_own ? guest_uart_own : GUEST_UART_LINFLEXD;

	return (volatile uint32_t *)(base + reg);
}

void arch_console_write(const char *buf, unsigned long len)
{
	int fifo = (*linflexd(LINFLEXD_UARTCR) & LINFLEXD_UARTCR_TFBM) != 0;

	for (; len; len--, buf++) {
		while (fifo && (*linflexd(LINFLEXD_UARTSR) & LINFLEXD_UARTSR_DTFTFF))
			;
		*(volatile uint8_t *)linflexd(LINFLEXD_BDRL) = (uint8_t)*buf;
		if (!fifo) {
			while (!(*linflexd(LINFLEXD_UARTSR) & LINFLEXD_UARTSR_DTFTFF))
				;
			*linflexd(LINFLEXD_UARTSR) = LINFLEXD_UARTSR_DTFTFF;
		}
	}
}

long arch_console_read(char *c)
{
	int fifo = (*linflexd(LINFLEXD_UARTCR) & LINFLEXD_UARTCR_RFBM) != 0;
	uint32_t sr = *linflexd(LINFLEXD_UARTSR);

	if (fifo ? (sr & LINFLEXD_UARTSR_DRFRFE) != 0 : !(sr & LINFLEXD_UARTSR_DRFRFE))
		return 0;
	*c = (char)(*linflexd(LINFLEXD_BDRM) & 0xff);
	if (!fifo)
		*linflexd(LINFLEXD_UARTSR) = LINFLEXD_UARTSR_DRFRFE | LINFLEXD_UARTSR_RMB;
	return 1;
}
#elif defined(GUEST_UART_RZ_SCI)
#include <stdint.h>
#include "../arch.h"
#include "../test.h"

#define SCI_RDR	     0x00
#define SCI_TDR	     0x04
#define SCI_CCR3     0x14
#define SCI_CSR	     0x48
#define SCI_FRSR     0x50
#define SCI_FTSR     0x54
#define SCI_CFCLR    0x68
#define SCI_CCR3_FM  (1U << 20)
#define SCI_CSR_TDRE (1U << 29)
#define SCI_CSR_RDRF (1U << 31)
#define SCI_FRSR_R   (0x3fU << 7)

static volatile uint32_t *sci(unsigned long reg)
{
	unsigned long base = guest_uart_own ? guest_uart_own : GUEST_UART_RZ_SCI;

	return (volatile uint32_t *)(base + reg);
}

void arch_console_write(const char *buf, unsigned long len)
{
	int fifo = (*sci(SCI_CCR3) & SCI_CCR3_FM) != 0;

	for (; len; len--, buf++) {
		if (fifo) {
			while ((*sci(SCI_FTSR) & 0x3fU) >= 16)
				;
		} else {
			while (!(*sci(SCI_CSR) & SCI_CSR_TDRE))
				;
			*sci(SCI_CFCLR) = SCI_CSR_TDRE;
		}
		*sci(SCI_TDR) = (uint8_t)*buf;
	}
}

long arch_console_read(char *c)
{
	int fifo = (*sci(SCI_CCR3) & SCI_CCR3_FM) != 0;

	if (fifo ? !(*sci(SCI_FRSR) & SCI_FRSR_R) : !(*sci(SCI_CSR) & SCI_CSR_RDRF))
		return 0;
	*c = (char)(*sci(SCI_RDR) & 0xff);
	if (!fifo)
		*sci(SCI_CFCLR) = SCI_CSR_RDRF;
	return 1;
}
#elif defined(GUEST_UART_CMSDK)
#include <stdint.h>
#include "../arch.h"
#include "../test.h"

#define CMSDK_DATA	     0x000
#define CMSDK_STATE	     0x004
#define CMSDK_CTRL	     0x008
#define CMSDK_BAUDDIV	     0x010
#define CMSDK_STATE_TXFULL   (1U << 0)
#define CMSDK_STATE_RXFULL   (1U << 1)
#define CMSDK_CTRL_TXEN_RXEN 0x3U

static volatile uint32_t *cmsdk(unsigned long reg)
{
	return (volatile uint32_t *)(GUEST_UART_CMSDK + reg);
}

static void cmsdk_enable(void)
{
	if (!(*cmsdk(CMSDK_CTRL) & 1U)) {
		if (*cmsdk(CMSDK_BAUDDIV) < 16)
			*cmsdk(CMSDK_BAUDDIV) = 434; /* 50 MHz / 115200 */
		*cmsdk(CMSDK_CTRL) |= CMSDK_CTRL_TXEN_RXEN;
	}
}

void arch_console_write(const char *buf, unsigned long len)
{
	cmsdk_enable();
	for (; len; len--, buf++) {
		while (*cmsdk(CMSDK_STATE) & CMSDK_STATE_TXFULL)
			;
		*cmsdk(CMSDK_DATA) = (unsigned char)*buf;
	}
}

long arch_console_read(char *c)
{
	cmsdk_enable();
	if (!(*cmsdk(CMSDK_STATE) & CMSDK_STATE_RXFULL))
		return 0;
	*c = (char)(*cmsdk(CMSDK_DATA) & 0xff);
	return 1;
}
#elif !defined(GUEST_UART_STM32)
#include "../aarch64/console.c"
#else
#include <stdint.h>
#include "../arch.h"
#include "../test.h"

#define USART_ISR      0x1c
#define USART_RDR      0x24
#define USART_TDR      0x28
#define USART_ISR_RXNE (1U << 5)
#define USART_ISR_TXE  (1U << 7)

static volatile uint32_t *usart(unsigned long reg)
{
	return (volatile uint32_t *)(GUEST_UART_STM32 + reg);
}

void arch_console_write(const char *buf, unsigned long len)
{
	for (; len; len--, buf++) {
		while (!(*usart(USART_ISR) & USART_ISR_TXE))
			;
		*usart(USART_TDR) = (unsigned char)*buf;
	}
}

long arch_console_read(char *c)
{
	if (!(*usart(USART_ISR) & USART_ISR_RXNE))
		return 0;
	*c = (char)(*usart(USART_RDR) & 0xff);
	return 1;
}
#endif
