/* SPDX-License-Identifier: Apache-2.0 */
/* Direct interrupt delivery on GICv3: a VM's own physical interrupts go to it at EL1 with no exit.
 */
#include <bulwark/addr.h>
#include <bulwark/arch.h>
#include <bulwark/compiler.h>
#include <bulwark/printk.h>
#include <bulwark/vm.h>
#include <bulwark/vmconf.h>
#include <asm/gic_sysregs.h>
#include <generated/board.h>

#include "gic.h"
#include "vgic_direct.h"

#define GICD_CTLR	 0x0000u
#define GICD_CTLR_DS	 (1u << 6)
#define GICD_IROUTER	 0x6000u
#define GICD_IROUTER_END 0x7fe0u

/* Offsets shared by the distributor and a redistributor's SGI_base frame. */
#define REG_IGROUPR	   0x0080u
#define REG_ISENABLER	   0x0100u
#define REG_ICENABLER	   0x0180u
#define REG_ISPENDR	   0x0200u
#define REG_ICPENDR	   0x0280u
#define REG_ISACTIVER	   0x0300u
#define REG_ICACTIVER	   0x0380u
#define REG_IPRIORITYR	   0x0400u
#define REG_IPRIORITYR_END 0x0800u
#define REG_ICFGR	   0x0c00u
#define REG_ICFGR_END	   0x0d00u
#define GICR_SGI_FRAME	   0x10000u

/* The hypervisor's PPIs: the GIC maintenance interrupt and the EL2 timers (CNTHP, CNTHV). */
#define GIC_HYP_PTIMER_PPI 26
#define GIC_HYP_VTIMER_PPI 28

/* SGIs and PPIs a direct guest may touch: all but the event SGI and the hypervisor's PPIs. */
#define GUEST_PRIVATE                                                                              \
	(~((1u << GIC_EVENT_SGI) | (1u << GIC_MAINTENANCE_PPI) | (1u << GIC_HYP_PTIMER_PPI) |      \
	   (1u << GIC_HYP_VTIMER_PPI)))

static volatile u32 *dist_reg(u32 offset)
{
	return (volatile u32 *)hpa_to_mmio(BOARD_DEV_GICD_BASE + offset);
}

/* The frame holding intid's registers: the distributor, or the SGI_base of cpu's redistributor. */
static volatile u8 *frame_of(unsigned int cpu, u32 intid)
{
	volatile u8 *rd;

	if (intid >= VGIC_NR_PRIVATE)
		return (volatile u8 *)hpa_to_mmio(BOARD_DEV_GICD_BASE);
	rd = gic_redist_frame(cpu);
	return rd ? rd + GICR_SGI_FRAME : NULL;
}

static volatile u32 *reg32(volatile u8 *frame, u32 offset)
{
	return (volatile u32 *)(void *)(frame + offset);
}

/* What a guest priority becomes: always below the hypervisor's Group 0. */
static u8 physical_priority(u8 guest)
{
	return (u8)(0x80u | (guest >> 1));
}

static bool guest_owns(const struct vgic_model *m, u32 intid)
{
	if (intid < VGIC_NR_PRIVATE)
		return (GUEST_PRIVATE >> intid) & 1u;
	return vgic_model_owns(m, intid);
}

static u64 affinity_route(unsigned int cpu)
{
	return arch_cpu_hw_id(cpu) & 0xff00ffffffull;
}

void vgic_direct_mark_cpus(void)
{
	for (unsigned int id = 0; id < VMCONF_NR_VMS; id++) {
		const struct vmconf_vm *d = &vmconf_vms[id];

		if (!d->direct_irqs)
			continue;
		for (unsigned int cpu = 0; cpu < CONFIG_NR_CPUS && cpu < 64; cpu++)
			if (d->cpu_mask & (1ull << cpu))
				gic_direct_cpu[cpu] = 1;
	}
}

bool vgic_direct_supported(void)
{
	return (*dist_reg(GICD_CTLR) & GICD_CTLR_DS) != 0;
}

