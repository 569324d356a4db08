/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GPIO doorbells: a PL061 model (pl061_model.c) in front of an IPC object,
 * for guests that ring and wait from user space (Linux's GPIO character
 * device drives a PL061 with its stock driver). This file ties the model to
 * a VM: its MMIO window, its lock, the events it rings and the doorbell
 * interrupt it raises.
 */
#include <bulwark/errno.h>
#include <bulwark/ipc.h>
#include <bulwark/mmio.h>
#include <bulwark/spinlock.h>
#include <bulwark/vdev.h>
#include <bulwark/virq.h>
#include <bulwark/vm.h>
#include <generated/board.h>

#include "pl061_model.h"

struct ipc_gpio {
	spinlock_t lock;
	struct vm *vm;
	u32 ipc; /* the VM's index of the mapping */
	struct pl061_model model;
};

/* At least one entry, so that layouts without GPIO doorbells still compile. */
#define NR_GPIOS (VMCONF_NR_IPC_GPIOS ? VMCONF_NR_IPC_GPIOS : 1)
static struct ipc_gpio gpios[NR_GPIOS];
static unsigned int nr_gpios;

static struct ipc_gpio *gpio_of(const struct vm *vm, u32 ipc)
{
	for (unsigned int i = 0; i < nr_gpios; i++)
		if (gpios[i].vm == vm && gpios[i].ipc == ipc)
			return &gpios[i];
	return NULL;
}

/*
 * What the model asked for, done without the lock: ringing a peer may take
 * the peer's controller lock, and the peer may be ringing us at the same time.
 */
static void apply(const struct ipc_gpio *g, struct pl061_effects fx)
{
	for (u32 e = 0; e < PL061_EVENTS; e++)
		if (fx.ring & (1u << e))
			(void)ipc_notify(g->vm, g->ipc, e);
	if (fx.raise)
		virq_raise(g->vm, g->vm->desc->shmem_maps[g->ipc].doorbells[0]);
}

static enum mmio_result ipc_gpio_access(struct vcpu *v, struct mmio_access *a, void *ctx)
{
	struct ipc_gpio *g = ctx;
	struct pl061_effects fx = {0};
	u64 reg = a->offset & ~3ULL;

	(void)v;
	if (a->width > 4 || (a->offset & (a->width - 1)))
		return MMIO_BAD_ACCESS;
	spin_lock(&g->lock);
	/* Byte and halfword accesses see the low bits of the 32-bit register. */
	if (a->is_write)
		fx = pl061_model_write(&g->model, reg, (u32)a->value);
	else
		a->value = pl061_model_read(&g->model, reg) >> (8 * (a->offset & 3));
	spin_unlock(&g->lock);
	apply(g, fx);
	return MMIO_OK;
}

/* A peer rang event on the VM's mapping ipc: a line edge when the mapping has gpio. */
static bool ipc_gpio_event(struct vm *vm, u32 ipc, u32 event)
{
	struct ipc_gpio *g;
	struct pl061_effects fx;

	if (!vm->desc->shmem_maps[ipc].gpio_base)
		return false; /* the core raises the mapping's doorbell */
	g = gpio_of(vm, ipc);
	if (!g)
		return true;
	spin_lock(&g->lock);
	fx = pl061_model_event(&g->model, event);
	spin_unlock(&g->lock);
	apply(g, fx);
	return true;
}

static void ipc_gpio_vm_reset(const struct vm *vm)
{
	for (unsigned int i = 0; i < nr_gpios; i++) {
		struct ipc_gpio *g = &gpios[i];

		if (g->vm != vm)
			continue;
		spin_lock(&g->lock);
		pl061_model_reset(&g->model);
		spin_unlock(&g->lock);
	}
}

static int ipc_gpio_vm_init(struct vm *vm)
{
	const struct vmconf_vm *d = vm->desc;

	for (u32 m = 0; m < d->nr_shmem_maps; m++) {
		struct ipc_gpio *g;
		struct mmio_window w = {
		    .name = "ipc-gpio", .size = PL061_SIZE, .access = ipc_gpio_access};
		int err;

		if (!d->shmem_maps[m].gpio_base)
			continue;
		if (nr_gpios >= NR_GPIOS)
			return -ENOSPC; /* the generated count is wrong: a tools bug */
		g = &gpios[nr_gpios++];
		g->lock = (spinlock_t)SPINLOCK_INIT;
		g->vm = vm;
		g->ipc = m;
		pl061_model_reset(&g->model);
		w.base = d->shmem_maps[m].gpio_base;
		w.ctx = g;
		err = mmio_register(vm->id, &w);
		if (err)
			return err;
	}
	return 0;
}

/* One PL061 window per mapping with gpio; its interrupt is the mapping's doorbell. */
static u32 ipc_gpio_nr_windows(const struct vmconf_vm *d)
{
	u32 n = 0;

	for (u32 m = 0; m < d->nr_shmem_maps; m++)
		n += d->shmem_maps[m].gpio_base ? 1 : 0;
	return n;
}

VDEV_MODEL(ipc_gpio) = {
    .name = "GPIO doorbells",
    .nr_windows = ipc_gpio_nr_windows,
    .vm_init = ipc_gpio_vm_init,
    .vm_reset = ipc_gpio_vm_reset,
    .ipc_event = ipc_gpio_event,
};
