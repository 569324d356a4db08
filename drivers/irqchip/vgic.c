/* SPDX-License-Identifier: Apache-2.0 */
/* Each VM's virtual GIC: the pure model wired to MMIO traps, list registers and the real GIC. */
#include <bulwark/arch.h>
#include <bulwark/atomic.h>
#include <bulwark/bench_probe.h>
#include <bulwark/compiler.h>
#include <bulwark/cpu_event.h>
#include <bulwark/errno.h>
#include <bulwark/irqchip.h>
#include <bulwark/mmio.h>
#include <bulwark/printk.h>
#include <bulwark/spinlock.h>
#include <bulwark/vdev.h>
#include <bulwark/virq.h>
#include <bulwark/vm.h>
#include <asm/esr.h>
#include <asm/guest_timer.h>
#include <generated/board.h>

#include "gic.h"
#include "vgic_direct.h"
#include "vgic_model.h"

/* A GICv2-only board names no redistributors; only GICv3 builds reach them. */
#if !defined(BOARD_DEV_GICR_BASE) && !defined(CONFIG_IRQCHIP_GICV3)
#define BOARD_DEV_GICR_BASE 0
#endif

_Static_assert(VMCONF_MAX_VCPUS_PER_VM <= VGIC_MAX_VCPUS,
	       "a VM has more vCPUs than the virtual GIC model holds");
_Static_assert(GIC_VCPU_MPIDR(37) == VGIC_VCPU_AFFINITY(37),
	       "the arch and the model must agree on vCPU affinities");

#define GIC_VERSION (IS_ENABLED(CONFIG_IRQCHIP_GICV3) ? 3u : 2u)

/* A redistributor's SGI_base frame, from its RD_base. */
#define VGIC_V3_SGI_FRAME 0x10000u

struct vgic {
	spinlock_t lock; /* guards the model; taken by every entry point */
	struct vm *vm;
	unsigned int epoch; /* bumped at VM reset: older list-register contents are void */
	/* Bumped by every model change under the lock (finish_unlock, reset): see vgic_fast. */
	volatile unsigned long gen;
	bool direct; /* interrupts = direct: vgic_direct.c mirrors the model physically */
	struct vgic_model model;
	struct mmio_window dist_window;
	struct mmio_window redist_window;
};

/*
 * A timer's next listing, prepared (vgic_model_peek_private) where it is
 * cheap to (after its last listing, after a maintenance sync) so that its
 * interrupt goes from the claim straight to the list register: entry into
 * list register slot (value, encoded), valid while ready, the model's gen
 * unchanged, no sync ran on this CPU since (which unreadies it) and slot
 * is still the free one (nr_listed) or still holds the same entry, which
 * the guest finished (state 0; HW entries only).
 */
struct vgic_fast {
	u64 value;
	struct vgic_lr entry;
	unsigned long gen;
	u8 slot;
	bool ready;
};

/* What one physical CPU's list registers hold, in model terms. */
struct vgic_cpu {
	struct vgic_lr lrs[VGIC_MAX_LRS];
	unsigned int nr_listed;
	struct vgic *owner;
	unsigned int epoch;
	u32 ppi_in_flight;	  /* PPIs priority-dropped here and not yet deactivated */
	bool overflow;		  /* the last fill left something deliverable out */
	struct vgic_fast fast[2]; /* the virtual timer's, the physical timer's */
};

/*
 * virq.h's per-CPU resume flag holds, for the vGIC, the timer PPIs pending
 * from their line, resampled before every return to the guest (gic.h).
 */
u32 virq_resume_pending[CONFIG_NR_CPUS];

/* The guest's EL1 timers: level-sensitive PPIs whose line the vCPU's CPU can read. */
#define TIMER_PPIS ((1u << GIC_VTIMER_PPI) | (1u << GIC_PTIMER_PPI))

static bool timer_asserted(u32 ppi)
{
	return arm_guest_timer_asserted(ppi == GIC_PTIMER_PPI);
}

/*
 * Each CPU's inbox, for the vCPU pinned to it: bits 0..15 are GICv3 SGIs
 * other vCPUs sent it and the model has not seen yet (one instance each,
 * as GICv3 keeps them), VGIC_INBOX_REFILL says the model changed what it
 * should see. Others set bits; its own CPU takes the word whole, lists the
 * SGIs straight into free list registers where it can and brings the
 * rest, and any refill, through the model (drain_inbox, sync_locked).
 */
#define VGIC_INBOX_SGIS	  0xffffUL
#define VGIC_INBOX_REFILL (1UL << 16)
static volatile unsigned long inbox[CONFIG_NR_CPUS];

static struct vgic vgics[VMCONF_NR_VMS];
/* Scratch for building one model at a time, at boot: the VM's SPIs and doorbells. */
#define VGIC_MAX_OWNED 1024
static u32 owned_spis[VGIC_MAX_OWNED];
static struct vgic_cpu vgic_cpus[CONFIG_NR_CPUS];

static bool running(const struct vcpu *v)
{
	return v->state == VCPU_RUNNING && v->vm->state == VM_RUNNING;
}