void vgic_direct_cpu_init(unsigned int cpu)
{
	volatile u8 *sgi = frame_of(cpu, 0);

	if (!sgi)
		return;
	/* Only the event SGI, Group 0 at the top priority; the rest waits for the guest. */
	*reg32(sgi, REG_ICENABLER) = ~(1u << GIC_EVENT_SGI);
	*reg32(sgi, REG_IGROUPR) = ~(1u << GIC_EVENT_SGI);
	sgi[REG_IPRIORITYR + GIC_EVENT_SGI] = GIC_DIRECT_HYP_PRIORITY;
	*reg32(sgi, REG_ISENABLER) = 1u << GIC_EVENT_SGI;
	/* EOImode 0: the guest's EOIR1 drops and deactivates, as ICV_DIR cannot reach us. */
	arm_sysreg_write(ICC_CTLR_EL1, 0);
	arm_sysreg_write(ICC_BPR0_EL1, 0);
	arm_sysreg_write(ICC_IGRPEN0_EL1, 1);
	arm_sysreg_write(ICC_IGRPEN1_EL1, 0);
	arm_sysreg_write(ICH_HCR_EL2, 0);
	gic_isb();
}

/* One SPI to its reset state for the guest: disabled, idle, at vCPU 0, as the model has it. */
static void spi_reset(struct vgic_model *m, struct vm *vm, u32 intid)
{
	u32 bit = 1u << (intid % 32u), word = 4u * (intid / 32u);
	volatile u8 *gicd = frame_of(0, intid);
	u32 cfg;

	*reg32(gicd, REG_ICENABLER + word) = bit;
	*reg32(gicd, REG_ICPENDR + word) = bit;
	*reg32(gicd, REG_ICACTIVER + word) = bit;
	*reg32(gicd, REG_IGROUPR + word) |= bit;
	gicd[REG_IPRIORITYR + intid] = physical_priority(vgic_model_priority(m, 0, intid));
	cfg = *reg32(gicd, REG_ICFGR + 4u * (intid / 16u)) & ~(2u << (2u * (intid % 16u)));
	if (vgic_model_test(m, 0, VGIC_F_EDGE, intid))
		cfg |= 2u << (2u * (intid % 16u));
	*reg32(gicd, REG_ICFGR + 4u * (intid / 16u)) = cfg;
	*(volatile u64 *)hpa_to_mmio(BOARD_DEV_GICD_BASE + GICD_IROUTER + 8u * intid) =
	    affinity_route(vm->vcpus[0]->cpu);
}

void vgic_direct_vm_init(struct vgic_model *m, struct vm *vm, const u32 *owned, u32 n)
{
	for (u32 i = 0; i < n; i++)
		if (owned[i] >= VGIC_NR_PRIVATE && owned[i] < gic_nr_intids())
			spi_reset(m, vm, owned[i]);
}

void vgic_direct_vm_reset(struct vgic_model *m, struct vm *vm)
{
	const struct vmconf_vm *d = vm->desc;

	/* The vCPUs' SGIs and PPIs: nothing pending or active into the fresh guest. */
	for (unsigned int n = 0; n < vm->nr_vcpus; n++) {
		volatile u8 *sgi = frame_of(vm->vcpus[n]->cpu, 0);

		if (!sgi)
			continue;
		*reg32(sgi, REG_ICENABLER) = GUEST_PRIVATE;
		*reg32(sgi, REG_ICPENDR) = GUEST_PRIVATE;
		*reg32(sgi, REG_ICACTIVER) = GUEST_PRIVATE;
	}
	for (u32 i = 0; i < d->nr_irqs; i++)
		if (d->irqs[i] < gic_nr_intids())
			spi_reset(m, vm, d->irqs[i]);
	for (u32 s = 0; s < d->nr_shmem_maps; s++)
		for (u32 e = 0; e < d->shmem_maps[s].nr_doorbells; e++)
			if (d->shmem_maps[s].doorbells[e] < gic_nr_intids())
				spi_reset(m, vm, d->shmem_maps[s].doorbells[e]);
}

