/* SPDX-License-Identifier: Apache-2.0 */
/* The boot-time glue the RISC-V window models share (virq_window.h). */
#include <bulwark/errno.h>
#include <bulwark/irqchip.h>
#include <bulwark/printk.h>
#include <bulwark/virq.h>
#include <bulwark/vm.h>
#include <generated/board.h>

#include "virq_window.h"

int virq_window_check_vm(const struct vm *vm)
{
	if (vm->id >= VMCONF_NR_VMS || vm->nr_vcpus == 0 || !vm->vcpus[0])
		return -EINVAL;
	return 0;
}

void virq_window_refused(const struct vm *vm, const struct virq_window_model *m)
{
	pr_err("VM %s: %s: %u vCPUs (at most %u) or a source outside 1..%u", vm->desc->name,
	       m->name, vm->nr_vcpus, m->max_vcpus, m->nr_sources - 1u);
}

int virq_window_register(struct vm *vm, const struct virq_window_model *m, struct mmio_window *w,
			 enum mmio_result (*access)(struct vcpu *v, struct mmio_access *a,
						    void *ctx),
			 void *ctx)
{
	int err;

	w->name = m->window_name;
	w->base = m->base;
	w->size = m->size;
	w->access = access;
	w->ctx = ctx;
	err = mmio_register(vm->id, w);
	if (err)
		return err;
	vm->virq = ctx;
	return 0;
}

void virq_window_route_to_first_vcpu(const struct vm *vm)
{
	const struct vmconf_vm *desc = vm->desc;

	for (u32 i = 0; i < desc->nr_irqs; i++)
		irqchip_route(desc->irqs[i], vm->vcpus[0]->cpu);
}

u32 virq_window_one(const struct vmconf_vm *d)
{
	(void)d;
	return 1;
}

/* No CPU register of these controllers traps: the window (or, for the IMSIC, the hart) has all. */
bool virq_vcpu_reg_access(struct vcpu *v, u32 reg, bool is_write, u64 *value)
{
	(void)v;
	(void)reg;
	(void)is_write;
	(void)value;
	return false;
}