/* Distributor work the model left: physical deactivations and routing. Lock held. */
static void apply_effects(struct vgic *g)
{
	u32 intid;

	while ((intid = vgic_model_take_spi_release(&g->model)) != 0)
		gic_deactivate_spi(intid);
	while ((intid = vgic_model_take_rerouted(&g->model)) != 0) {
		unsigned int target = vgic_model_target(&g->model, intid);

		if (target < g->vm->nr_vcpus)
			irqchip_route(intid, g->vm->vcpus[target]->cpu);
	}
}

/* Tells the other CPUs whose vCPUs have new list-register work. */
static void notify_remote(struct vgic *g, u64 kicks)
{
	unsigned int self = arch_cpu_id();

	for (unsigned int n = 0; kicks && n < g->vm->nr_vcpus; n++) {
		struct vcpu *v = g->vm->vcpus[n];

		if (!(kicks & (1ull << n)))
			continue;
		kicks &= ~(1ull << n);
		/* A vCPU that is not running is filled when it starts. */
		if (v->cpu != self && running(v)) {
			if (IS_ENABLED(CONFIG_IRQCHIP_GICV3))
				arch_atomic_or_ulong(&inbox[v->cpu], VGIC_INBOX_REFILL);
			vcpu_set_external_irq(v, true);
		}
	}
}

/*
 * A timer's interrupt is a level: the pending state its line caused goes
 * once the guest disabled or masked it or moved its deadline on (what the
 * guest sees must follow CNTx_CTL). Lock held, on the vCPU's CPU.
 */
/* Of the watched timer PPIs, those whose line this CPU's timer no longer asserts. */
static u32 timers_dropped(u32 watch)
{
	u32 dropped = 0;

	if ((watch & (1u << GIC_VTIMER_PPI)) && !timer_asserted(GIC_VTIMER_PPI))
		dropped |= 1u << GIC_VTIMER_PPI;
	if ((watch & (1u << GIC_PTIMER_PPI)) && !timer_asserted(GIC_PTIMER_PPI))
		dropped |= 1u << GIC_PTIMER_PPI;
	return dropped;
}

static __noinline void resample_timers(struct vgic *g, unsigned int index, u32 watch)
{
	u32 dropped = timers_dropped(watch);

	if (dropped & (1u << GIC_VTIMER_PPI))
		(void)vgic_model_line_low(&g->model, index, GIC_VTIMER_PPI);
	if (dropped & (1u << GIC_PTIMER_PPI))
		(void)vgic_model_line_low(&g->model, index, GIC_PTIMER_PPI);
}

/* Folds the list registers back into the model and refills them. Lock held, v's CPU. */
static void sync_locked(struct vgic *g, unsigned int index, unsigned int cpu)
{
	struct vgic_cpu *c = &vgic_cpus[cpu];
	u32 watch = virq_resume_pending[cpu];
	unsigned int max = gic_lr_count();
	unsigned int previous = c->nr_listed;
	bool overflow, any_pending = false, any_eoi = false;
	u32 released;
	unsigned int n;
	/* GICv2 SGIs carry their sender: they go through the model (GICD_SGIR). */
	unsigned long sgis = IS_ENABLED(CONFIG_IRQCHIP_GICV3)
				 ? arch_atomic_swap_ulong(&inbox[cpu], 0) & VGIC_INBOX_SGIS
				 : 0;

	c->fast[0].ready = false;
	c->fast[1].ready = false;
	while (sgis) {
		(void)vgic_model_raise(&g->model, index, (u32)__builtin_ctzl(sgis), 0);
		sgis &= sgis - 1u;
	}
	for (unsigned int i = 0; i < c->nr_listed; i++) {
		struct vgic_lr *e = &c->lrs[i];

		e->state = gic_lr_state(i);
		/* The guest deactivated a HW entry: the physical PPI went with it. */
		if (e->hw && e->state == 0 && e->intid < VGIC_NR_PRIVATE)
			c->ppi_in_flight &= ~(1u << e->intid);
	}
	if (c->owner == g && c->epoch == g->epoch) {
		/* Only a timer pending from its line at the last sync can have dropped. */
		if (unlikely(watch))
			resample_timers(g, index, watch);
		vgic_model_fold(&g->model, index, c->lrs, c->nr_listed);
	}

	released = vgic_model_take_private_release(&g->model, index) & c->ppi_in_flight;
	for (u32 intid = 0; released; intid++) {
		if (released & (1u << intid)) {
			released &= ~(1u << intid);
			c->ppi_in_flight &= ~(1u << intid);
			gic_deactivate(intid);
		}
	}

	n = vgic_model_fill(&g->model, index, c->lrs, max, &overflow);
	for (unsigned int i = 0; i < n; i++) {
		gic_lr_write(i, &c->lrs[i]);
		any_pending |= (c->lrs[i].state & VGIC_LR_PENDING) != 0;
		any_eoi |= c->lrs[i].eoi_maint;
	}
	for (unsigned int i = n; i < previous && i < max; i++)
		gic_lr_write(i, NULL);
	c->nr_listed = n;
	c->overflow = overflow;
	c->owner = g;
	c->epoch = g->epoch;
	/* inject_timer sets its bit first; what is still pending from a line stays watched. */
	if (unlikely(watch))
		virq_resume_pending[cpu] =
		    vgic_model_ppis_pending_from_line(&g->model, index) & TIMER_PPIS;
	/*
	 * Left-overs come in when the guest has taken everything pending, or
	 * (all entries active) when most of them are gone. A single active
	 * entry would hold "underflow" asserted: those carry EOI maintenance.
	 */
	gic_vif_set_maintenance(overflow && any_pending,
				overflow && !any_pending && !any_eoi && n >= 2);
	apply_effects(g);
}