/*
 * The hypervisor's console interrupt, when it is routed to this CPU, must
 * stay the hypervisor's: Group 0, above everything of the guest.
 */
static void keep_console_irq(struct vgic_model *m, unsigned int cpu)
{
#ifdef BOARD_CONSOLE_IRQ
	u32 intid = BOARD_CONSOLE_IRQ, bit = 1u << (intid % 32u), word = 4u * (intid / 32u);
	volatile u64 *route =
	    (volatile u64 *)hpa_to_mmio(BOARD_DEV_GICD_BASE + GICD_IROUTER + 8u * intid);
	volatile u8 *gicd = frame_of(cpu, intid);

	if (guest_owns(m, intid) || !(*reg32(gicd, REG_ISENABLER + word) & bit) ||
	    *route != affinity_route(cpu))
		return;
	gicd[REG_IPRIORITYR + intid] = GIC_DIRECT_HYP_PRIORITY;
	*reg32(gicd, REG_IGROUPR + word) &= ~bit;
#else
	(void)m;
	(void)cpu;
#endif
}

void vgic_direct_vcpu_start(struct vgic_model *m, struct vcpu *v)
{
	volatile u8 *sgi = frame_of(v->cpu, 0);
	u32 enabled = 0;

	if (!sgi)
		return;
	vgic_model_vcpu_restart(m, v->index);
	/*
	 * Nothing stays active; pending edges stay, as in the model: an SGI sent
	 * by a vCPU that saw this one ON may arrive before this CPU gets here.
	 * A VM reset clears them (vgic_direct_vm_reset).
	 */
	*reg32(sgi, REG_ICENABLER) = GUEST_PRIVATE;
	*reg32(sgi, REG_ICACTIVER) = GUEST_PRIVATE;
	for (u32 intid = 0; intid < VGIC_NR_PRIVATE; intid++) {
		if (!guest_owns(m, intid))
			continue;
		sgi[REG_IPRIORITYR + intid] =
		    physical_priority(vgic_model_priority(m, v->index, intid));
		if (vgic_model_test(m, v->index, VGIC_F_ENABLED, intid))
			enabled |= 1u << intid;
	}
	/* A redistributor keeps its enables across CPU_OFF and CPU_ON, as the model does. */
	*reg32(sgi, REG_ISENABLER) = enabled;
	/* What an earlier run left in the CPU interface goes. */
	arm_sysreg_write(ICC_IGRPEN1_EL1, 0);
	arm_sysreg_write(ICC_AP1R0_EL1, 0);
	arm_sysreg_write(ICC_BPR1_EL1, 0);
	arm_sysreg_write(ICC_PMR_EL1, 0xff);
	arm_sysreg_write(ICC_CTLR_EL1, 0);
	gic_vif_reset();
	arm_sysreg_write(ICH_HCR_EL2, 0);
	gic_isb();
	keep_console_irq(m, v->cpu);
}

/* After the model took a write: the physical enables of [first, first + count) follow it. */
static void follow_enables(struct vgic_model *m, unsigned int cpu, unsigned int vcpu, u32 first,
			   u32 count)
{
	volatile u8 *frame = frame_of(cpu, first);
	u32 set = 0, clear = 0;

	if (!frame || first % 32u)
		return;
	for (u32 i = 0; i < count && i < 32u; i++) {
		if (!guest_owns(m, first + i))
			continue;
		if (vgic_model_test(m, vcpu, VGIC_F_ENABLED, first + i))
			set |= 1u << i;
		else
			clear |= 1u << i;
	}
	if (clear)
		*reg32(frame, REG_ICENABLER + first / 8u) = clear;
	if (set)
		*reg32(frame, REG_ISENABLER + first / 8u) = set;
}

