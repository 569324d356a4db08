/* SPDX-License-Identifier: Apache-2.0 */
/* Bulwark hypercalls (SMCCC fast calls, owner "vendor hypervisor") and enabling a device interrupt.
 */
#include "../arch.h"
#include "gic.h"

#define SMCCC_VENDOR_HYP_CALL 0x86000000UL

long arch_hypercall(unsigned long id, unsigned long a0, unsigned long a1)
{
	register unsigned long r0 __asm__("r0") = SMCCC_VENDOR_HYP_CALL | id;
	register unsigned long r1 __asm__("r1") = a0;
	register unsigned long r2 __asm__("r2") = a1;

	__asm__ volatile(".arch_extension virt\n\thvc #0"
			 : "+r"(r0), "+r"(r1), "+r"(r2)
			 :
			 : "r3", "r12", "memory");
	return (long)r0;
}

void arch_dev_irq_enable(unsigned int id)
{
	gic_set_priority(id, 0x80);
	gic_route_spi_here(id);
	gic_enable(id, true);
}
