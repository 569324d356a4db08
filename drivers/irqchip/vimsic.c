/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Each VM's AIA in MSI mode: its vCPUs' IMSIC guest interrupt files mapped
 * at the guest's IMSIC addresses, and a virtual APLIC domain in MSI mode
 * emulated for configuration only. A pass-through source's MSI goes from
 * the real APLIC straight to a guest file; a virtual one (a doorbell, a
 * virtual UART) is written into the guest file by the hypervisor.
 */
#include <bulwark/arch.h>
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
#include "imsic.h"
#include "vaplic_model.h"
#include "virq_window.h"

_Static_assert(VMCONF_MAX_VCPUS_PER_VM <= VAPLIC_MAX_VCPUS,
	       "a VM has more vCPUs than the virtual APLIC model holds");

struct vimsic {
	spinlock_t lock; /* guards the model; taken by every entry point */
	struct vm *vm;
	u32 passthrough[VAPLIC_WORDS]; /* the VM's physical sources (its devices') */
	/*
	 * Per virtual source, what virq_raise_now may do without the lock:
	 * 0, or the target CPU + 1 in bits 31:16 and the EIID in bits 10:0
	 * while the model would forward a raise at once. Written under the
	 * lock, read without it (aligned words).
	 */
	volatile u32 route[VAPLIC_NR_SOURCES];
	struct vaplic_model model;
	struct mmio_window window;
};

static struct vimsic vimsics[VMCONF_NR_VMS];
/* Scratch for building one model at a time, at boot. */
static u32 owned_sources[VAPLIC_NR_SOURCES];

static bool is_passthrough(const struct vimsic *vi, u32 src)
{
	return src < VAPLIC_NR_SOURCES && ((vi->passthrough[src / 32u] >> (src % 32u)) & 1u);
}

#define ROUTE_CPU_SH 16u

/* Virtual source src's lock-free route (virq_raise_now), from the model. */
static void update_route(struct vimsic *vi, u32 src)
{
	u32 hart, eiid, route = 0;

	if (vaplic_model_msi_direct(&vi->model, src, &hart, &eiid) && hart < vi->vm->nr_vcpus &&
	    eiid)
		route = (vi->vm->vcpus[hart]->cpu + 1u) << ROUTE_CPU_SH | eiid;
	vi->route[src] = route;
}

/* Writes source src's MSI into its target vCPU's guest file, if it is due. */
static void forward(struct vimsic *vi, u32 src)
{
	u32 hart, eiid;

	if (vaplic_model_msi_take(&vi->model, src, &hart, &eiid) && hart < vi->vm->nr_vcpus && eiid)
		imsic_guest_send(vi->vm->vcpus[hart]->cpu, eiid);
	/* (An MSI to a hart the VM does not have, or identity 0, goes nowhere.) */
	update_route(vi, src);
}

/* Every virtual source's route again (domaincfg, a bitmap write, a reset): the VM's words only. */
static void update_routes(struct vimsic *vi)
{
	for (u32 src = 1; src < vi->model.owned_words * 32u; src++)
		if (vaplic_model_owns(&vi->model, src) && !is_passthrough(vi, src))
			update_route(vi, src);
}

/*
 * The real APLIC's copy of pass-through source src: the guest's mode, its
 * target turned into the vCPU's hart and guest file, enabled while the
 * guest has it enabled under domaincfg.IE and aimed at one of its vCPUs.
 */
static void mirror(struct vimsic *vi, u32 src)
{
	const struct vaplic_model *m = &vi->model;
	u32 target = m->target[src];
	u32 hart = target >> VAPLIC_TARGET_HART_SH;
	u32 eiid = target & VAPLIC_TARGET_EIID;
	bool on =
	    (m->domaincfg & VAPLIC_DOMAINCFG_IE) && ((m->enable[src / 32u] >> (src % 32u)) & 1u);
	unsigned int cpu;

	if (hart >= vi->vm->nr_vcpus || !eiid) {
		on = false;
		hart = 0;
	}
	cpu = vi->vm->vcpus[hart]->cpu;
	(void)aplic_source_setup(
	    src, m->sm[src], APLIC_MSI_TARGET(BOARD_IMSIC_HART_INDEX(cpu), IMSIC_VGEIN, eiid), on);
}

