/* SPDX-License-Identifier: Apache-2.0 */
/* Bulwark hypercalls (SMCCC fast calls, owner "vendor hypervisor") and enabling a device interrupt.
 */
#include "../arch.h"
#include "gic.h"

#define SMCCC_VENDOR_HYP_CALL 0x86000000UL

long arch_hypercall(unsigned long id, unsigned long a0, unsigned long a1)
{
	register unsigned long x0 __asm__("x0") = SMCCC_VENDOR_HYP_CALL | id;
	register unsigned long x1 __asm__("x1") = a0;
	register unsigned long x2 __asm__("x2") = a1;

	__asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2) : : "memory");
	return (long)x0;
}

void arch_dev_irq_enable(unsigned int id)
{
	gic_set_priority(id, 0x80);
	gic_route_spi_here(id);
	gic_enable(id, true);
}
