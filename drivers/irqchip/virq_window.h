/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the RISC-V virtual interrupt controllers (the vPLIC, the vAPLIC in
 * direct mode, the vAPLIC in MSI mode beside the IMSIC) share: each is one
 * MMIO window per VM over a pure model, built at boot the same way.
 */
#ifndef BULWARK_IRQCHIP_VIRQ_WINDOW_H
#define BULWARK_IRQCHIP_VIRQ_WINDOW_H

#include <bulwark/mmio.h>
#include <bulwark/types.h>

struct vm;
struct vmconf_vm;

/* What one model is, for its boot-time checks and its window. */
struct virq_window_model {
	const char *name;	 /* "virtual PLIC": names it in errors */
	const char *window_name; /* the window's, in containment reports */
	u64 base, size;		 /* the guest's controller: where the board has the real one */
	u32 max_vcpus;		 /* what one model holds */
	u32 nr_sources;		 /* sources 1..nr_sources-1 */
};

/* The guest's APLIC domain, in direct mode and in MSI mode (vaplic_window.c). */
extern const struct virq_window_model vaplic_window;

/* 0 when vm can have a model (a known VM with its first vCPU), -EINVAL otherwise. */
int virq_window_check_vm(const struct vm *vm);

/* Reports that the model refused vm's layout (too many vCPUs or a source out of range). */
void virq_window_refused(const struct vm *vm, const struct virq_window_model *m);

/*
 * Registers the model's window for vm, with access and ctx, into w (which
 * lives as long as the VM), and makes ctx the VM's virq. 0 or the error of
 * mmio_register.
 */
int virq_window_register(struct vm *vm, const struct virq_window_model *m, struct mmio_window *w,
			 enum mmio_result (*access)(struct vcpu *v, struct mmio_access *a,
						    void *ctx),
			 void *ctx);

/* Every physical source of vm lands on its first vCPU's CPU; the guest's targets pick the vCPU. */
void virq_window_route_to_first_vcpu(const struct vm *vm);

/* A model's nr_windows (include/bulwark/vdev.h): one, whatever the layout. */
u32 virq_window_one(const struct vmconf_vm *d);

#endif /* BULWARK_IRQCHIP_VIRQ_WINDOW_H */
