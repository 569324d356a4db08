/* SPDX-License-Identifier: Apache-2.0 */
/* Each VM's virtual PLIC: the pure model wired to MMIO traps, vCPU lines and the real PLIC. */
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

#include "vplic_model.h"
#include "vcpu_lines.h"
#include "virq_window.h"

_Static_assert(VMCONF_MAX_VCPUS_PER_VM <= VPLIC_MAX_VCPUS,
	       "a VM has more vCPUs than the virtual PLIC model holds");

struct vplic {
	spinlock_t lock; /* guards everything below; taken by every entry point */
	struct vm *vm;
	/* The fields every interrupt touches first, within reach of a 12-bit offset. */
	u64 asserted;		    /* lines last handed to vcpu_set_external_irq */
	u32 in_flight[VPLIC_WORDS]; /* claimed in the real PLIC, not yet completed */
	struct vplic_model model;
	struct mmio_window window;
	u16 claim_cpu[VPLIC_NR_SOURCES]; /* for in-flight sources: whose context claimed */
};

static struct vplic vplics[VMCONF_NR_VMS];
/* Scratch for building one model at a time, at boot. */
static u32 owned_sources[VPLIC_NR_SOURCES];

static bool in_flight(const struct vplic *vp, u32 src)
{
	return (vp->in_flight[src / 32u] >> (src % 32u)) & 1u;
}

static void complete_physically(struct vplic *vp, u32 src)
{
	if (!in_flight(vp, src))
		return;
	vp->in_flight[src / 32u] &= ~(1u << (src % 32u));
	irqchip_complete(vp->claim_cpu[src], src);
}

/* Hands every changed line to its vCPU, under the lock (vcpu_lines.h). */
static void update_lines(struct vplic *vp)
{
	bench_mark(BENCH_PT_MODEL);
	vcpu_lines_update(vp->vm, vplic_model_lines(&vp->model), &vp->asserted);
	bench_mark(BENCH_PT_LINES);
}

static enum mmio_result vplic_mmio_result(enum vplic_result result)
{
	switch (result) {
	case VPLIC_OK:
		return MMIO_OK;
	case VPLIC_DENIED:
		return MMIO_DENIED;
	case VPLIC_BAD_ACCESS:
	default:
		return MMIO_BAD_ACCESS;
	}
}

/* Claims and writes: they change the model, under its lock, and may move lines. */
static __noinline enum mmio_result vplic_access_locked(struct vplic *vp, struct mmio_access *a)
{
	u32 value = (u32)a->value;
	u32 completed = 0;
	enum vplic_result result;

	spin_lock(&vp->lock);
	result =
	    vplic_model_access(&vp->model, a->offset, a->width, a->is_write, &value, &completed);
	if (result == VPLIC_OK) {
		if (!a->is_write)
			a->value = value;
		if (completed)
			complete_physically(vp, completed);
		update_lines(vp);
	}
	spin_unlock(&vp->lock);
	return vplic_mmio_result(result);
}

static enum mmio_result vplic_access(struct vcpu *v, struct mmio_access *a, void *ctx)
{
	struct vplic *vp = ctx;
	u32 value = 0;
	enum vplic_result result;

	(void)v; /* any vCPU may touch any of its VM's contexts */
	if (vplic_model_access_changes_state(a->offset, a->is_write))
		return vplic_access_locked(vp, a);
	/*
	 * A read that changes nothing (priority, pending, enable, threshold)
	 * takes no lock: it sees each register as it was before or after a
	 * concurrent write, as on hardware.
	 */
	result = vplic_model_read(&vp->model, a->offset, a->width, &value);
	a->value = value;
	return vplic_mmio_result(result);
}

/*
 * The vPLIC's entry in the model registry only counts its window: it comes
 * up before every model (virq_vm_init) and is reset first (virq_vm_reset).
 */
VDEV_MODEL(vplic) = {
    .name = "virtual PLIC",
    .nr_windows = virq_window_one,
};

static const struct virq_window_model vplic_window = {
    .name = "virtual PLIC",
    .window_name = "plic",
    .base = BOARD_DEV_PLIC_BASE,
    .size = BOARD_DEV_PLIC_SIZE,
    .max_vcpus = VPLIC_MAX_VCPUS,
    .nr_sources = VPLIC_NR_SOURCES,
};

int virq_vm_init(struct vm *vm)
{
	struct vplic *vp;
	int err = virq_window_check_vm(vm);

	if (err)
		return err;
	vp = &vplics[vm->id];
	err = vplic_model_init(&vp->model, vm->nr_vcpus, owned_sources,
			       vm_virtual_irqs(vm, owned_sources, VPLIC_NR_SOURCES));
	if (err) {
		virq_window_refused(vm, &vplic_window);
		return err;
	}
	vp->lock = (spinlock_t)SPINLOCK_INIT;
	vp->vm = vm;
	vp->asserted = 0;
	for (u32 word = 0; word < VPLIC_WORDS; word++)
		vp->in_flight[word] = 0;
	err = virq_window_register(vm, &vplic_window, &vp->window, vplic_access, vp);
	if (err)
		return err;
	/* The guest spreads the sources over its contexts itself. */
	virq_window_route_to_first_vcpu(vm);
	return 0;
}

void virq_inject(struct vm *vm, u32 irq)
{
	struct vplic *vp = vm->virq;
	unsigned int cpu = arch_cpu_id();

	if (!vp) {
		/* No model to hold it: completing now keeps the source from wedging. */
		irqchip_complete(cpu, irq);
		return;
	}
	spin_lock(&vp->lock);
	if (vplic_model_raise(&vp->model, irq)) {
		vp->in_flight[irq / 32u] |= 1u << (irq % 32u);
		vp->claim_cpu[irq] = (u16)cpu;
		update_lines(vp);
	} else {
		irqchip_complete(cpu, irq);
	}
	spin_unlock(&vp->lock);
}

void virq_raise(struct vm *vm, u32 irq)
{
	struct vplic *vp = vm->virq;

	if (!vp)
		return;
	spin_lock(&vp->lock);
	if (vplic_model_raise(&vp->model, irq))
		update_lines(vp);
	spin_unlock(&vp->lock);
}

void virq_set_level(struct vm *vm, u32 irq, bool level)
{
	struct vplic *vp = vm->virq;

	if (!vp)
		return;
	spin_lock(&vp->lock);
	if (vplic_model_set_level(&vp->model, irq, level))
		update_lines(vp);
	spin_unlock(&vp->lock);
}

void virq_vm_reset(struct vm *vm)
{
	struct vplic *vp = vm->virq;

	if (!vp)
		return;
	spin_lock(&vp->lock);
	/* A source left in service would never fire again for the fresh guest. */
	for (u32 src = 1; src < VPLIC_NR_SOURCES; src++)
		complete_physically(vp, src);
	vplic_model_reset(&vp->model);
	update_lines(vp);
	spin_unlock(&vp->lock);
}