/* Refills the list registers of v, which runs on this CPU. */
static void sync_local(struct vgic *g, struct vcpu *v)
{
	u64 kicks;

	spin_lock(&g->lock);
	sync_locked(g, v->index, v->cpu);
	kicks = vgic_model_take_kick(&g->model) & ~(1ull << v->index);
	spin_unlock(&g->lock);
	notify_remote(g, kicks);
	bench_mark(BENCH_PT_LINES);
}

static void prepare_timer(struct vgic *g, const struct vcpu *v, struct vgic_cpu *c, u32 irq);

/*
 * sync_local, then the timers' next listings prepared (a release entry, the
 * only kind without HW list entries, is folded here after the guest
 * finished it: the timer's next expiry finds it prepared).
 */
static void sync_local_prepared(struct vgic *g, struct vcpu *v)
{
	u64 kicks;

	spin_lock(&g->lock);
	sync_locked(g, v->index, v->cpu);
	/* The virtual timer (the one guests mostly use) last: its entry is placed ahead. */
	prepare_timer(g, v, &vgic_cpus[v->cpu], GIC_PTIMER_PPI);
	prepare_timer(g, v, &vgic_cpus[v->cpu], GIC_VTIMER_PPI);
	kicks = vgic_model_take_kick(&g->model) & ~(1ull << v->index);
	spin_unlock(&g->lock);
	notify_remote(g, kicks);
	bench_mark(BENCH_PT_LINES);
}

/* After a model change: refill here, or ask the other CPUs to. Lock not held. */
static void deliver(struct vgic *g, u64 kicks)
{
	struct vcpu *self = cpu_vcpu(arch_cpu_id());

	if (self && self->vm == g->vm && (kicks & (1ull << self->index))) {
		kicks &= ~(1ull << self->index);
		if (running(self))
			sync_local(g, self);
	}
	notify_remote(g, kicks);
}

/* Ends a model operation: distributor effects, then who must refill. */
static void finish_unlock(struct vgic *g)
{
	u64 kicks;

	apply_effects(g);
	kicks = vgic_model_take_kick(&g->model);
	g->gen++;
	spin_unlock(&g->lock);
	bench_mark(BENCH_PT_MODEL);
	deliver(g, kicks);
}

/*
 * What this CPU's inbox holds for v, which runs here: SGIs straight into
 * free list registers (vgic_model_list_private), without the lock; a
 * refill the model asked for, or SGIs that need it to choose, through it.
 */
static void drain_inbox(struct vgic *g, struct vcpu *v)
{
	struct vgic_cpu *c = &vgic_cpus[v->cpu];
	unsigned long word = arch_atomic_swap_ulong(&inbox[v->cpu], 0);
	unsigned long sgis = word & VGIC_INBOX_SGIS;
	unsigned long rest = word & VGIC_INBOX_REFILL;

	if (c->owner != g || c->epoch != g->epoch || c->overflow)
		rest = word | VGIC_INBOX_REFILL;
	else
		for (; sgis; sgis &= sgis - 1u) {
			u32 sgi = (u32)__builtin_ctzl(sgis);
			int slot;

			for (unsigned int i = 0; i < c->nr_listed; i++)
				if (c->lrs[i].intid == sgi)
					c->lrs[i].state = gic_lr_state(i);
			slot = vgic_model_list_private(&g->model, v->index, sgi, 0, c->lrs,
						       c->nr_listed, gic_lr_count());
			if (slot < 0) {
				rest |= (1UL << sgi) | VGIC_INBOX_REFILL;
				continue;
			}
			gic_lr_write((unsigned int)slot, &c->lrs[slot]);
			if ((unsigned int)slot == c->nr_listed)
				c->nr_listed++;
		}
	if (!rest)
		return;
	/* sync_locked takes them from the inbox into the model. */
	if (rest & VGIC_INBOX_SGIS)
		arch_atomic_or_ulong(&inbox[v->cpu], rest & VGIC_INBOX_SGIS);
	sync_local(g, v);
}

void virq_vcpu_sync(struct vcpu *v)
{
	struct vgic *g = v->vm->virq;

	if (!g || g->direct || v->cpu != arch_cpu_id())
		return;
	if (IS_ENABLED(CONFIG_IRQCHIP_GICV3))
		drain_inbox(g, v);
	else
		sync_local(g, v);
}

/* A timer's line dropped: the guest is done with it or moved it on; its next expiry is prepared. */
static __noinline void resample(struct vcpu *v)
{
	if (v->vm->virq && running(v))
		sync_local_prepared(v->vm->virq, v);
}

/* A timer interrupt pending from its line: withdrawn once the line dropped. */
void virq_vcpu_resume_slow(struct vcpu *v, u32 watch)
{
	if (timers_dropped(watch))
		resample(v);
}

