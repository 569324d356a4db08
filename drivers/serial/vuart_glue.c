/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The VM side of a virtual console UART whose registers are a pure model
 * (vuart_glue.h): one per VM with a virtual console, at the board console's
 * address, tied to the VM's console output, its console input queue and the
 * console's interrupt line, a level the model's interrupt output drives
 * (virq_set_level), as the UART's interrupt pin.
 */
#include <bulwark/mmio.h>
#include <bulwark/spinlock.h>
#include <bulwark/vconsole.h>
#include <bulwark/virq.h>
#include <bulwark/vm.h>
#include <bulwark/vdev.h>
#include <generated/board.h>

#include "vuart_glue.h"

struct vuart {
	spinlock_t lock; /* the guest's accesses and console input race */
	void *model;
	bool line; /* the level last handed to virq_set_level */
};

static struct vuart uarts[VMCONF_NR_VMS];

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
 * The receiver takes the next typed byte as soon as it is free, but only for
 * a guest reading the UART or listening for its receive interrupt: input
 * typed for a guest that never reads stays in its console queue.
 */
static void refill(struct vuart *u, struct vm *vm, bool reading)
{
	if ((reading || vuart_model.listening(u->model)) && vuart_model.wants_input(u->model)) {
		int c = vconsole_getc(vm);

		if (c >= 0)
			vuart_model.receive(u->model, (u8)c);
	}
}

/* Under the lock, so two CPUs never hand the interrupt model a rise and a fall out of order. */
static void update_line(struct vuart *u, struct vm *vm)
{
	bool line = vuart_model.irq(u->model);

	if (line != u->line && has_vuart_irq(vm->desc)) {
		u->line = line;
		virq_set_level(vm, BOARD_CONSOLE_IRQ, line);
	}
}

static enum mmio_result vuart_access(struct vcpu *v, struct mmio_access *a, void *ctx)
{
	struct vuart *u = ctx;
	int reg = vuart_model.decode(a->offset, a->width);
	int sent = -1;

	if (reg == VUART_BAD_ACCESS)
		return MMIO_BAD_ACCESS;
	if (reg == VUART_RAZ_WI) {
		if (!a->is_write)
			a->value = 0;
		return MMIO_OK;
	}
	spin_lock(&u->lock);
	refill(u, v->vm, !a->is_write && vuart_model.reads_input(reg));
	if (a->is_write) {
		sent = vuart_model.write(u->model, reg, (u32)a->value);
	} else {
		a->value = vuart_model.read(u->model, reg);
		/* A narrower access than the register reaches its low bits. */
		if (a->width < 4)
			a->value &= (1ull << (8 * a->width)) - 1;
	}
	refill(u, v->vm, false);
	update_line(u, v->vm);
	spin_unlock(&u->lock);
	/* Output goes out without the UART's lock held. */
	if (sent >= 0)
		vconsole_putc(v->vm, (char)sent);
	return MMIO_OK;
}

static u32 vuart_nr_windows(const struct vmconf_vm *d)
{
	return has_vuart(d) ? 1 : 0;
}

static u32 vuart_virtual_irqs(const struct vm *vm, u32 *out, u32 max)
{
	if (!has_vuart_irq(vm->desc) || max == 0)
		return 0;
	out[0] = BOARD_CONSOLE_IRQ;
	return 1;
}

static void vuart_input_ready(struct vm *vm)
{
	struct vuart *u = &uarts[vm->id];

	if (!has_vuart(vm->desc))
		return;
	spin_lock(&u->lock);
	refill(u, vm, false);
	update_line(u, vm);
	spin_unlock(&u->lock);
}

static void vuart_vm_reset(const struct vm *vm)
{
	struct vuart *u = &uarts[vm->id];

	if (!has_vuart(vm->desc))
		return;
	spin_lock(&u->lock);
	vuart_model.reset(u->model);
	/* The interrupt model's reset lowered the line already. */
	u->line = false;
	spin_unlock(&u->lock);
}

static int vuart_vm_init(struct vm *vm)
{
	struct vuart *u = &uarts[vm->id];
	struct mmio_window w = {
	    .name = vuart_model.name,
	    .base = BOARD_CONSOLE_BASE,
	    .size = BOARD_CONSOLE_SIZE,
	    .access = vuart_access,
	    .ctx = u,
	};

	if (!has_vuart(vm->desc))
		return 0;
	u->lock = (spinlock_t)SPINLOCK_INIT;
	u->model = vuart_model.model(vm->id);
	vuart_model.reset(u->model);
	u->line = false;
	return mmio_register(vm->id, &w);
}

VDEV_MODEL(vuart) = {
    .name = "virtual console UART",
    .nr_windows = vuart_nr_windows,
    .virtual_irqs = vuart_virtual_irqs,
    .vm_init = vuart_vm_init,
    .vm_reset = vuart_vm_reset,
    .console_input_ready = vuart_input_ready,
};