/* Source src's configuration or pending state changed in the model. */
static void source_changed(struct vimsic *vi, u32 src)
{
	if (is_passthrough(vi, src))
		mirror(vi, src);
	else
		forward(vi, src);
}

/* A write that may touch many sources (domaincfg, a 32-source bitmap): the VM's sources only. */
static void all_changed(struct vimsic *vi)
{
	const struct vmconf_vm *d = vi->vm->desc;

	for (u32 i = 0; i < d->nr_irqs; i++)
		mirror(vi, d->irqs[i]);
	for (u32 src = vaplic_model_msi_next(&vi->model, 1); src;
	     src = vaplic_model_msi_next(&vi->model, src + 1u))
		forward(vi, src);
	update_routes(vi);
}

/* The source a write names: sourcecfg[i], target[i], or the value of a *num register. */
static u32 named_source(u64 offset, u32 value)
{
	if (offset >= VAPLIC_SOURCECFG(1) && offset < VAPLIC_SOURCECFG(VAPLIC_NR_SOURCES))
		return (u32)(offset / 4u);
	if (offset > VAPLIC_GENMSI && offset < VAPLIC_TARGET(VAPLIC_NR_SOURCES))
		return (u32)((offset - VAPLIC_GENMSI) / 4u);
	switch (offset) {
	case VAPLIC_SETIPNUM:
	case VAPLIC_SETIPNUM_LE:
	case VAPLIC_CLRIPNUM:
	case VAPLIC_SETIENUM:
	case VAPLIC_CLRIENUM:
		return value < VAPLIC_NR_SOURCES ? value : 0;
	default:
		return 0;
	}
}

/*
 * A pass-through source's pending bit lives in the real APLIC: the guest's
 * setipnum (a driver asking again for a device still asserting its line)
 * and clripnum go there.
 */
static void passthrough_pending(struct vimsic *vi, u64 offset, u32 src)
{
	if (!is_passthrough(vi, src) || !vaplic_model_owns(&vi->model, src))
		return;
	if (offset == VAPLIC_SETIPNUM || offset == VAPLIC_SETIPNUM_LE)
		aplic_source_set_pending(src);
	else if (offset == VAPLIC_CLRIPNUM)
		aplic_source_clear_pending(src);
}

static enum mmio_result vimsic_access(struct vcpu *v, struct mmio_access *a, void *ctx)
{
	struct vimsic *vi = ctx;
	u32 value = (u32)a->value;
	enum vaplic_result result;

	(void)v;
	spin_lock(&vi->lock);
	result = vaplic_model_access(&vi->model, a->offset, a->width, a->is_write, &value);
	if (result == VAPLIC_OK && !a->is_write)
		a->value = value;
	if (result == VAPLIC_OK && a->is_write) {
		u32 src = named_source(a->offset, value);

		if (src) {
			source_changed(vi, src);
			passthrough_pending(vi, a->offset, src);
		} else if (a->offset == VAPLIC_DOMAINCFG || a->offset < VAPLIC_GENMSI) {
			all_changed(vi);
		}
	}
	spin_unlock(&vi->lock);
	return result == VAPLIC_OK ? MMIO_OK : MMIO_BAD_ACCESS;
}

/* Like the vAPLIC's: counts its window, comes up before every model, is reset first. */
VDEV_MODEL(vimsic) = {
    .name = "virtual APLIC (MSI mode)",
    .nr_windows = virq_window_one,
};