void virq_vcpu_start(struct vcpu *v)
{
	struct vgic *g = v->vm->virq;
	struct vgic_cpu *c;
	u64 kicks;

	if (!g || v->cpu != arch_cpu_id())
		return;
	if (IS_ENABLED(CONFIG_IRQCHIP_GICV3) && g->direct) {
		spin_lock(&g->lock);
		vgic_direct_vcpu_start(&g->model, v);
		spin_unlock(&g->lock);
		return;
	}
	c = &vgic_cpus[v->cpu];
	spin_lock(&g->lock);
	/* Pending edges survive a restart; nothing stays active. */
	for (unsigned int i = 0; i < c->nr_listed; i++)
		c->lrs[i].state = gic_lr_state(i);
	if (c->owner == g && c->epoch == g->epoch)
		vgic_model_fold(&g->model, v->index, c->lrs, c->nr_listed);
	c->nr_listed = 0;
	for (u32 intid = 0; c->ppi_in_flight; intid++) {
		if (c->ppi_in_flight & (1u << intid)) {
			c->ppi_in_flight &= ~(1u << intid);
			gic_deactivate(intid);
		}
	}
	vgic_model_vcpu_restart(&g->model, v->index);
	(void)vgic_model_take_private_release(&g->model, v->index);
	gic_vif_reset();
	gic_private_enable(GIC_VTIMER_PPI, true);
	gic_private_enable(GIC_PTIMER_PPI, true);
	sync_locked(g, v->index, v->cpu);
	kicks = vgic_model_take_kick(&g->model) & ~(1ull << v->index);
	spin_unlock(&g->lock);
	notify_remote(g, kicks);
}

/*
 * GICv3: the guest wrote ICC_SGI1R_EL1. False when it names vCPUs the VM
 * lacks. Without the lock: each target's inbox gets the SGI, and its CPU
 * looks at it (drain_inbox).
 */
static bool sgi1r_write(struct vcpu *v, u64 value)
{
	struct vgic *g = v->vm->virq;
	unsigned long sgi = 1UL << vgic_v3_sgi_intid(value);
	u64 targets;
	bool ok;

	if (!g)
		return false;
	if (IS_ENABLED(CONFIG_IRQCHIP_GICV3) && g->direct)
		return vgic_direct_sgi1r(g->vm, v->index, value);
	ok = vgic_v3_sgi1r_targets(&g->model, v->index, value, &targets);
	while (targets) {
		struct vcpu *t = g->vm->vcpus[__builtin_ctzll(targets)];

		targets &= targets - 1u;
		arch_atomic_or_ulong(&inbox[t->cpu], sgi);
		/* A vCPU that is not running takes it when it starts. */
		if (running(t))
			vcpu_set_external_irq(t, true);
	}
	return ok;
}

/*
 * With HCR_EL2.IMO set, the guest's writes to the GICv3 SGI registers trap
 * (asm/gic.h): SGI1R goes to the model; SGI0R (group 0) and ASGI1R (the
 * other security state) have nothing to reach in a guest and are ignored.
 * Reads of these write-only registers, and everything on GICv2, are not
 * the vGIC's.
 */
bool virq_vcpu_reg_access(struct vcpu *v, u32 reg, bool is_write, u64 *value)
{
	if (!IS_ENABLED(CONFIG_IRQCHIP_GICV3) || !is_write)
		return false;
	switch (reg) {
	case SYSREG_ICC_SGI1R_EL1:
		if (!sgi1r_write(v, *value))
			pr_debug("vm '%s' vCPU %u: SGI to vCPUs it does not have",
				 v->vm->desc->name, v->index);
		return true;
	case SYSREG_ICC_SGI0R_EL1:
	case SYSREG_ICC_ASGI1R_EL1:
		return true;
	default:
		return false;
	}
}

/* A timer PPI's place in vgic_cpu.fast. */
static unsigned int timer_index(u32 irq)
{
	return irq == GIC_PTIMER_PPI ? 1u : 0u;
}

/*
 * The one-interrupt path for a timer of the vCPU running here: straight
 * into the list register its last instance held, if the guest is done
 * with it, or else the first free one, without the lock. The model's
 * state of this vCPU's PPIs is what this CPU's list registers and syncs
 * keep (vgic_model_list_private). False when the model must choose (the list
 * registers are full or hold left-overs, the timer is pending, active or
 * disabled there): the caller injects it the long way.
 */
static bool list_timer(struct vgic *g, struct vcpu *v, unsigned int cpu, u32 irq)
{
	struct vgic_cpu *c = &vgic_cpus[cpu];
	struct vgic_fast *f = &c->fast[timer_index(irq)];
	u64 value;
	int slot;

	if (c->owner != g || c->epoch != g->epoch || c->overflow)
		return false;
	for (unsigned int i = 0; i < c->nr_listed; i++)
		if (c->lrs[i].intid == irq)
			c->lrs[i].state = gic_lr_state(i);
	slot = vgic_model_list_private(&g->model, v->index, irq, 0, c->lrs, c->nr_listed,
				       gic_lr_count());
	if (slot < 0)
		return false;
	value = gic_lr_encode(&c->lrs[slot]);
	gic_lr_write_raw((unsigned int)slot, value);
	if ((unsigned int)slot == c->nr_listed)
		c->nr_listed++;
	c->ppi_in_flight |= 1u << irq;
	/* A level: followed from now on, until the guest took it or the line dropped. */
	virq_resume_pending[cpu] |= 1u << irq;
	/* The next expiry takes this entry's place again once the guest finished it (HW). */
	f->ready = false;
	if (c->lrs[slot].hw) {
		f->entry = c->lrs[slot];
		f->value = value;
		f->slot = (u8)slot;
		f->gen = g->gen;
		f->ready = true;
	}
	return true;
}

