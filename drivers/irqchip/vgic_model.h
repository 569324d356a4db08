/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A pure model of one VM's virtual GIC distributor (and redistributors),
 * shared by the GICv2 and GICv3 front ends and free of hypervisor
 * dependencies, so the host unit tests drive exactly the code the
 * hypervisor runs.
 *
 * State: the SPIs the VM owns (guest INTIDs are the physical ones) plus the
 * 16 SGIs and 16 PPIs of every vCPU. An interrupt the VM does not own is,
 * for the VM, one the GIC does not implement: every field of it (enable,
 * pending, active, group, priority, configuration, ITARGETSR byte lane,
 * IROUTER) reads as zero and ignores writes, as the GIC specifications
 * define for unimplemented interrupts (RAZ/WI). So does every reserved
 * offset. No register access denies: only a width or alignment the
 * register does not support is refused.
 *
 * Priorities keep their top VGIC_PRIORITY_BITS bits, the bits a list
 * register carries on either GIC, so what the guest reads back is what
 * orders delivery.
 *
 * List registers: the model hands out abstract list-register entries
 * (struct vgic_lr) sorted best first and takes them back with the state the
 * guest left them in. While an interrupt is listed its pending and active
 * states live in the list register; the model keeps only what happened to
 * it since (a new edge, a guest write that cancels it).
 */
#ifndef DRIVERS_IRQCHIP_VGIC_MODEL_H
#define DRIVERS_IRQCHIP_VGIC_MODEL_H

#include <bulwark/types.h>

#define VGIC_NR_SGIS	 16u
#define VGIC_NR_PRIVATE	 32u
#define VGIC_NR_INTIDS	 1024u /* INTIDs 1020..1023 are special and never exist */
#define VGIC_MAX_SPI	 1019u
#define VGIC_WORDS	 (VGIC_NR_INTIDS / 32u)
#define VGIC_MAX_LRS	 16u
#define VGIC_NO_VCPU	 0xffu
#define VGIC_V2_MAX_CPUS 8u

/* vCPUs one model holds: the CPU count in the kernel, enough to test >16 on the host. */
#if defined(CONFIG_NR_CPUS)
#define VGIC_MAX_VCPUS CONFIG_NR_CPUS
#else
#define VGIC_MAX_VCPUS 32
#endif

/*
 * The affinity (MPIDR Aff1:Aff0) of vCPU index i: Aff0 = i % 16 and
 * Aff1 = i / 16, so an ICC_SGI1R_EL1 target list (16 bits of Aff0) reaches
 * every vCPU without range selectors. asm/gic.h gives the arch the same.
 */
#define VGIC_VCPU_AFFINITY(i) ((((u32)(i) / 16u) << 8) | ((u32)(i) % 16u))

/* GICD_CTLR bits the guest controls (single security state). */
#define VGIC_CTLR_GRP0 0x1u
#define VGIC_CTLR_GRP1 0x2u

/* IROUTER: Interrupt Routing Mode, any participating PE. */
#define VGIC_IROUTER_IRM (1ull << 31)

/* List register state bits (as the GIC encodes them, shifted to 0). */
#define VGIC_LR_PENDING 0x1u
#define VGIC_LR_ACTIVE	0x2u

enum vgic_result {
	VGIC_OK = 0,
	VGIC_BAD_ACCESS, /* width or alignment the register does not support */
};

/* Priority bits kept: GICv2's GICH_LR holds 5 (GICv3's ICH_LR 8, its CPU interfaces 5 on QEMU). */
#define VGIC_PRIORITY_BITS 5u
#define VGIC_PRIORITY_MASK ((u8)(0xffu << (8u - VGIC_PRIORITY_BITS)))

/* Registers that hold one bit per INTID, 32 INTIDs to a word. */
enum vgic_bit_reg {
	VGIC_REG_IGROUPR = 0,
	VGIC_REG_ISENABLER,
	VGIC_REG_ICENABLER,
	VGIC_REG_ISPENDR,
	VGIC_REG_ICPENDR,
	VGIC_REG_ISACTIVER,
	VGIC_REG_ICACTIVER,
};

