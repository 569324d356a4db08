/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A virtual CMSDK APB UART per VM with a virtual console, at the board
 * console's address: the register model (cmsdk_uart_model.c) tied to the
 * VM's console output, its console input queue and the console's interrupt
 * line, a level the model's interrupt output drives (virq_set_level).
 */
#include <bulwark/mmio.h>
#include <bulwark/spinlock.h>
#include <bulwark/vconsole.h>
#include <bulwark/virq.h>
#include <bulwark/vm.h>
#include <bulwark/vdev.h>
#include <generated/board.h>

#include "cmsdk_uart_model.h"

struct vcmsdk_uart {
	spinlock_t lock; /* the guest's accesses and console input race */
	struct cmsdk_uart_model model;
	bool line; /* the level last handed to virq_set_level */
};

static struct vcmsdk_uart uarts[VMCONF_NR_VMS];

static bool has_vuart(const struct vmconf_vm *d)
{
	return d->console == VMCONF_CONSOLE_VIRTUAL || d->console == VMCONF_CONSOLE_POLLED;
}

/* console = polled: the same UART, but its interrupt does not exist. */
static bool has_vuart_irq(const struct vmconf_vm *d)
{
	return d->console == VMCONF_CONSOLE_VIRTUAL;
}

/*
 * DATA takes the next typed byte as soon as it is free, but only for a guest
 * reading the UART or listening for its receive interrupt: input typed for
 * a guest that never reads stays in its console queue.
 */
static void refill(struct vcmsdk_uart *u, struct vm *vm, bool reading)
{
	bool listening = u->model.ctrl & CMSDK_UART_CTRL_RXINTEN;

	if ((reading || listening) && cmsdk_uart_model_wants_input(&u->model)) {
		int c = vconsole_getc(vm);

		if (c >= 0)
			cmsdk_uart_model_receive(&u->model, (u8)c);
	}
}

/* Under the lock, so two CPUs never hand the interrupt model a rise and a fall out of order. */
static void update_line(struct vcmsdk_uart *u, struct vm *vm)
{
	bool line = cmsdk_uart_model_irq(&u->model);

	if (line != u->line && has_vuart_irq(vm->desc)) {
		u->line = line;
		virq_set_level(vm, BOARD_CONSOLE_IRQ, line);
	}
}

static enum mmio_result vcmsdk_uart_access(struct vcpu *v, struct mmio_access *a, void *ctx)
{
	struct vcmsdk_uart *u = ctx;
	int sent = -1;

	/* Registers are words; a narrower access at a word's start reaches its low bits. */
	if (a->width > 4 || (a->offset & 3))
		return MMIO_BAD_ACCESS;
	spin_lock(&u->lock);
	/* A guest polling STATE for RXFULL, or reading DATA, is reading. */
	refill(u, v->vm,
	       !a->is_write && (a->offset == CMSDK_UART_STATE || a->offset == CMSDK_UART_DATA));
	if (a->is_write) {
		sent = cmsdk_uart_model_write(&u->model, (u32)a->offset, (u32)a->value);
	} else {
		a->value = cmsdk_uart_model_read(&u->model, (u32)a->offset);
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

static u32 vcmsdk_uart_nr_windows(const struct vmconf_vm *d)
{
	return has_vuart(d) ? 1 : 0;
}

static u32 vcmsdk_uart_virtual_irqs(const struct vm *vm, u32 *out, u32 max)
{
	if (!has_vuart_irq(vm->desc) || max == 0)
		return 0;
	out[0] = BOARD_CONSOLE_IRQ;
	return 1;
}

static void vcmsdk_uart_input_ready(struct vm *vm)
{
	struct vcmsdk_uart *u = &uarts[vm->id];

	if (!has_vuart(vm->desc))
		return;
	spin_lock(&u->lock);
	refill(u, vm, false);
	update_line(u, vm);
	spin_unlock(&u->lock);
}

static void vcmsdk_uart_vm_reset(const struct vm *vm)
{
	struct vcmsdk_uart *u = &uarts[vm->id];

	if (!has_vuart(vm->desc))
		return;
	spin_lock(&u->lock);
	cmsdk_uart_model_reset(&u->model);
	/* The interrupt model's reset lowered the line already. */
	u->line = false;
	spin_unlock(&u->lock);
}

static int vcmsdk_uart_vm_init(struct vm *vm)
{
	struct vcmsdk_uart *u = &uarts[vm->id];
	struct mmio_window w = {
	    .name = "cmsdk-uart",
	    .base = BOARD_CONSOLE_BASE,
	    .size = BOARD_CONSOLE_SIZE,
	    .access = vcmsdk_uart_access,
	    .ctx = u,
	};

	if (!has_vuart(vm->desc))
		return 0;
	u->lock = (spinlock_t)SPINLOCK_INIT;
	cmsdk_uart_model_reset(&u->model);
	u->line = false;
	return mmio_register(vm->id, &w);
}

VDEV_MODEL(vcmsdk_uart) = {
    .name = "virtual CMSDK APB UART",
    .nr_windows = vcmsdk_uart_nr_windows,
    .virtual_irqs = vcmsdk_uart_virtual_irqs,
    .vm_init = vcmsdk_uart_vm_init,
    .vm_reset = vcmsdk_uart_vm_reset,
    .console_input_ready = vcmsdk_uart_input_ready,
};
