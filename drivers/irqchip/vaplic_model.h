/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A register-level model of one VM's virtual APLIC interrupt domain in
 * direct delivery mode (RISC-V AIA), with no hypervisor dependencies, so the
 * host unit tests drive exactly the code the hypervisor runs.
 *
 * The domain is a supervisor-level leaf domain with one IDC structure per
 * vCPU: hart index n is vCPU n. Guest source numbers are the physical ones;
 * every source the VM does not own appears unimplemented (its sourcecfg,
 * target, pending and enable bits read as zero and ignore writes). A model
 * is built for one delivery mode, which domaincfg.DM shows read-only:
 * direct (the IDCs and the vCPUs' wired lines) or MSI (no IDCs; a pending
 * enabled source is forwarded once as an MSI to its target, then is no
 * longer pending). Little-endian only: domaincfg.BE is read-only zero.
 */
#ifndef DRIVERS_IRQCHIP_VAPLIC_MODEL_H
#define DRIVERS_IRQCHIP_VAPLIC_MODEL_H

#include <bulwark/types.h>

/* Source numbers the register map can name; 0 means "no interrupt". */
#define VAPLIC_NR_SOURCES 1024u
#define VAPLIC_WORDS	  (VAPLIC_NR_SOURCES / 32u)

/* IPRIOLEN = 8: priority numbers 1..255, smaller is more urgent. */
#define VAPLIC_IPRIO_MASK 0xffu

#if defined(CONFIG_NR_CPUS)
#define VAPLIC_MAX_VCPUS CONFIG_NR_CPUS
#else
#define VAPLIC_MAX_VCPUS 8
#endif

/* Register map (offsets from the domain's base), from the AIA specification. */
#define VAPLIC_DOMAINCFG    0x0000u
#define VAPLIC_SOURCECFG(i) (0x0000u + 4u * (i)) /* i = 1..1023 */
#define VAPLIC_SETIP	    0x1c00u
#define VAPLIC_SETIPNUM	    0x1cdcu
#define VAPLIC_IN_CLRIP	    0x1d00u
#define VAPLIC_CLRIPNUM	    0x1ddcu
#define VAPLIC_SETIE	    0x1e00u
#define VAPLIC_SETIENUM	    0x1edcu
#define VAPLIC_CLRIE	    0x1f00u
#define VAPLIC_CLRIENUM	    0x1fdcu
#define VAPLIC_SETIPNUM_LE  0x2000u
#define VAPLIC_SETIPNUM_BE  0x2004u
#define VAPLIC_GENMSI	    0x3000u
#define VAPLIC_TARGET(i)    (0x3000u + 4u * (i)) /* i = 1..1023 */
#define VAPLIC_IDC_BASE	    0x4000u
#define VAPLIC_IDC_STRIDE   32u
#define VAPLIC_IDELIVERY    0x00u /* within an IDC structure */
#define VAPLIC_IFORCE	    0x04u
#define VAPLIC_ITHRESHOLD   0x08u
#define VAPLIC_TOPI	    0x18u
#define VAPLIC_CLAIMI	    0x1cu

/* Register fields. */
#define VAPLIC_DOMAINCFG_RO   0x80000000u /* bits 31:24 read 0x80 */
#define VAPLIC_DOMAINCFG_IE   (1u << 8)
#define VAPLIC_DOMAINCFG_DM   (1u << 2)
#define VAPLIC_SOURCECFG_D    (1u << 10)
#define VAPLIC_SOURCECFG_SM   7u
#define VAPLIC_TARGET_HART_SH 18u
#define VAPLIC_TARGET_HART    (0x3fffu << VAPLIC_TARGET_HART_SH)
#define VAPLIC_TOPI_ID_SH     16u
/* MSI mode targets: hart index (as above), guest index (read-only 0 here), identity. */
#define VAPLIC_TARGET_GUEST (0x3fu << 12)
#define VAPLIC_TARGET_EIID  0x7ffu

/* Source modes (sourcecfg.SM). */
enum vaplic_sm {
	VAPLIC_SM_INACTIVE = 0,
	VAPLIC_SM_DETACHED = 1,
	VAPLIC_SM_EDGE1 = 4,
	VAPLIC_SM_EDGE0 = 5,
	VAPLIC_SM_LEVEL1 = 6,
	VAPLIC_SM_LEVEL0 = 7,
};

enum vaplic_result {
	VAPLIC_OK = 0,
	VAPLIC_BAD_ACCESS, /* not an aligned 32-bit access */
};

struct vaplic_idc {
	u32 idelivery;
	u32 iforce;
	u32 ithreshold;
};

struct vaplic_model {
	unsigned int nr_vcpus;
	bool msi;      /* MSI delivery mode (domaincfg.DM = 1), for good */
	u32 domaincfg; /* IE only; the read-only bits are added on reads */
	/* Words of the bitmaps below holding an owned source: one past the last. */
	u32 owned_words;
	u32 owned[VAPLIC_WORDS];
	u32 active[VAPLIC_WORDS];   /* owned and sourcecfg.SM not Inactive */
	u32 level[VAPLIC_WORDS];    /* active in Level1 or Level0 */
	u32 edge[VAPLIC_WORDS];	    /* active in Edge1 or Edge0 */
	u32 inverted[VAPLIC_WORDS]; /* Edge0 or Level0 */
	u32 wire[VAPLIC_WORDS];	    /* the incoming wire of each source */
	u32 pending[VAPLIC_WORDS];
	u32 enable[VAPLIC_WORDS];
	u32 target[VAPLIC_NR_SOURCES]; /* hart index << 18 | IPRIO */
	u8 sm[VAPLIC_NR_SOURCES];
	struct vaplic_idc idc[VAPLIC_MAX_VCPUS];
};