int virq_vm_init(struct vm *vm)
{
	const struct vmconf_vm *desc = vm->desc;
	struct vimsic *vi;
	int err = virq_window_check_vm(vm);

	if (err)
		return err;
	vi = &vimsics[vm->id];
	err = vaplic_model_init_msi(&vi->model, vm->nr_vcpus, owned_sources,
				    vm_virtual_irqs(vm, owned_sources, VAPLIC_NR_SOURCES));
	if (err) {
		virq_window_refused(vm, &vaplic_window);
		return err;
	}
	vi->lock = (spinlock_t)SPINLOCK_INIT;
	vi->vm = vm;
	for (u32 word = 0; word < VAPLIC_WORDS; word++)
		vi->passthrough[word] = 0;
	for (u32 src = 0; src < VAPLIC_NR_SOURCES; src++)
		vi->route[src] = 0;
	for (u32 i = 0; i < desc->nr_irqs; i++) {
		u32 src = desc->irqs[i];

		if (src >= VAPLIC_NR_SOURCES)
			continue;
		vi->passthrough[src / 32u] |= 1u << (src % 32u);
		/* Inactive until the guest configures it; refused if not delegated to us. */
		if (!aplic_source_setup(src, APLIC_SM_LEVEL1, 0, false))
			pr_err("VM %s: APLIC source %u is not delegated to the supervisor domain",
			       desc->name, src);
		(void)aplic_source_setup(src, APLIC_SM_INACTIVE, 0, false);
	}

	return virq_window_register(vm, &vaplic_window, &vi->window, vimsic_access, vi);
}

/* Pass-through MSIs never reach the hypervisor; should one come, there is nothing to hold. */
void virq_inject(struct vm *vm, u32 irq)
{
	(void)vm;
	irqchip_complete(arch_cpu_id(), irq);
}

/* A doorbell: pending, and forwarded into the target vCPU's guest file at once if enabled. */
void virq_raise(struct vm *vm, u32 irq)
{
	struct vimsic *vi = vm->virq;

	if (!vi)
		return;
	spin_lock(&vi->lock);
	if (vaplic_model_raise(&vi->model, irq))
		forward(vi, irq);
	spin_unlock(&vi->lock);
}

bool virq_raise_now(struct vm *vm, u32 irq)
{
	struct vimsic *vi = vm->virq;
	u32 route;

	if (!vi || irq >= VAPLIC_NR_SOURCES)
		return false;
	route = vi->route[irq];
	if (!route)
		return false;
	/*
	 * Enabled and not pending: the model would forward it at once and stay
	 * as it is. Should the guest disable it meanwhile, the MSI was simply
	 * sent before the disable took effect.
	 */
	imsic_guest_send((route >> ROUTE_CPU_SH) - 1u, route & VAPLIC_TARGET_EIID);
	return true;
}

void virq_set_level(struct vm *vm, u32 irq, bool level)
{
	struct vimsic *vi = vm->virq;

	if (!vi)
		return;
	spin_lock(&vi->lock);
	if (vaplic_model_set_wire(&vi->model, irq, level))
		forward(vi, irq);
	spin_unlock(&vi->lock);
}

/* vCPU n's guest file at the guest's IMSIC address for hart n: nothing else of the IMSIC. */
int virq_vm_map(struct vm *vm, vm_map_fn map, void *ctx)
{
	u64 cpus = vm->desc->cpu_mask;
	unsigned int n = 0;

	for (unsigned int cpu = 0; cpu < BOARD_NR_CPUS; cpu++) {
		int err;

		if (!((cpus >> cpu) & 1u))
			continue;
		err = map(ctx, imsic_guest_address(n), imsic_guest_file(cpu), IMSIC_PAGE_SIZE,
			  VMCONF_ACCESS_READ | VMCONF_ACCESS_WRITE, VM_MAP_DEVICE);
		if (err)
			return err;
		n++;
	}
	return 0;
}

/* The guest file of v's hart goes back to reset before v (re)starts. */
void virq_vcpu_start(struct vcpu *v)
{
	(void)v;
	imsic_guest_file_reset();
}

/* Nothing of the model lives in the hart but the guest file, which the guest drives itself. */
void virq_vcpu_sync(struct vcpu *v)
{
	(void)v;
}

void virq_vm_reset(struct vm *vm)
{
	struct vimsic *vi = vm->virq;
	const struct vmconf_vm *d = vm->desc;

	if (!vi)
		return;
	spin_lock(&vi->lock);
	/* The real sources go quiet until the fresh guest configures them. */
	for (u32 i = 0; i < d->nr_irqs; i++)
		(void)aplic_source_setup(d->irqs[i], APLIC_SM_INACTIVE, 0, false);
	vaplic_model_reset(&vi->model);
	update_routes(vi);
	spin_unlock(&vi->lock);
}