/* One abstract list register: what the GIC drivers encode into GICH_LR / ICH_LR. */
struct vgic_lr {
	u16 intid;
	u8 source;   /* SGIs on GICv2: the sending vCPU (CPUID field) */
	u8 priority; /* 8 bits; GICv2 keeps the top 5 */
	u8 state;    /* VGIC_LR_PENDING | VGIC_LR_ACTIVE; the drivers read it back */
	bool group1;
	bool hw;	/* HW = 1, pINTID = intid: the guest's deactivation deactivates it */
	bool eoi_maint; /* HW = 0: maintenance interrupt when the guest deactivates it */
	bool release;	/* physically in flight, deactivated by us once the guest is done with it */
};

/* Bit-per-INTID fields. */
enum vgic_field {
	VGIC_F_ENABLED = 0,
	VGIC_F_PENDING,
	VGIC_F_ACTIVE,
	VGIC_F_GROUP,
	VGIC_F_EDGE,	  /* ICFGR: edge-triggered */
	VGIC_F_HW,	  /* the physical interrupt is in flight: priority dropped, still active */
	VGIC_F_LISTED,	  /* in a list register of its holder */
	VGIC_F_CANCEL_P,  /* listed, and the guest cleared its pending state since */
	VGIC_F_CANCEL_A,  /* listed, and the guest cleared its active state since */
	VGIC_F_LISTED_P,  /* listed with pending state, for register reads */
	VGIC_F_LISTED_A,  /* listed with active state, for register reads */
	VGIC_F_LISTED_HW, /* listed while physically in flight (HW or release entry) */
	VGIC_F_RELEASE,	  /* physical in flight that must now be deactivated */
	VGIC_NR_FIELDS,
};

struct vgic_private {
	u32 bits[VGIC_NR_FIELDS];
	u8 priority[VGIC_NR_PRIVATE];
	u8 sgi_sources[VGIC_NR_SGIS];	    /* pending SGI instances, one bit per sender */
	u8 sgi_active_source[VGIC_NR_SGIS]; /* sender of the active instance */
	bool asleep;			    /* GICR_WAKER.ProcessorSleep */
};

struct vgic_model {
	unsigned int version; /* 2 or 3: which GIC the guest sees */
	unsigned int nr_vcpus;
	u32 nr_intids; /* implemented INTIDs, a multiple of 32 (GICD_TYPER.ITLinesNumber) */
	u32 ctlr;      /* VGIC_CTLR_* */
	bool hw_lrs;   /* HW list entries may carry physical interrupts (else release entries) */
	u32 owned[VGIC_WORDS];
	u32 spi_bits[VGIC_NR_FIELDS][VGIC_WORDS];
	u8 priority[VGIC_NR_INTIDS];
	u8 target[VGIC_NR_INTIDS]; /* vCPU the SPI is delivered to, or VGIC_NO_VCPU */
	u8 holder[VGIC_NR_INTIDS]; /* vCPU whose list registers hold it, or VGIC_NO_VCPU */
	u32 route[VGIC_NR_INTIDS]; /* as written: ITARGETSR byte (v2) or IROUTER Aff3..0 */
	u32 route_irm[VGIC_WORDS]; /* IROUTER.IRM */
	u32 rerouted[VGIC_WORDS];  /* owned SPIs whose target changed, to route physically */
	/*
	 * Summaries, one bit per word of the SPI bitmaps (bit w: INTIDs 32w..32w+31),
	 * so the per-exit work looks only at words where something happened:
	 * spi_live covers every word with a pending or active bit (a superset,
	 * narrowed by vgic_model_fill), release_words every word of
	 * spi_bits[VGIC_F_RELEASE] with a bit set, rerouted_words every word of
	 * rerouted with a bit set.
	 */
	u32 spi_live;
	u32 release_words;
	u32 rerouted_words;
	u64 kick; /* vCPUs whose list registers must be refilled */
	struct vgic_private cpu[VGIC_MAX_VCPUS];
	u32 line[VGIC_MAX_VCPUS]; /* PPIs whose level line is asserted, not taken yet (reads) */
	u8 sgi_listed_source[VGIC_MAX_VCPUS][VGIC_NR_SGIS]; /* sender of a listed pending SGI */
	u32 level[VGIC_WORDS]; /* SPIs whose virtual line is high (vgic_model_set_level) */
};