/*
 * Builds a model for nr_vcpus vCPUs owning the given sources, at reset
 * (every source Inactive, IE 0, every IDC zero). Returns 0, or -EINVAL when
 * nr_vcpus is 0 or above VAPLIC_MAX_VCPUS or a source is 0 or not below
 * VAPLIC_NR_SOURCES.
 */
int vaplic_model_init(struct vaplic_model *m, unsigned int nr_vcpus, const u32 *owned,
		      unsigned int nr_owned);

/* vaplic_model_init, for a domain in MSI delivery mode. */
int vaplic_model_init_msi(struct vaplic_model *m, unsigned int nr_vcpus, const u32 *owned,
			  unsigned int nr_owned);

/* Back to reset state; the owned sources and the vCPU count stay, every wire goes low. */
void vaplic_model_reset(struct vaplic_model *m);

bool vaplic_model_owns(const struct vaplic_model *m, u32 src);

/* The size of the register window for nr_vcpus IDC structures. */
static inline u64 vaplic_model_window_size(unsigned int nr_vcpus)
{
	return VAPLIC_IDC_BASE + (u64)VAPLIC_IDC_STRIDE * nr_vcpus;
}

/*
 * Whether an access at offset can change the model: every write, and a
 * read of a claimi register. Other reads can be answered by
 * vaplic_model_access() without moving any line.
 */
static inline bool vaplic_model_access_changes_state(u64 offset, bool is_write)
{
	return is_write ||
	       (offset >= VAPLIC_IDC_BASE && (offset % VAPLIC_IDC_STRIDE) == VAPLIC_CLAIMI);
}

/*
 * One guest access at offset from the window base. For a read, *value
 * receives the register; for a write, *value is what the guest wrote.
 * Nothing changes unless the result is VAPLIC_OK.
 */
enum vaplic_result vaplic_model_access(struct vaplic_model *m, u64 offset, unsigned int width,
				       bool is_write, u32 *value);

/*
 * The incoming wire of source src is now high or low (a virtual device or a
 * pass-through device drives it). Edge sources become pending on the edge
 * their mode names; level sources are pending exactly while the rectified
 * input is high. False (and no change) when not owned.
 */
bool vaplic_model_set_wire(struct vaplic_model *m, u32 src, bool high);

/*
 * An event with no wire level behind it (an IPC doorbell): the source
 * becomes pending if it is active, whatever its mode; a claim consumes it
 * (for a level source, only while its rectified input is low). False (and
 * no change) when not owned.
 */
bool vaplic_model_raise(struct vaplic_model *m, u32 src);

/*
 * MSI mode: if source src is pending, enabled and active with the domain's
 * IE set, it is forwarded now: true, its pending bit cleared, *hart and
 * *eiid set from its target (the caller sends the MSI when the hart is one
 * of the VM's vCPUs and eiid is not 0). False, and no change, otherwise.
 */
bool vaplic_model_msi_take(struct vaplic_model *m, u32 src, u32 *hart, u32 *eiid);

/*
 * MSI mode: whether vaplic_model_raise(src) would be forwarded at once and
 * leave the source as it is (IE set, active, enabled, not pending): true,
 * with *hart and *eiid from its target.
 */
bool vaplic_model_msi_direct(const struct vaplic_model *m, u32 src, u32 *hart, u32 *eiid);

/*
 * MSI mode: the lowest source at or above from that vaplic_model_msi_take
 * would forward, or 0. Only the words holding owned sources are looked at.
 */
u32 vaplic_model_msi_next(const struct vaplic_model *m, u32 from);

/* topi of vCPU vcpu: identity << 16 | priority, 0 when nothing qualifies. */
u32 vaplic_model_topi(const struct vaplic_model *m, unsigned int vcpu);

/* Whether vCPU n's external interrupt line is asserted (IE, idelivery, and iforce or topi). */
bool vaplic_model_line(const struct vaplic_model *m, unsigned int vcpu);

/* vaplic_model_line() for every vCPU: bit n is vCPU n. */
u64 vaplic_model_lines(const struct vaplic_model *m);

/* The IDC structure an offset falls in, for a vCPU of the VM: true and *vcpu set. */
static inline bool vaplic_model_idc(const struct vaplic_model *m, u64 offset, unsigned int *vcpu)
{
	u64 n;

	if (offset < VAPLIC_IDC_BASE)
		return false;
	n = (offset - VAPLIC_IDC_BASE) / VAPLIC_IDC_STRIDE;
	if (n >= m->nr_vcpus)
		return false;
	*vcpu = (unsigned int)n;
	return true;
}

#endif /* DRIVERS_IRQCHIP_VAPLIC_MODEL_H */
