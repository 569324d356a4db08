/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The registry of device models (virtual UART, GPIO doorbells, the virtual
 * interrupt controller's windows): each model describes itself once with
 * VDEV_MODEL and the core walks the list, so kernel/ names no driver and a
 * new model is one file and one obj-$(CONFIG_...) line.
 */
#ifndef BULWARK_VDEV_H
#define BULWARK_VDEV_H

#include <bulwark/types.h>

struct vm;
struct vmconf_vm;

/*
 * Every hook may be NULL: a model provides only what it takes part in.
 * Aligned as a type, so that its size is a multiple of the alignment every
 * entry gets and the section is a gapless array on 32-bit arches too.
 */
struct __attribute__((aligned(8))) vdev_model {
	const char *name;
	/*
	 * The MMIO windows the model registers for a VM with this layout
	 * description. tools/vmconf/vmconflib/vdev.py counts the same to size
	 * the VM's window table; vm.c compares the two at boot.
	 */
	u32 (*nr_windows)(const struct vmconf_vm *d);
	/*
	 * The virtual interrupts the model adds to the VM (beyond the layout's
	 * own and the doorbells): writes at most max of them to out, returns
	 * how many it wrote. Any order: the caller sorts.
	 */
	u32 (*virtual_irqs)(const struct vm *vm, u32 *out, u32 max);
	/* At boot, after the VM's interrupt controller: registers its windows. */
	int (*vm_init)(struct vm *vm);
	/* The VM restarts: back to reset state, after its interrupt controller. */
	void (*vm_reset)(const struct vm *vm);
	/*
	 * On the receiving VM's CPU: a peer rang event on the VM's mapping ipc.
	 * True when the model carries that mapping's events (then the
	 * doorbell interrupt is the model's to raise), false to let the core
	 * raise the mapping's doorbell.
	 */
	bool (*ipc_event)(struct vm *vm, u32 ipc, u32 event);
	/* Console input for the VM was queued: interrupt it if it listens. Any CPU. */
	void (*console_input_ready)(struct vm *vm);
};

/*
 * Defines the model `id` in the .vdev_models section, which both linker
 * scripts bracket with __vdev_models_start/__vdev_models_end.
 */
#define VDEV_MODEL(id)                                                                             \
	static const struct vdev_model vdev_model_##id                                             \
	    __attribute__((used, section(".vdev_models")))

/* Every model linked in, in link order: the section's bounds. */
extern const struct vdev_model __vdev_models_start[];
extern const struct vdev_model __vdev_models_end[];

/* How many models are linked in (the bounds are two symbols, so compared as numbers). */
static inline unsigned int vdev_nr_models(void)
{
	return (unsigned int)(((uintptr_t)__vdev_models_end - (uintptr_t)__vdev_models_start) /
			      sizeof(struct vdev_model));
}

/* Model i, for i < vdev_nr_models(). */
static inline const struct vdev_model *vdev_model(unsigned int i)
{
	return &__vdev_models_start[i];
}

#endif /* BULWARK_VDEV_H */