/*
 * Builds a GICv<version> model for nr_vcpus vCPUs owning the given SPIs,
 * with nr_intids INTIDs implemented (rounded up to 32, at most 1020).
 * Everything at reset state: SPIs routed to vCPU 0. -EINVAL when version is
 * not 2 or 3, nr_vcpus is 0 or above VGIC_MAX_VCPUS (8 for GICv2), or an
 * SPI is below 32 or not implemented.
 */
int vgic_model_init(struct vgic_model *m, unsigned int version, unsigned int nr_vcpus,
		    u32 nr_intids, const u32 *owned, unsigned int nr_owned);

/*
 * Whether a physical interrupt in flight may be listed with HW = 1, so the
 * guest's deactivation deactivates it (the default). Off: it is listed as a
 * release entry (HW = 0, EOI maintenance) and the glue deactivates it when
 * the guest has, from the maintenance interrupt.
 */
void vgic_model_set_hw_lrs(struct vgic_model *m, bool on);

/* Back to reset state; ownership, vCPU count and INTID count stay. */
void vgic_model_reset(struct vgic_model *m);

/* The VM owns intid: every SGI and PPI, and the SPIs of its layout. */
bool vgic_model_owns(const struct vgic_model *m, u32 intid);

/* State queries, for tests and the glue: pending as the guest sees it. */
bool vgic_model_test(const struct vgic_model *m, unsigned int vcpu, enum vgic_field f, u32 intid);
bool vgic_model_pending(const struct vgic_model *m, unsigned int vcpu, u32 intid);
u8 vgic_model_priority(const struct vgic_model *m, unsigned int vcpu, u32 intid);

/* The vCPU an SPI is delivered to (VGIC_NO_VCPU when none). */
unsigned int vgic_model_target(const struct vgic_model *m, u32 intid);

/*
 * A physical interrupt (SPI, or a PPI of vcpu) fired and its priority was
 * dropped: make it pending with hw set, so the guest's deactivation
 * deactivates it. False (and no change) when the VM does not own it.
 */
bool vgic_model_inject_hw(struct vgic_model *m, unsigned int vcpu, u32 intid);

/*
 * The line of a level-sensitive physical interrupt in flight (a timer PPI
 * of vcpu, or an SPI) is low again: the pending state it caused goes, as a
 * GIC clears a level interrupt's pending state when its line drops; the
 * physical interrupt is released (now, or when the list registers are
 * folded). An active instance stays active. False when nothing changed:
 * it was not pending from the hardware.
 */
bool vgic_model_line_low(struct vgic_model *m, unsigned int vcpu, u32 intid);

/*
 * Whether intid's pending state came from its physical line: what
 * vgic_model_line_low would withdraw (pending and in flight, or listed
 * pending with the physical interrupt).
 */
bool vgic_model_pending_from_line(const struct vgic_model *m, unsigned int vcpu, u32 intid);

/* The same for all PPIs of vcpu at once: bit n for INTID n. */
u32 vgic_model_ppis_pending_from_line(const struct vgic_model *m, unsigned int vcpu);

/*
 * For register reads only: whether the line of a level-sensitive PPI of
 * vcpu is asserted while its physical interrupt has not reached the
 * hypervisor yet (it will be injected when it does). Such an interrupt
 * reads pending, as on a GIC that samples the line.
 */
void vgic_model_set_line_level(struct vgic_model *m, unsigned int vcpu, u32 intid, bool asserted);

/*
 * vcpu restarts (CPU_ON, its first boot): nothing of it is active any more.
 * Its in-flight PPIs are forgotten (the caller deactivates them; a line
 * still asserted fires again), SPIs it held active are released.
 */
void vgic_model_vcpu_restart(struct vgic_model *m, unsigned int vcpu);

/*
 * The virtual line of SPI intid, which a virtual device drives, is now high
 * or low. Configured level-sensitive (GICD_ICFGR, the reset value), the SPI
 * is pending while its line is high, as a GIC's level interrupt: pending
 * when the line rises, also while the guest holds it active (active and
 * pending), so that it comes again once the guest deactivates it; no longer
 * pending once the line drops (an active instance stays active). A list
 * register entry of it asks for EOI maintenance while the line is high, so
 * the model sees the guest deactivate it. Configured edge-triggered, only a
 * rising line makes it pending. False (and no change) for an interrupt that
 * is not an SPI the VM owns. Reset lowers every line.
 */