/* Prepares timer irq's next listing from what the model and the list registers hold. Lock held. */
static void prepare_timer(struct vgic *g, const struct vcpu *v, struct vgic_cpu *c, u32 irq)
{
	struct vgic_fast *f = &c->fast[timer_index(irq)];
	int slot = vgic_model_peek_private(&g->model, v->index, irq, 0, c->lrs, c->nr_listed,
					   gic_lr_count(), &f->entry);

	f->ready = false;
	if (slot < 0)
		return;
	f->value = gic_lr_encode(&f->entry);
	f->slot = (u8)slot;
	f->gen = g->gen;
	f->ready = true;
	/* A free list register's entry, placed ahead: the one prepared last keeps it. */
	if ((unsigned int)slot == c->nr_listed)
		c->lrs[slot] = f->entry;
}

/*
 * list_timer as prepared (struct vgic_fast): the priority drop, one list
 * register write and the bookkeeping, or -1 having done nothing. Else 1
 * when another timer's line is still watched (virq_vcpu_resume must look),
 * 0 when only this one is, whose line is high: it just fired, and the guest
 * has not run since.
 */
static int list_timer_fast(struct vgic *g, struct vcpu *v, unsigned int cpu, u32 irq)
{
	struct vgic_cpu *c = &vgic_cpus[cpu];
	struct vgic_fast *f = &c->fast[timer_index(irq)];
	unsigned int slot = f->slot;
	u32 bit = 1u << irq;
	u32 before;

	if (!f->ready || f->gen != g->gen)
		return -1;
	if (slot < c->nr_listed) {
		/* Its own entry, finished: listed again, the model unchanged since its commit. */
		if (c->lrs[slot].intid != irq || gic_lr_state(slot) != 0)
			return -1;
	} else if (slot == c->nr_listed) {
		vgic_model_commit_ppi(&g->model, v->index, irq);
		if (c->lrs[slot].intid != irq)
			c->lrs[slot] = f->entry; /* the other timer's was placed there */
		c->nr_listed = slot + 1u;
		f->ready = f->entry.hw;
	} else {
		return -1;
	}
	gic_relist(irq, slot, f->value);
	c->ppi_in_flight |= bit;
	before = virq_resume_pending[cpu];
	virq_resume_pending[cpu] = before | bit;
	return (before & ~bit) != 0;
}

static void inject_timer_dropped(struct vcpu *v, struct vgic *g, unsigned int cpu, u32 irq);

/* A guest timer fired on this CPU: hand it to the vCPU here, physically in flight. */
static void inject_timer(unsigned int cpu, u32 irq)
{
	struct vcpu *v = cpu_vcpu(cpu);
	struct vgic *g = v ? v->vm->virq : NULL;

	gic_priority_drop(irq);
	inject_timer_dropped(v, g, cpu, irq);
}

u32 gic_early_claim[CONFIG_NR_CPUS];

int gic_guest_irq_light(struct vcpu *v)
{
	unsigned int cpu = v->cpu;
	struct vgic *g = v->vm->virq;
	u32 irq = gic_claim_light(cpu);

	bench_mark(BENCH_PT_DECODE);
	switch (irq) {
	case GIC_VTIMER_PPI:
	case GIC_PTIMER_PPI:
		if (likely(g && running(v))) {
			int fast = list_timer_fast(g, v, cpu, irq);

			if (fast >= 0)
				return fast ? GIC_LIGHT_TAKEN : GIC_LIGHT_RESUMED;
		}
		gic_priority_drop(irq);
		if (!g || !running(v) || !list_timer(g, v, cpu, irq)) {
			inject_timer_dropped(v, g, cpu, irq);
			return GIC_LIGHT_NO;
		}
		break;
	case GIC_EVENT_SGI:
		/* The posted events need no guest register (IPIs: drain_inbox). */
		irqchip_complete(cpu, irq);
		cpu_handle_events(cpu);
		if (v->state != VCPU_RUNNING)
			return GIC_LIGHT_NO;
		break;
	case IRQCHIP_NONE:
		return GIC_LIGHT_NO;
	default:
		gic_early_claim[cpu] = irq + 1u;
		return GIC_LIGHT_NO;
	}
	return GIC_LIGHT_TAKEN;
}

/* inject_timer once irq's priority is dropped; v and g may be NULL. */
static void inject_timer_dropped(struct vcpu *v, struct vgic *g, unsigned int cpu, u32 irq)
{
	if (!g || !running(v)) {
		/* Nobody to take it: keep a still-asserted timer from firing again. */
		gic_private_enable(irq, false);
		gic_deactivate(irq);
		return;
	}
	if (list_timer(g, v, cpu, irq))
		return;
	/* Its line is high: nothing to resample for it in the sync that follows. */
	virq_resume_pending[cpu] &= ~(1u << irq);
	spin_lock(&g->lock);
	if (vgic_model_inject_hw(&g->model, v->index, irq))
		vgic_cpus[cpu].ppi_in_flight |= 1u << irq;
	else
		gic_deactivate(irq);
	finish_unlock(g);
	/* A level: followed from now on, until the guest took it or the line dropped. */
	if (vgic_cpus[cpu].ppi_in_flight & (1u << irq))
		virq_resume_pending[cpu] |= 1u << irq;
}