static void follow_priorities(struct vgic_model *m, unsigned int cpu, unsigned int vcpu, u32 first,
			      u32 count)
{
	volatile u8 *frame = frame_of(cpu, first);

	for (u32 i = 0; frame && i < count; i++)
		if (guest_owns(m, first + i))
			frame[REG_IPRIORITYR + first + i] =
			    physical_priority(vgic_model_priority(m, vcpu, first + i));
}

/* Edge or level, SPIs only (a PPI's is fixed by its device). */
static void follow_configs(struct vgic_model *m, u32 first, u32 count)
{
	volatile u8 *gicd = frame_of(0, VGIC_NR_PRIVATE);

	for (u32 i = 0; i < count; i++) {
		u32 intid = first + i, shift = 2u * (intid % 16u);
		volatile u32 *cfg = reg32(gicd, REG_ICFGR + 4u * (intid / 16u));

		if (intid < VGIC_NR_PRIVATE || !guest_owns(m, intid))
			continue;
		if (vgic_model_test(m, 0, VGIC_F_EDGE, intid))
			*cfg |= 2u << shift;
		else
			*cfg &= ~(2u << shift);
	}
}

/* SPIs the guest re-routed: the physical router names the new vCPU's CPU. */
static void follow_routes(struct vgic_model *m, struct vm *vm)
{
	u32 intid;

	while ((intid = vgic_model_take_rerouted(m)) != 0) {
		unsigned int target = vgic_model_target(m, intid);

		if (target < vm->nr_vcpus && guest_owns(m, intid))
			*(volatile u64 *)hpa_to_mmio(BOARD_DEV_GICD_BASE + GICD_IROUTER +
						     8u * intid) =
			    affinity_route(vm->vcpus[target]->cpu);
	}
}

/*
 * Pending and active bits live in the physical GIC only: a read shows the
 * VM's own bits of it, a write sets or clears only those.
 */
static enum vgic_result physical_bits(struct vgic_model *m, unsigned int cpu, bool dist, u32 offset,
				      unsigned int width, bool is_write, u64 *value)
{
	u32 word = (offset % 0x80u) / 4u, first = 32u * word, mask = 0;
	volatile u8 *frame = frame_of(cpu, first);

	if (width != 4 || offset % 4u)
		return VGIC_BAD_ACCESS;
	/* The distributor's first word (SGIs and PPIs) reads as zero with affinity routing. */
	for (u32 i = 0; (!dist || first) && i < 32u; i++)
		if (first + i < gic_nr_intids() && guest_owns(m, first + i))
			mask |= 1u << i;
	if (!frame || !mask) {
		if (!is_write)
			*value = 0;
		return VGIC_OK;
	}
	if (is_write)
		*reg32(frame, offset) = (u32)*value & mask;
	else
		*value = *reg32(frame, offset) & mask;
	return VGIC_OK;
}

/* After the model answered a write at offset (a distributor or SGI_base offset): follow it. */
static void follow_write(struct vgic_model *m, struct vm *vm, unsigned int cpu, unsigned int vcpu,
			 bool dist, u32 offset, unsigned int width)
{
	/* The distributor's registers of SGIs and PPIs are reserved: nothing to follow. */
	bool private_range =
	    (offset >= REG_ISENABLER && offset < REG_ISPENDR && offset % 0x80u < 4u) ||
	    (offset >= REG_IPRIORITYR && offset < REG_IPRIORITYR + VGIC_NR_PRIVATE);

	if (dist && private_range)
		offset = 0; /* follows nothing below */
	if (offset >= REG_ISENABLER && offset < REG_ISPENDR)
		follow_enables(m, cpu, vcpu, 32u * ((offset % 0x80u) / 4u), 8u * width);
	else if (offset >= REG_IPRIORITYR && offset < REG_IPRIORITYR_END)
		follow_priorities(m, cpu, vcpu, offset - REG_IPRIORITYR, width);
	else if (offset >= REG_ICFGR && offset < REG_ICFGR_END)
		follow_configs(m, 4u * (offset - REG_ICFGR), 4u * width);
	follow_routes(m, vm);
	/* Nothing of a direct VM goes through list registers or needs a deactivation. */
	(void)vgic_model_take_kick(m);
	while (vgic_model_take_spi_release(m) != 0)
		;
}

