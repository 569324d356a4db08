/* SPDX-License-Identifier: Apache-2.0 */
/* Physical interrupts: who owns each one, and handling them as they fire. */
#ifndef BULWARK_IRQ_H
#define BULWARK_IRQ_H

/*
 * At boot, after the VMs are built: records each VM's interrupts and routes
 * the console's receive interrupt to the boot CPU.
 */
void irq_setup(unsigned int boot_cpu);

/* The controller signalled this CPU: claim and dispatch until none is left. */
void irq_handle(unsigned int cpu);

#endif /* BULWARK_IRQ_H */
