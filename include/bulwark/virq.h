/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The per-VM virtual interrupt controller, as the core sees it. Exactly one
 * model (chosen with the interrupt controller in Kconfig) implements these:
 * a virtual PLIC, APLIC or GIC distributor.
 */
#ifndef BULWARK_VIRQ_H
#define BULWARK_VIRQ_H

#include <bulwark/types.h>

struct vm;
struct vcpu;

/*
 * At boot, for every VM: build its model from the layout (only the VM's own
 * interrupts exist in it: its devices' and its IPC doorbells), register its
 * MMIO window and route each of its physical interrupts to the VM's first
 * physical CPU.
 */
int virq_vm_init(struct vm *vm);

/*
 * Physical interrupt irq, owned by vm, fired and was claimed. The model makes
 * it pending for the guest and completes it physically once the guest
 * completes it. Called on the CPU that claimed it.
 */
void virq_inject(struct vm *vm, u32 irq);

/*
 * A purely virtual interrupt of the VM (an IPC doorbell) fires: made pending
 * in the model as an edge; nothing physical to complete. Any CPU.
 */
void virq_raise(struct vm *vm, u32 irq);

/* The VM restarts: back to reset state; in-flight interrupts are completed. */
void virq_vm_reset(struct vm *vm);

#endif /* BULWARK_VIRQ_H */
