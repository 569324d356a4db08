/* SPDX-License-Identifier: Apache-2.0 */
/* Each VM's virtual APLIC domain: the pure model wired to MMIO traps, vCPU lines and the real
 * APLIC. */
#include <bulwark/arch.h>
#include <bulwark/bench_probe.h>
#include <bulwark/errno.h>
#include <bulwark/irqchip.h>
#include <bulwark/mmio.h>
#include <bulwark/printk.h>
#include <bulwark/spinlock.h>
#include <bulwark/vdev.h>
#include <bulwark/virq.h>
#include <bulwark/vm.h>
#include <generated/board.h>

#include "aplic.h"
#include "vaplic_model.h"
#include "vcpu_lines.h"
#include "virq_window.h"

_Static_assert(VMCONF_MAX_VCPUS_PER_VM <= VAPLIC_MAX_VCPUS,
	       "a VM has more vCPUs than the virtual APLIC model holds");

struct vaplic {
	spinlock_t lock; /* guards everything below; taken by every entry point */
	struct vm *vm;
	u64 asserted; /* lines last handed to vcpu_set_external_irq */
	/*
	 * Pass-through sources claimed (and so masked) in the real APLIC whose
	 * wire the model still sees high: completed once the device lets go.
	 */
	u32 in_flight[VAPLIC_WORDS];
	struct vaplic_model model;
	struct mmio_window window;
};

static struct vaplic vaplics[VMCONF_NR_VMS];
/* Scratch for building one model at a time, at boot. */
static u32 owned_sources[VAPLIC_NR_SOURCES];

/* Hands every changed line to its vCPU, under the lock (vcpu_lines.h). */
static void update_lines(struct vaplic *va)
{
	bench_mark(BENCH_PT_MODEL);
	vcpu_lines_update(va->vm, vaplic_model_lines(&va->model), &va->asserted);
	bench_mark(BENCH_PT_LINES);
}

/* A pass-through source's device has let its line go: the wire falls, the real source is unmasked.
 */
static void release(struct vaplic *va, u32 src)
{
	va->in_flight[src / 32u] &= ~(1u << (src % 32u));
	vaplic_model_set_wire(&va->model, src, false);
	irqchip_complete(arch_cpu_id(), src);
}

/*
 * The wires of in-flight pass-through sources, read again from the real
 * APLIC before any read of the guest's (setip, in_clrip, topi, claimi...):
 * the guest sees a level source drop once it has serviced the device.
 * Only the in-flight sources are visited (one or two words).
 */
static bool resample(struct vaplic *va)
{
	bool released = false;

	for (u32 word = 0; word < va->model.owned_words; word++) {
		u32 bits = va->in_flight[word];

		for (u32 bit = 0; bits && bit < 32u; bit++) {
			u32 src = word * 32u + bit;

			if (!(bits & (1u << bit)))
				continue;
			bits &= ~(1u << bit);
			if (!aplic_source_asserted(src)) {
				release(va, src);
				released = true;
			}
		}
	}
	return released;
}

static enum mmio_result vaplic_access(struct vcpu *v, struct mmio_access *a, void *ctx)
{
	struct vaplic *va = ctx;
	u32 value = (u32)a->value;
	enum vaplic_result result;
	bool moved = false;

	(void)v; /* any vCPU may touch any of its VM's IDC structures */
	spin_lock(&va->lock);
	if (!a->is_write)
		moved = resample(va);
	result = vaplic_model_access(&va->model, a->offset, a->width, a->is_write, &value);
	if (result == VAPLIC_OK) {
		if (!a->is_write)
			a->value = value;
		moved = moved || vaplic_model_access_changes_state(a->offset, a->is_write);
	}
	if (moved)
		update_lines(va);
	spin_unlock(&va->lock);
	return result == VAPLIC_OK ? MMIO_OK : MMIO_BAD_ACCESS;
}

/* Like the vPLIC's: counts its window, comes up before every model, is reset first. */
VDEV_MODEL(vaplic) = {
    .name = "virtual APLIC",
    .nr_windows = virq_window_one,
};

int virq_vm_init(struct vm *vm)
{
	struct vaplic *va;
	int err = virq_window_check_vm(vm);

	if (err)
		return err;
	va = &vaplics[vm->id];
	err = vaplic_model_init(&va->model, vm->nr_vcpus, owned_sources,
				vm_virtual_irqs(vm, owned_sources, VAPLIC_NR_SOURCES));
	if (err) {
		virq_window_refused(vm, &vaplic_window);
		return err;
	}
	va->lock = (spinlock_t)SPINLOCK_INIT;
	va->vm = vm;
	va->asserted = 0;
	for (u32 word = 0; word < VAPLIC_WORDS; word++)
		va->in_flight[word] = 0;
	err = virq_window_register(vm, &vaplic_window, &va->window, vaplic_access, va);
	if (err)
		return err;
	virq_window_route_to_first_vcpu(vm);
	return 0;
}

void virq_inject(struct vm *vm, u32 irq)
{
	struct vaplic *va = vm->virq;

	if (!va) {
		/* No model to hold it: completing now keeps the source from wedging. */
		irqchip_complete(arch_cpu_id(), irq);
		return;
	}
	spin_lock(&va->lock);
	if (vaplic_model_set_wire(&va->model, irq, true)) {
		va->in_flight[irq / 32u] |= 1u << (irq % 32u);
		update_lines(va);
	} else {
		irqchip_complete(arch_cpu_id(), irq);
	}
	spin_unlock(&va->lock);
}

void virq_raise(struct vm *vm, u32 irq)
{
	struct vaplic *va = vm->virq;

	if (!va)
		return;
	spin_lock(&va->lock);
	if (vaplic_model_raise(&va->model, irq))
		update_lines(va);
	spin_unlock(&va->lock);
}

void virq_set_level(struct vm *vm, u32 irq, bool level)
{
	struct vaplic *va = vm->virq;

	if (!va)
		return;
	spin_lock(&va->lock);
	if (vaplic_model_set_wire(&va->model, irq, level))
		update_lines(va);
	spin_unlock(&va->lock);
}

void virq_vm_reset(struct vm *vm)
{
	struct vaplic *va = vm->virq;

	if (!va)
		return;
	spin_lock(&va->lock);
	/* A source left masked would never fire again for the fresh guest. */
	for (u32 src = 1; src < va->model.owned_words * 32u; src++)
		if ((va->in_flight[src / 32u] >> (src % 32u)) & 1u)
			release(va, src);
	vaplic_model_reset(&va->model);
	update_lines(va);
	spin_unlock(&va->lock);
}