bool vgic_handle_private(unsigned int cpu, u32 irq)
{
	struct vcpu *v;

	switch (irq) {
	case GIC_EVENT_SGI:
		/* The core looks at the posted events after the interrupt. */
		irqchip_complete(cpu, irq);
		return true;
	case GIC_MAINTENANCE_PPI:
		v = cpu_vcpu(cpu);
		if (v && v->vm->virq && running(v))
			sync_local_prepared(v->vm->virq, v);
		else
			gic_vif_set_maintenance(false, false);
		irqchip_complete(cpu, irq);
		return true;
	case GIC_VTIMER_PPI:
	case GIC_PTIMER_PPI:
		inject_timer(cpu, irq);
		return true;
	default:
		return false;
	}
}

static enum mmio_result to_mmio(enum vgic_result r)
{
	switch (r) {
	case VGIC_OK:
		return MMIO_OK;
	case VGIC_BAD_ACCESS:
	default:
		return MMIO_BAD_ACCESS;
	}
}

/*
 * The list registers of the vCPU asking hold state the model has not seen
 * (what the guest acknowledged or deactivated): fold it in before answering.
 */
static void fold_caller(struct vgic *g, struct vcpu *v)
{
	if (v->cpu == arch_cpu_id())
		sync_locked(g, v->index, v->cpu);
}

/*
 * Whether an access at offset of a distributor or SGI_base frame needs the
 * caller's list registers folded first: writes, and reads of the pending and
 * active bits (GICD_ISPENDR..ICACTIVER, GICv2's SGI pending senders), which
 * the guest changes by acknowledging and deactivating. Identification,
 * configuration, enable and routing reads answer from the model as it is,
 * without the fold and refill.
 */
static bool access_needs_fold(const struct mmio_access *a, u64 offset)
{
	if (a->is_write)
		return true;
	if (offset >= 0x200u && offset < 0x400u)
		return true;
	return !IS_ENABLED(CONFIG_IRQCHIP_GICV3) && offset >= 0xf10u && offset < 0xf30u;
}

/* GICD_ISPENDR0/ICPENDR0 (GICv2) or GICR_ISPENDR0/ICPENDR0 (GICv3): the private pending bits. */
#define PRIVATE_PENDING_OFFSET (IS_ENABLED(CONFIG_IRQCHIP_GICV3) ? 0x10200u : 0x200u)
#define PRIVATE_CLEAR_OFFSET   (PRIVATE_PENDING_OFFSET + 0x80u)

/*
 * Before a read of the caller's private pending bits: a timer that asserts
 * its line but whose interrupt has not reached us yet (it is injected on
 * the way back to the guest) reads pending already, as the GIC shows it.
 * Only those two registers pay for reading the timers.
 */
static void sample_timer_lines(struct vgic *g, struct vcpu *v, const struct mmio_access *a,
			       u64 offset)
{
	const struct vgic_cpu *c = &vgic_cpus[v->cpu];

	if (a->is_write || (offset != PRIVATE_PENDING_OFFSET && offset != PRIVATE_CLEAR_OFFSET) ||
	    v->cpu != arch_cpu_id())
		return;
	vgic_model_set_line_level(&g->model, v->index, GIC_VTIMER_PPI,
				  !(c->ppi_in_flight & (1u << GIC_VTIMER_PPI)) &&
				      timer_asserted(GIC_VTIMER_PPI));
	vgic_model_set_line_level(&g->model, v->index, GIC_PTIMER_PPI,
				  !(c->ppi_in_flight & (1u << GIC_PTIMER_PPI)) &&
				      timer_asserted(GIC_PTIMER_PPI));
}

/* A direct VM's distributor or redistributor: the model answers, the physical GIC follows. */
static __noinline enum mmio_result direct_access(struct vgic *g, struct vcpu *v,
						 struct mmio_access *a, bool redist)
{
	enum vgic_result r;
	u64 value = a->value;

	spin_lock(&g->lock);
	if (redist)
		r = vgic_direct_redist_access(&g->model, g->vm, a->offset, a->width, a->is_write,
					      &value);
	else
		r = vgic_direct_dist_access(&g->model, g->vm, v->index, a->offset, a->width,
					    a->is_write, &value);
	spin_unlock(&g->lock);
	if (r == VGIC_OK && !a->is_write)
		a->value = value;
	return to_mmio(r);
}

/* The guest's access in the distributor's map, on the model (lock held, or a plain read). */
static enum vgic_result dist_model_access(struct vgic *g, struct vcpu *v, struct mmio_access *a)
{
	enum vgic_result r;