bool vgic_model_set_level(struct vgic_model *m, u32 intid, bool high);

/* A virtual edge: SGI intid from vCPU source, or any owned interrupt. */
bool vgic_model_raise(struct vgic_model *m, unsigned int vcpu, u32 intid, unsigned int source);

/* --- Registers shared by the distributor and redistributor front ends. --- */

/*
 * One 32-bit word of a bit-per-INTID register covering first..first+31;
 * vcpu is the vCPU whose SGIs and PPIs word 0 names. sgi_pend_writes says
 * whether ISPENDR/ICPENDR may set or clear SGIs (GICv3; GICv2 ignores them).
 */
enum vgic_result vgic_model_bits_access(struct vgic_model *m, unsigned int vcpu,
					enum vgic_bit_reg reg, u32 first, bool is_write,
					bool sgi_pend_writes, u32 *value);

/* IPRIORITYR: width 1 or 4 bytes starting at INTID intid. */
enum vgic_result vgic_model_priority_access(struct vgic_model *m, unsigned int vcpu, u32 intid,
					    unsigned int width, bool is_write, u32 *value);

/* ICFGR word covering first..first+15 (2 bits each; bit 1 set = edge). */
enum vgic_result vgic_model_config_access(struct vgic_model *m, unsigned int vcpu, u32 first,
					  bool is_write, u32 *value);

/*
 * GICv2 ITARGETSR, width 1 or 4 starting at intid (SPIs only: the
 * SGI/PPI bytes are the front end's). Bits for vCPUs that do not exist
 * are read-as-zero, write-ignored; the lowest set bit receives it.
 */
enum vgic_result vgic_model_targets_access(struct vgic_model *m, u32 intid, unsigned int width,
					   bool is_write, u32 *value);

/* GICv3 IROUTER of one SPI, the full 64-bit value. */
enum vgic_result vgic_model_router_access(struct vgic_model *m, u32 intid, bool is_write,
					  u64 *value);

/* The vCPU whose affinity is aff (Aff3..Aff0 packed in 32 bits), or VGIC_NO_VCPU. */
unsigned int vgic_model_vcpu_by_affinity(const struct vgic_model *m, u32 aff);

/* GICv2 GICD_SPENDSGIR/CPENDSGIR: SGI sgi's pending senders on vcpu. */
u8 vgic_model_sgi_sources(const struct vgic_model *m, unsigned int vcpu, u32 sgi);
void vgic_model_sgi_sources_write(struct vgic_model *m, unsigned int vcpu, u32 sgi, u8 set,
				  u8 clear);

/* --- List registers. --- */

/*
 * Takes back the n entries vcpu's list registers held (each with the state
 * read back from the hardware); afterwards nothing of vcpu is listed.
 */
void vgic_model_fold(struct vgic_model *m, unsigned int vcpu, const struct vgic_lr *lrs,
		     unsigned int n);

/*
 * Chooses what vcpu's max list registers should hold: its active
 * interrupts first, then its pending, enabled interrupts of enabled groups
 * by priority, then INTID. Returns the number of entries written to lrs
 * (best first); *overflow tells whether anything deliverable was left out.
 */
unsigned int vgic_model_fill(struct vgic_model *m, unsigned int vcpu, struct vgic_lr *lrs,
			     unsigned int max, bool *overflow);

/*
 * The one-interrupt path, lock-free on vcpu's own CPU: a private interrupt
 * of vcpu goes straight into a list register, pending: PPI intid that
 * fired physically (its priority dropped), carrying the physical interrupt
 * (HW = 1, or a release entry without HW list entries), or SGI intid from
 * vCPU source. lrs[0..n) are what vcpu's max list registers hold; an entry
 * of intid among them must carry the state the hardware holds now. The
 * entry goes where intid's last one was, if the guest is done with it
 * (state 0, no release pending), else to lrs[n]. It may only when nothing
 * else of intid is in the model (not pending, active, in flight or
 * cancelled) and it is enabled in an enabled group; then it is noted
 * listed exactly as vgic_model_fill would have left it, and the list
 * register's index is returned. Otherwise (-1) nothing changes: the
 * caller goes the long way (vgic_model_inject_hw or vgic_model_raise, and
 * a fill). Writes only words of vcpu's private state that no other CPU
 * writes (the LISTED fields, the listed SGI's sender).
 */
