/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The console: the PL011 of QEMU virt (the same device and code as on
 * AArch64), an STM32 USART at GUEST_UART_STM32 (STM32MP1 boards) or a
 * CMSDK APB UART at GUEST_UART_CMSDK (MPS3 AN536).
 */
#if defined(GUEST_UART_CMSDK)
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