	if (IS_ENABLED(CONFIG_IRQCHIP_GICV3)) {
		/* A refused read's value is never used: the model may write it in place. */
		r = vgic_v3_dist_access(&g->model, v->index, a->offset, a->width, a->is_write,
					&a->value);
	} else {
		u32 value = (u32)a->value;

		r = a->width > 4 ? VGIC_BAD_ACCESS
				 : vgic_v2_dist_access(&g->model, v->index, a->offset, a->width,
						       a->is_write, &value);
		if (r == VGIC_OK && !a->is_write)
			a->value = value;
	}
	return r;
}

/*
 * A read that cannot see list-register state (access_needs_fold) changes
 * nothing in the model and reads one byte or word of it, which writers
 * update whole: it answers without the lock, as if it came just before or
 * just after a concurrent write.
 */
static enum mmio_result dist_access(struct vcpu *v, struct mmio_access *a, void *ctx)
{
	struct vgic *g = ctx;
	enum vgic_result r;

	if (IS_ENABLED(CONFIG_IRQCHIP_GICV3) && unlikely(g->direct))
		return direct_access(g, v, a, false);
	if (!access_needs_fold(a, a->offset))
		return to_mmio(dist_model_access(g, v, a));
	spin_lock(&g->lock);
	fold_caller(g, v);
	if (!IS_ENABLED(CONFIG_IRQCHIP_GICV3))
		sample_timer_lines(g, v, a, a->offset);
	r = dist_model_access(g, v, a);
	finish_unlock(g);
	return to_mmio(r);
}

static enum mmio_result redist_access(struct vcpu *v, struct mmio_access *a, void *ctx)
{
	struct vgic *g = ctx;
	enum vgic_result r;
	u64 value = a->value;
	u64 frame;

	/* Any vCPU may look at any redistributor. */
	if (!IS_ENABLED(CONFIG_IRQCHIP_GICV3))
		return MMIO_BAD_ACCESS; /* never registered on GICv2 */
	if (unlikely(g->direct))
		return direct_access(g, v, a, true);
	frame = a->offset % VGIC_V3_REDIST_STRIDE;
	/* RD_base's reads (identification, GICR_WAKER) never depend on the list registers. */
	if (!access_needs_fold(a, frame >= VGIC_V3_SGI_FRAME ? frame - VGIC_V3_SGI_FRAME : 0)) {
		/* A plain read, without the lock: see dist_access. */
		r = vgic_v3_redist_access(&g->model, a->offset, a->width, false, &value);
		if (r == VGIC_OK)
			a->value = value;
		return to_mmio(r);
	}
	spin_lock(&g->lock);
	fold_caller(g, v);
	/* Only the caller's own redistributor: another vCPU's timers live on its CPU. */
	if (a->offset / VGIC_V3_REDIST_STRIDE == v->index)
		sample_timer_lines(g, v, a, frame);
	r = vgic_v3_redist_access(&g->model, a->offset, a->width, a->is_write, &value);
	if (r == VGIC_OK && !a->is_write)
		a->value = value;
	finish_unlock(g);
	return to_mmio(r);
}

static u32 model_intids(const struct vmconf_vm *desc)
{
	u32 nr = gic_nr_intids();

	/* Before the distributor was probed: just enough for the VM's own. */
	if (nr == 0 && desc->nr_irqs)
		nr = desc->irqs[desc->nr_irqs - 1] + 1u;
	if (nr < VGIC_NR_PRIVATE)
		nr = VGIC_NR_PRIVATE;
	return nr > VGIC_MAX_SPI + 1u ? VGIC_MAX_SPI + 1u : nr;
}

/* The distributor's window, and on GICv3 the redistributors'. */
static u32 vgic_nr_windows(const struct vmconf_vm *d)
{
	(void)d;
	return IS_ENABLED(CONFIG_IRQCHIP_GICV3) ? 2 : 1;
}

/*
 * The vGIC's entry in the model registry only counts its windows: it comes
 * up before every model (virq_vm_init) and is reset first (virq_vm_reset).
 */
VDEV_MODEL(vgic) = {
    .name = "virtual GIC",
    .nr_windows = vgic_nr_windows,
};

