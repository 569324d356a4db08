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

/* What irqchip_claim returns when nothing is pending (0 is an Arm SGI). */
#define IRQCHIP_NONE 0xffffffffu

/* Take the highest pending interrupt routed to this CPU; IRQCHIP_NONE when none. */
u32 irqchip_claim(unsigned int cpu);

/* Tell the controller irq (claimed on cpu) has been handled. */
void irqchip_complete(unsigned int cpu, u32 irq);

/*
 * Interrupts private to a CPU (Arm SGIs and PPIs: event IPIs, the
 * maintenance interrupt, the guest's timers). Called first for every
 * claimed interrupt; returns true when it handled (and completed) irq.
 * Controllers without private interrupts return false.
 */
bool irqchip_handle_private(unsigned int cpu, u32 irq);

#endif /* BULWARK_IRQCHIP_H */