int vgic_model_list_private(struct vgic_model *m, unsigned int vcpu, u32 intid, unsigned int source,
			    struct vgic_lr *lrs, unsigned int n, unsigned int max);

/*
 * vgic_model_list_private in two halves, for a caller that prepares the
 * listing ahead (vgic.c keeps one per timer): peek answers the slot and
 * the entry that call would write, changing nothing; commit notes entry e
 * of vcpu listed as it would (the LISTED fields, an SGI's sender). Peek's
 * answer holds until the model or the list registers change; committing
 * an entry that is listed already, unchanged since its commit, changes
 * nothing.
 */
int vgic_model_peek_private(const struct vgic_model *m, unsigned int vcpu, u32 intid,
			    unsigned int source, const struct vgic_lr *lrs, unsigned int n,
			    unsigned int max, struct vgic_lr *entry);
void vgic_model_commit_private(struct vgic_model *m, unsigned int vcpu, const struct vgic_lr *e);

/*
 * vgic_model_commit_private of a PPI entry vgic_model_peek_private gave for
 * vcpu (so both are valid), inline for the timers' prepared listings.
 */
static inline void vgic_model_commit_ppi(struct vgic_model *m, unsigned int vcpu, u32 intid)
{
	u32 *b = m->cpu[vcpu].bits;
	u32 bit = 1u << intid;

	b[VGIC_F_LISTED] |= bit;
	b[VGIC_F_LISTED_P] |= bit;
	b[VGIC_F_LISTED_A] &= ~bit;
	b[VGIC_F_LISTED_HW] |= bit;
}

/*
 * Work the model left for the glue: the vCPUs to refill (bit n = vCPU n),
 * SPIs and vcpu's PPIs to deactivate physically, SPIs to route again.
 * Each call takes and clears what it returns.
 */
u64 vgic_model_take_kick(struct vgic_model *m);
u32 vgic_model_take_spi_release(struct vgic_model *m); /* one INTID, 0 when none */
u32 vgic_model_take_private_release(struct vgic_model *m, unsigned int vcpu); /* mask */
u32 vgic_model_take_rerouted(struct vgic_model *m);			      /* one INTID or 0 */

/* --- Register front ends (vgic_v2_dist.c, vgic_v3_dist.c), pure as well. --- */

/* GICv2 distributor map (4 KiB): vcpu is the accessing vCPU (banked registers). */
#define VGIC_V2_DIST_SIZE 0x1000u
enum vgic_result vgic_v2_dist_access(struct vgic_model *m, unsigned int vcpu, u64 offset,
				     unsigned int width, bool is_write, u32 *value);

/* GICv3 distributor map (64 KiB). */
#define VGIC_V3_DIST_SIZE 0x10000u
enum vgic_result vgic_v3_dist_access(struct vgic_model *m, unsigned int vcpu, u64 offset,
				     unsigned int width, bool is_write, u64 *value);

/*
 * GICv3 redistributors: one RD_base + SGI_base pair (128 KiB) per vCPU, vCPU
 * n's at n * VGIC_V3_REDIST_STRIDE; offset is from the first frame.
 */
#define VGIC_V3_REDIST_STRIDE 0x20000u
enum vgic_result vgic_v3_redist_access(struct vgic_model *m, u64 offset, unsigned int width,
				       bool is_write, u64 *value);

/*
 * The guest on vCPU sender wrote value to ICC_SGI1R_EL1: SGIs made pending
 * on their targets (their kick bits set). False when the value names a vCPU
 * that does not exist (the others still get it).
 */
bool vgic_v3_sgi1r(struct vgic_model *m, unsigned int sender, u64 value);

/*
 * The same decoded without changing the model: *targets gets the vCPUs
 * (bit n = vCPU n) the value names, vgic_v3_sgi_intid the SGI.
 */
bool vgic_v3_sgi1r_targets(const struct vgic_model *m, unsigned int sender, u64 value,
			   u64 *targets);
#define vgic_v3_sgi_intid(value) ((u32)(((value) >> 24) & 0xfu))

#endif /* DRIVERS_IRQCHIP_VGIC_MODEL_H */
