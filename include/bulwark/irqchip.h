/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The physical interrupt controller, as the core sees it. Exactly one
 * driver (chosen in Kconfig) implements these.
 */
#ifndef BULWARK_IRQCHIP_H
#define BULWARK_IRQCHIP_H

#include <bulwark/types.h>

/* Once, on the boot CPU: everything masked, priorities reset. */
void irqchip_init(void);

/* On every CPU: accept interrupts routed to this CPU. */
void irqchip_cpu_init(unsigned int cpu);

/* Deliver physical interrupt irq to physical CPU cpu (enable it there). */
void irqchip_route(u32 irq, unsigned int cpu);

/* Take the highest pending interrupt routed to this CPU; 0 when none. */
u32 irqchip_claim(unsigned int cpu);

/* Tell the controller irq (claimed on cpu) has been handled. */
void irqchip_complete(unsigned int cpu, u32 irq);

#endif /* BULWARK_IRQCHIP_H */
