/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A virtual 16550A per VM with a virtual console, at the board console's
 * address: the register model (ns16550_model.c) tied to the VM's console
 * output, its console input queue and the console's interrupt line, purely
 * virtual: a level the model's interrupt output drives (virq_set_level),
 * as a 16550's INTR pin. The SBI debug console keeps working beside it:
 * both write to the same console.
 */
#include <bulwark/mmio.h>
#include <bulwark/spinlock.h>
#include <bulwark/vconsole.h>
#include <bulwark/virq.h>
#include <bulwark/vm.h>
#include <bulwark/vdev.h>
#include <generated/board.h>

#include "ns16550_model.h"

/* QEMU virt's 16550 has byte registers one byte apart (no reg-shift in its tree). */
#define VNS16550_REG_SHIFT 0

struct vns16550 {
	spinlock_t lock; /* the guest's accesses and console input race */
	struct ns16550_model model;
	bool line; /* the level last handed to virq_set_level */
};

static struct vns16550 uarts[VMCONF_NR_VMS];

static bool has_vuart(const struct vmconf_vm *d)
{
	return d->console == VMCONF_CONSOLE_VIRTUAL || d->console == VMCONF_CONSOLE_POLLED;
}

/* console = polled: the same UART, but its interrupt does not exist (a direct VM's). */
static bool has_vuart_irq(const struct vmconf_vm *d)
{
	return d->console == VMCONF_CONSOLE_VIRTUAL;
}

/*
 * RBR takes the next typed byte as soon as it is free: the input queue is its
 * FIFO. Only for a guest reading the UART or listening for its receive
 * interrupt, so that one reading the SBI console instead loses nothing.
 */
static void refill(struct vns16550 *u, struct vm *vm, bool reading)
{
	bool listening = u->model.ier & NS16550_IER_ERBFI;

	if ((reading || listening) && ns16550_model_wants_input(&u->model)) {
		int c = vconsole_getc(vm);

		if (c >= 0)
			ns16550_model_receive(&u->model, (u8)c);
	}
}

/*
 * The interrupt line follows the model's output. Under the UART's lock, so
 * two CPUs never hand the interrupt model a rise and a fall out of order.
 */
static void update_line(struct vns16550 *u, struct vm *vm)
{
	bool line = ns16550_model_irq(&u->model);

	if (line != u->line && has_vuart_irq(vm->desc)) {
		u->line = line;
		virq_set_level(vm, BOARD_CONSOLE_IRQ, line);
	}
}

static enum mmio_result vns16550_access(struct vcpu *v, struct mmio_access *a, void *ctx)
{
	struct vns16550 *u = ctx;
	u64 reg = a->offset >> VNS16550_REG_SHIFT;
	int sent = -1;

	if (a->width > 4 || (a->offset & (a->width - 1)))
		return MMIO_BAD_ACCESS;
	/* A wider access reaches the register at its address, in the low byte. */
	if (reg >= NS16550_NR_REGS || (a->offset & ((1u << VNS16550_REG_SHIFT) - 1))) {
		if (!a->is_write)
			a->value = 0; /* the rest of the window: RAZ/WI */
		return MMIO_OK;
	}
	spin_lock(&u->lock);
	refill(u, v->vm, !a->is_write);
	if (a->is_write)
		sent = ns16550_model_write(&u->model, (unsigned int)reg, (u8)a->value);
	else
		a->value = ns16550_model_read(&u->model, (unsigned int)reg);
	refill(u, v->vm, false);
	update_line(u, v->vm);
	spin_unlock(&u->lock);
	/* Output goes out without the UART's lock held. */
	if (sent >= 0)
		vconsole_putc(v->vm, (char)sent);
	return MMIO_OK;
}

static u32 vns16550_nr_windows(const struct vmconf_vm *d)
{
	return has_vuart(d) ? 1 : 0;
}

static u32 vns16550_virtual_irqs(const struct vm *vm, u32 *out, u32 max)
{
	if (!has_vuart_irq(vm->desc) || max == 0)
		return 0;
	out[0] = BOARD_CONSOLE_IRQ;
	return 1;
}

static void vns16550_input_ready(struct vm *vm)
{
	struct vns16550 *u = &uarts[vm->id];

	if (!has_vuart(vm->desc))
		return;
	spin_lock(&u->lock);
	refill(u, vm, false);
	update_line(u, vm);
	spin_unlock(&u->lock);
}

static void vns16550_vm_reset(const struct vm *vm)
{
	struct vns16550 *u = &uarts[vm->id];

	if (!has_vuart(vm->desc))
		return;
	spin_lock(&u->lock);
	ns16550_model_reset(&u->model);
	/* The interrupt model's reset lowered the line already. */
	u->line = false;
	spin_unlock(&u->lock);
}

static int vns16550_vm_init(struct vm *vm)
{
	struct vns16550 *u = &uarts[vm->id];
	struct mmio_window w = {
	    .name = "ns16550",
	    .base = BOARD_CONSOLE_BASE,
	    .size = BOARD_CONSOLE_SIZE,
	    .access = vns16550_access,
	    .ctx = u,
	};

	if (!has_vuart(vm->desc))
		return 0;
	u->lock = (spinlock_t)SPINLOCK_INIT;
	ns16550_model_reset(&u->model);
	u->line = false;
	return mmio_register(vm->id, &w);
}

VDEV_MODEL(vns16550) = {
    .name = "virtual 16550A",
    .nr_windows = vns16550_nr_windows,
    .virtual_irqs = vns16550_virtual_irqs,
    .vm_init = vns16550_vm_init,
    .vm_reset = vns16550_vm_reset,
    .console_input_ready = vns16550_input_ready,
};
