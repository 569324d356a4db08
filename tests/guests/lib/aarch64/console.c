/* SPDX-License-Identifier: Apache-2.0 */
/* The console on the PL011 of QEMU virt: DR for data, FR for the FIFO flags. */
#include <stdint.h>
#include "../arch.h"
#include "../test.h"

#define PL011_BASE 0x09000000UL
#define PL011_DR   0x000
#define PL011_FR   0x018
#define FR_RXFE	   (1U << 4)
#define FR_TXFF	   (1U << 5)

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
