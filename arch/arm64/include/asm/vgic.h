/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The contract between the AArch64 core (arch/arm64) and the GIC code
 * (drivers/irqchip/gic*.c, vgic*.c). The GIC code also implements
 * include/bulwark/irqchip.h and include/bulwark/virq.h.
 */
#ifndef ASM_VGIC_H
#define ASM_VGIC_H

#include <bulwark/types.h>

struct vcpu;

/* SGI the hypervisor uses to make another CPU look at its posted events. */
#define GIC_EVENT_SGI 0

/* Send the event SGI to physical CPU cpu (arch_send_event_ipi uses it). */
void gic_send_event_ipi(unsigned int cpu);

/*
 * On v's own CPU, before entering the guest and whenever its lines may have
 * changed: move v's pending virtual interrupts into the list registers (and
 * enable the maintenance interrupt when they overflow).
 */
void vgic_vcpu_sync(struct vcpu *v);

/* On v's own CPU when v starts (first boot, PSCI CPU_ON, VM reboot). */
void vgic_vcpu_reset(struct vcpu *v);

/*
 * GICv3 only: the guest wrote ICC_SGI1R_EL1 (trapped through
 * ICH_HCR_EL2.TC or HCR_EL2 settings). Returns false when the value names
 * vCPUs that do not exist (the core may report it).
 */
bool vgic_v3_sgi1r_write(struct vcpu *v, u64 value);

#endif /* ASM_VGIC_H */
