/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Direct interrupt delivery on GICv3 (interrupts = direct), between vgic.c
 * and gicv3.c and vgic_direct.c only. How it works and why is in
 * Documentation/benchmarks.md, "Direct interrupt delivery".
 *
 * A direct VM's CPUs run with HCR_EL2.FMO set and IMO clear: its physical
 * Group 1 interrupts are taken by the guest at EL1 and acknowledged and
 * completed at the physical CPU interface (EOImode 0); the hypervisor keeps
 * Group 0 (FIQ, taken to EL2) for itself: the event SGI and, when routed to
 * such a CPU, the console's interrupt. The guest's distributor and
 * redistributor accesses still trap: the vGIC model answers them and
 * vgic_direct.c writes what they change for the VM's own interrupts to the
 * physical GIC; its SGIs trap (FMO) and become physical SGIs to its CPUs.
 */
#ifndef DRIVERS_IRQCHIP_VGIC_DIRECT_H
#define DRIVERS_IRQCHIP_VGIC_DIRECT_H

#include <bulwark/types.h>

#include "vgic_model.h"

struct vm;
struct vcpu;

/* Priority of the hypervisor's Group 0 interrupts; the guest's are at 0x80 and below. */
#define GIC_DIRECT_HYP_PRIORITY 0x00u

/* gicv3.c: nonzero for a CPU of a direct VM (from the layout, at irqchip_init). */
extern u8 gic_direct_cpu[];
volatile u8 *gic_redist_frame(unsigned int cpu);    /* RD_base of cpu's redistributor */
void gic_send_guest_sgi(unsigned int cpu, u32 sgi); /* a Group 1 SGI to physical cpu */

/* At irqchip_init: marks the CPUs of direct VMs in gic_direct_cpu. */
void vgic_direct_mark_cpus(void);
/* At the end of irqchip_cpu_init on a direct CPU: Group 0 for the hypervisor, EOImode 0. */
void vgic_direct_cpu_init(unsigned int cpu);

/* Whether the GIC lets the hypervisor use Group 0 (GICD_CTLR.DS, one security state). */
bool vgic_direct_supported(void);

/* The VM's SPIs and doorbells (owned[0..n)), physically: disabled, Group 1, at vCPU 0. */
void vgic_direct_vm_init(struct vgic_model *m, struct vm *vm, const u32 *owned, u32 n);
void vgic_direct_vm_reset(struct vgic_model *m, struct vm *vm);
/* On v's CPU, model lock held: its private interrupts and CPU interface from reset. */
void vgic_direct_vcpu_start(struct vgic_model *m, struct vcpu *v);

/* Trapped accesses, model lock held: the model answers, the physical GIC follows. */
enum vgic_result vgic_direct_dist_access(struct vgic_model *m, struct vm *vm, unsigned int vcpu,
					 u64 offset, unsigned int width, bool is_write, u64 *value);
enum vgic_result vgic_direct_redist_access(struct vgic_model *m, struct vm *vm, u64 offset,
					   unsigned int width, bool is_write, u64 *value);
/* ICC_SGI1R_EL1 from vCPU sender: physical SGIs to the named vCPUs' CPUs. */
bool vgic_direct_sgi1r(struct vm *vm, unsigned int sender, u64 value);
/* A doorbell: the physical SPI irq made pending. */
void vgic_direct_raise(u32 irq);

#endif /* DRIVERS_IRQCHIP_VGIC_DIRECT_H */