int virq_vm_init(struct vm *vm)
{
	const struct vmconf_vm *desc = vm->desc;
	struct vgic *g;
	u32 nr_owned;
	int err;

	if (vm->id >= VMCONF_NR_VMS || vm->nr_vcpus == 0 || !vm->vcpus[0])
		return -EINVAL;
	g = &vgics[vm->id];
	nr_owned = vm_virtual_irqs(vm, owned_spis, VGIC_MAX_OWNED);
	err = vgic_model_init(&g->model, GIC_VERSION, vm->nr_vcpus, model_intids(desc), owned_spis,
			      nr_owned);
	if (err) {
		pr_err("VM %s: virtual GIC: %u vCPUs (at most %u) or an interrupt that is not an "
		       "SPI of this GIC",
		       desc->name, vm->nr_vcpus,
		       GIC_VERSION == 2 ? VGIC_V2_MAX_CPUS : (unsigned int)VGIC_MAX_VCPUS);
		return err;
	}
	vgic_model_set_hw_lrs(&g->model, gic_lr_hw_usable());
	g->lock = (spinlock_t)SPINLOCK_INIT;
	g->vm = vm;
	g->epoch = 0;
	if (IS_ENABLED(CONFIG_IRQCHIP_GICV3) && desc->direct_irqs && !vgic_direct_supported()) {
		pr_err("VM %s: interrupts = direct needs a GIC with one security state "
		       "(GICD_CTLR.DS = 1) for the hypervisor's Group 0; this one has two",
		       desc->name);
		return -EINVAL;
	}
	g->direct = IS_ENABLED(CONFIG_IRQCHIP_GICV3) && desc->direct_irqs;

	g->dist_window.name = "gicd";
	g->dist_window.base = BOARD_DEV_GICD_BASE;
	g->dist_window.size = BOARD_DEV_GICD_SIZE;
	g->dist_window.access = dist_access;
	g->dist_window.ctx = g;
	err = mmio_register(vm->id, &g->dist_window);
	if (err)
		return err;
	if (IS_ENABLED(CONFIG_IRQCHIP_GICV3)) {
		g->redist_window.name = "gicr";
		g->redist_window.base = BOARD_DEV_GICR_BASE;
		g->redist_window.size = (u64)vm->nr_vcpus * VGIC_V3_REDIST_STRIDE;
		g->redist_window.access = redist_access;
		g->redist_window.ctx = g;
		err = mmio_register(vm->id, &g->redist_window);
		if (err)
			return err;
	}
	vm->virq = g;

	if (IS_ENABLED(CONFIG_IRQCHIP_GICV3) && g->direct) {
		vgic_direct_vm_init(&g->model, vm, owned_spis, nr_owned);
		return 0;
	}
	/* Reset routes every SPI to vCPU 0; the guest's routing follows it physically. */
	for (u32 i = 0; i < desc->nr_irqs; i++)
		irqchip_route(desc->irqs[i], vm->vcpus[0]->cpu);
	return 0;
}

int virq_vm_map(struct vm *vm, vm_map_fn map, void *ctx)
{
	(void)vm;
#if defined(BOARD_DEV_GICV_BASE) && defined(BOARD_DEV_GICC_BASE)
	/* GICv2: the guest finds its CPU interface where the physical GICC is. */
	if (!IS_ENABLED(CONFIG_IRQCHIP_GICV3))
		return map(ctx, BOARD_DEV_GICC_BASE, BOARD_DEV_GICV_BASE, GIC_V2_GUEST_CPUIF_SIZE,
			   VMCONF_ACCESS_READ | VMCONF_ACCESS_WRITE, VM_MAP_DEVICE);
#else
	(void)map;
	(void)ctx;
#endif
	return 0;
}

void virq_inject(struct vm *vm, u32 irq)
{
	struct vgic *g = vm->virq;

	/* Priority drop now; deactivation follows the guest's (HW = 1 or a release entry). */
	gic_priority_drop(irq);
	if (!g || irq < VGIC_NR_PRIVATE || g->direct) {
		gic_deactivate(irq);
		return;
	}
	spin_lock(&g->lock);
	if (!vgic_model_inject_hw(&g->model, 0, irq))
		gic_deactivate(irq);
	finish_unlock(g);
}

void virq_raise(struct vm *vm, u32 irq)
{
	struct vgic *g = vm->virq;

	if (!g || irq < VGIC_NR_PRIVATE)
		return;
	if (IS_ENABLED(CONFIG_IRQCHIP_GICV3) && g->direct) {
		vgic_direct_raise(irq); /* a doorbell: its physical SPI */
		return;
	}
	spin_lock(&g->lock);
	(void)vgic_model_raise(&g->model, 0, irq, 0);
	finish_unlock(g);
}

void virq_set_level(struct vm *vm, u32 irq, bool level)
{
	struct vgic *g = vm->virq;

	if (!g || irq < VGIC_NR_PRIVATE || g->direct)
		return; /* a direct VM has no virtual lines (the layout checker sees to it) */
	spin_lock(&g->lock);
	(void)vgic_model_set_level(&g->model, irq, level);
	finish_unlock(g);
}

void virq_vm_reset(struct vm *vm)
{
	struct vgic *g = vm->virq;
	const struct vmconf_vm *desc = vm->desc;

	if (!g)
		return;
	if (IS_ENABLED(CONFIG_IRQCHIP_GICV3) && g->direct) {
		spin_lock(&g->lock);
		vgic_model_reset(&g->model);
		vgic_direct_vm_reset(&g->model, vm);
		spin_unlock(&g->lock);
		return;
	}
	spin_lock(&g->lock);
	apply_effects(g);
	/* An SPI left in flight would never fire again for the fresh guest. */
	for (u32 i = 0; i < desc->nr_irqs; i++) {
		u32 irq = desc->irqs[i];

		if (vgic_model_test(&g->model, 0, VGIC_F_HW, irq) ||
		    vgic_model_test(&g->model, 0, VGIC_F_LISTED_HW, irq))
			gic_deactivate_spi(irq);
	}
	g->epoch++;
	g->gen++;
	vgic_model_reset(&g->model);
	for (unsigned int n = 0; n < vm->nr_vcpus; n++)
		(void)arch_atomic_swap_ulong(&inbox[vm->vcpus[n]->cpu], 0);
	for (u32 i = 0; i < desc->nr_irqs; i++)
		irqchip_route(desc->irqs[i], vm->vcpus[0]->cpu);
	spin_unlock(&g->lock);
}