enum vgic_result vgic_direct_dist_access(struct vgic_model *m, struct vm *vm, unsigned int vcpu,
					 u64 offset, unsigned int width, bool is_write, u64 *value)
{
	unsigned int cpu = vm->vcpus[vcpu]->cpu;
	enum vgic_result r;

	if (offset >= REG_ISPENDR && offset < REG_IPRIORITYR)
		return physical_bits(m, cpu, true, (u32)offset, width, is_write, value);
	r = vgic_v3_dist_access(m, vcpu, offset, width, is_write, value);
	if (r == VGIC_OK && is_write && offset < GICD_IROUTER_END)
		follow_write(m, vm, cpu, vcpu, true, (u32)offset, width);
	return r;
}

enum vgic_result vgic_direct_redist_access(struct vgic_model *m, struct vm *vm, u64 offset,
					   unsigned int width, bool is_write, u64 *value)
{
	unsigned int vcpu = (unsigned int)(offset / VGIC_V3_REDIST_STRIDE);
	u32 frame = (u32)(offset % VGIC_V3_REDIST_STRIDE);
	unsigned int cpu;
	enum vgic_result r;

	if (vcpu >= vm->nr_vcpus)
		return vgic_v3_redist_access(m, offset, width, is_write, value);
	cpu = vm->vcpus[vcpu]->cpu;
	if (frame >= GICR_SGI_FRAME + REG_ISPENDR && frame < GICR_SGI_FRAME + REG_IPRIORITYR)
		return physical_bits(m, cpu, false, frame - GICR_SGI_FRAME, width, is_write, value);
	r = vgic_v3_redist_access(m, offset, width, is_write, value);
	if (r == VGIC_OK && is_write && frame >= GICR_SGI_FRAME)
		follow_write(m, vm, cpu, vcpu, false, frame - GICR_SGI_FRAME, width);
	return r;
}

/*
 * ICC_SGI1R_EL1: TargetList 15:0, Aff1 23:16, INTID 27:24, Aff2 39:32, IRM
 * 40, RS 47:44, Aff3 55:48. A vCPU's affinity is Aff1 = index / 16, Aff0 =
 * index % 16 (VGIC_VCPU_AFFINITY), so only RS 0 names any.
 */
bool vgic_direct_sgi1r(struct vm *vm, unsigned int sender, u64 value)
{
	u32 sgi = (u32)(value >> 24) & 0xfu;
	u32 targets = (u32)value & 0xffffu;
	unsigned int aff1 = (unsigned int)(value >> 16) & 0xffu;
	bool all_others = (value >> 40) & 1u;
	bool ok = true;

	if (sgi == GIC_EVENT_SGI)
		return true; /* the hypervisor's: documented as unavailable to a direct VM */
	if (all_others) {
		for (unsigned int n = 0; n < vm->nr_vcpus; n++)
			if (n != sender)
				gic_send_guest_sgi(vm->vcpus[n]->cpu, sgi);
		return true;
	}
	if ((value >> 32 & 0xffu) || (value >> 48 & 0xffu) || (value >> 44 & 0xfu))
		return targets == 0;
	for (unsigned int bit = 0; targets; bit++) {
		unsigned int n = aff1 * 16u + bit;

		if (!(targets & (1u << bit)))
			continue;
		targets &= ~(1u << bit);
		if (n < vm->nr_vcpus)
			gic_send_guest_sgi(vm->vcpus[n]->cpu, sgi);
		else
			ok = false;
	}
	return ok;
}

void vgic_direct_raise(u32 irq)
{
	if (irq >= VGIC_NR_PRIVATE && irq < gic_nr_intids()) {
		/* The doorbell's shared-memory writes before the guest sees the interrupt. */
		gic_dsb_ishst();
		*dist_reg(REG_ISPENDR + 4u * (irq / 32u)) = 1u << (irq % 32u);
	}
}
