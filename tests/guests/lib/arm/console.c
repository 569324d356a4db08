/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The console: the PL011 of QEMU virt (the same device and code as on
 * AArch64), or an STM32 USART at GUEST_UART_STM32 (STM32MP1 boards).
 */
#ifndef GUEST_UART_STM32
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
