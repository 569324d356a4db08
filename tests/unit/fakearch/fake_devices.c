/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The fake arch's devices: a serial console that keeps what it is given, a
 * virtual interrupt controller that records what is raised, and one device
 * model, registered the way real models are (VDEV_MODEL), with one MMIO
 * window per VM that has a virtual console.
 */
#include <stdio.h>

#include <bulwark/mmio.h>
#include <bulwark/serial.h>
#include <bulwark/vdev.h>
#include <bulwark/virq.h>
#include <bulwark/vm.h>

#include "fake_arch.h"

#define SERIAL_KEEP 65536

struct fake_raise fake_raises[FAKE_MAX_RAISES];
unsigned int fake_nr_raises;
struct fake_vm_record fake_vms[FAKE_NR_VMS];
void (*fake_serial_hook)(void);

static char serial_text[SERIAL_KEEP];
static size_t serial_len;

const char *fake_serial_text(void)
{
	return serial_text;
}

void fake_serial_clear(void)
{
	serial_len = 0;
	serial_text[0] = '\0';
}

static void serial_write(const char *bytes, size_t len)
{
	for (size_t i = 0; i < len && serial_len < SERIAL_KEEP - 1; i++)
		serial_text[serial_len++] = bytes[i];
	serial_text[serial_len] = '\0';
	if (fake_serial_hook)
		fake_serial_hook();
}

const struct serial_ops serial_console = {
    .name = "fake",
    .write = serial_write,
};

int virq_vm_init(struct vm *vm)
{
	fake_vms[vm->id].virq_inits++;
	return 0;
}

void virq_inject(struct vm *vm, u32 irq)
{
	virq_raise(vm, irq);
}

void virq_raise(struct vm *vm, u32 irq)
{
	if (fake_nr_raises < FAKE_MAX_RAISES)
		fake_raises[fake_nr_raises++] = (struct fake_raise){vm->id, irq, fake_cpu};
}

void virq_vm_reset(struct vm *vm)
{
	fake_vms[vm->id].virq_resets++;
}

int virq_vm_map(struct vm *vm, vm_map_fn map, void *ctx)
{
	(void)vm, (void)map, (void)ctx;
	return 0;
}

void virq_set_level(struct vm *vm, u32 irq, bool level)
{
	if (level)
		virq_raise(vm, irq);
}

void virq_vcpu_start(struct vcpu *v)
{
	(void)v;
}

void virq_vcpu_sync(struct vcpu *v)
{
	(void)v;
}

bool virq_vcpu_reg_access(struct vcpu *v, u32 reg, bool is_write, u64 *value)
{
	(void)v, (void)reg, (void)is_write, (void)value;
	return false;
}

static enum mmio_result window_access(struct vcpu *v, struct mmio_access *a, void *ctx)
{
	(void)v, (void)ctx;
	if (!a->is_write)
		a->value = 0;
	return MMIO_OK;
}

static u32 fake_nr_windows(const struct vmconf_vm *d)
{
	return d->console == VMCONF_CONSOLE_VIRTUAL ? 1 : 0;
}

static int fake_vm_init(struct vm *vm)
{
	static const struct mmio_window window = {
	    .name = "fake", .base = 0x20000000, .size = 0x1000, .access = window_access};

	fake_vms[vm->id].model_inits++;
	return vm->desc->console == VMCONF_CONSOLE_VIRTUAL ? mmio_register(vm->id, &window) : 0;
}

static void fake_vm_reset(const struct vm *vm)
{
	fake_vms[vm->id].model_resets++;
}

static bool fake_ipc_event(struct vm *vm, u32 ipc, u32 event)
{
	struct fake_vm_record *rec = &fake_vms[vm->id];

	if (!rec->model_takes_ipc)
		return false;
	rec->model_ipc++;
	rec->last_ipc = ipc;
	rec->last_event = event;
	return true;
}

static void fake_console_input_ready(struct vm *vm)
{
	fake_vms[vm->id].input_ready++;
}

VDEV_MODEL(fake) = {
    .name = "fake device",
    .nr_windows = fake_nr_windows,
    .vm_init = fake_vm_init,
    .vm_reset = fake_vm_reset,
    .ipc_event = fake_ipc_event,
    .console_input_ready = fake_console_input_ready,
};
