/* SPDX-License-Identifier: Apache-2.0 */
/* The GICv3 distributor and redistributor maps and ICC_SGI1R_EL1, decoded onto the pure model. */
#include "vgic_model.h"

/* Distributor. */
#define GICD_CTLR	0x0000u
#define GICD_TYPER	0x0004u
#define GICD_IIDR	0x0008u
#define GICD_TYPER2	0x000cu
#define GICD_STATUSR	0x0010u
#define GICD_IGROUPR	0x0080u
#define GICD_IPRIORITYR 0x0400u
#define GICD_ITARGETSR	0x0800u
#define GICD_ICFGR	0x0c00u
#define GICD_IGRPMODR	0x0d00u
#define GICD_NSACR	0x0e00u
#define GICD_IROUTER	0x6000u /* + 8 * INTID, from INTID 32 */
#define GICD_ID_START	0xffd0u
#define GICD_PIDR2	0xffe8u

#define GICD_CTLR_ARE	   (1u << 4)
#define GICD_CTLR_DS	   (1u << 6)
#define GICD_TYPER_CPUS	   5
#define GICD_TYPER_IDBITS  19
#define GICD_PIDR2_ARCH_V3 0x30u

/* Redistributor RD_base frame. */
#define GICR_CTLR      0x0000u
#define GICR_IIDR      0x0004u
#define GICR_TYPER     0x0008u
#define GICR_STATUSR   0x0010u
#define GICR_WAKER     0x0014u
#define GICR_PROPBASER 0x0070u
#define GICR_PENDBASER 0x0078u
#define GICR_SGI_BASE  0x10000u

#define GICR_TYPER_LAST		 (1u << 4)
#define GICR_TYPER_PROCNUM_SHIFT 8
#define GICR_WAKER_SLEEP	 (1u << 1)
#define GICR_WAKER_CHILDREN	 (1u << 2)

/* Redistributor SGI_base frame (offsets within it). */
#define GICR_IGROUPR0	0x0080u
#define GICR_ICACTIVER0 0x0380u
#define GICR_IPRIORITYR 0x0400u
#define GICR_ICFGR0	0x0c00u
#define GICR_ICFGR1	0x0c04u
#define GICR_IGRPMODR0	0x0d00u
#define GICR_NSACR	0x0e00u

/* ICC_SGI1R_EL1 fields. */
#define SGI1R_TARGETS(v) ((u32)((v)&0xffffu))
#define SGI1R_AFF1(v)	 ((u32)(((v) >> 16) & 0xffu))
#define SGI1R_INTID(v)	 ((u32)(((v) >> 24) & 0xfu))
#define SGI1R_AFF2(v)	 ((u32)(((v) >> 32) & 0xffu))
#define SGI1R_IRM	 (1ull << 40)
#define SGI1R_RS(v)	 ((u32)(((v) >> 44) & 0xfu))
#define SGI1R_AFF3(v)	 ((u32)(((v) >> 48) & 0xffu))

static const enum vgic_bit_reg bit_regs[] = {
    VGIC_REG_IGROUPR, VGIC_REG_ISENABLER, VGIC_REG_ICENABLER, VGIC_REG_ISPENDR,
    VGIC_REG_ICPENDR, VGIC_REG_ISACTIVER, VGIC_REG_ICACTIVER,
};

/* Reserved offsets: RAZ/WI (the GIC specifications make reserved registers RES0). */
static enum vgic_result reserved(bool is_write, u64 *value)
{
	if (!is_write)
		*value = 0;
	return VGIC_OK;
}

static enum vgic_result read_only(bool is_write, u64 *value, u64 content)
{
	if (!is_write)
		*value = content;
	return VGIC_OK;
}

/* A 32-bit model register through a 64-bit value. */
static enum vgic_result narrow(enum vgic_result (*fn)(struct vgic_model *, unsigned int, u32,
						      unsigned int, bool, u32 *),
			       struct vgic_model *m, unsigned int vcpu, u32 arg, unsigned int width,
			       bool is_write, u64 *value)
{
	u32 v = (u32)*value;
	enum vgic_result r = fn(m, vcpu, arg, width, is_write, &v);

	if (!is_write && r == VGIC_OK)
		*value = v;
	return r;
}

static enum vgic_result bits_access(struct vgic_model *m, unsigned int vcpu, u32 reg_offset,
				    u32 first, bool is_write, u64 *value)
{
	u32 v = (u32)*value;
	enum vgic_result r = vgic_model_bits_access(m, vcpu, bit_regs[reg_offset / 0x80u], first,
						    is_write, true, &v);

	if (!is_write && r == VGIC_OK)
		*value = v;
	return r;
}

static enum vgic_result config_access(struct vgic_model *m, unsigned int vcpu, u32 first,
				      bool is_write, u64 *value)
{
	u32 v = (u32)*value;
	enum vgic_result r = vgic_model_config_access(m, vcpu, first, is_write, &v);

	if (!is_write && r == VGIC_OK)
		*value = v;
	return r;
}

/* IROUTER, as one 64-bit register or either 32-bit half. */
static enum vgic_result router_access(struct vgic_model *m, u32 off, unsigned int width,
				      bool is_write, u64 *value)
{
	u32 intid = (off - GICD_IROUTER) / 8u;
	bool high = (off % 8u) != 0;
	u64 whole;
	enum vgic_result r;

	if (width == 8)
		return vgic_model_router_access(m, intid, is_write, value);
	r = vgic_model_router_access(m, intid, false, &whole);
	if (r != VGIC_OK)
		return r;
	if (!is_write) {
		*value = high ? whole >> 32 : whole & 0xffffffffu;
		return VGIC_OK;
	}
	if (high)
		whole = (whole & 0xffffffffu) | (*value << 32);
	else
		whole = (whole & ~0xffffffffull) | (*value & 0xffffffffu);
	return vgic_model_router_access(m, intid, true, &whole);
}

static u64 all_vcpus(const struct vgic_model *m)
{
	return m->nr_vcpus >= 64u ? ~0ull : (1ull << m->nr_vcpus) - 1u;
}

/* Priority model access with the vCPU argument order narrow() expects. */
static enum vgic_result priority_fn(struct vgic_model *m, unsigned int vcpu, u32 intid,
				    unsigned int width, bool is_write, u32 *value)
{
	return vgic_model_priority_access(m, vcpu, intid, width, is_write, value);
}

static u32 dist_typer(const struct vgic_model *m)
{
	return (m->nr_intids / 32u - 1u) |
	       (((m->nr_vcpus > 8u ? 8u : m->nr_vcpus) - 1u) << GICD_TYPER_CPUS) |
	       (9u << GICD_TYPER_IDBITS); /* 10 INTID bits: no LPIs */
}

enum vgic_result vgic_v3_dist_access(struct vgic_model *m, unsigned int vcpu, u64 offset,
				     unsigned int width, bool is_write, u64 *value)
{
	u32 off;
	bool bytes, router;

	if (vcpu >= m->nr_vcpus || offset >= VGIC_V3_DIST_SIZE)
		return VGIC_BAD_ACCESS;
	off = (u32)offset;
	/* The identification words guests read most: straight to their answer. */
	if (width == 4 && !is_write) {
		switch (off) {
		case GICD_TYPER:
			*value = dist_typer(m);
			return VGIC_OK;
		case GICD_IIDR:
		case GICD_TYPER2:
		case GICD_STATUSR:
			*value = 0;
			return VGIC_OK;
		default:
			break;
		}
	}
	bytes = off >= GICD_IPRIORITYR && off < GICD_ICFGR;
	router = off >= GICD_IROUTER + 8u * VGIC_NR_PRIVATE && off < GICD_IROUTER + 8u * 1020u;
	if (!(width == 4 || (width == 1 && bytes) || (width == 8 && router)) || off % width)
		return VGIC_BAD_ACCESS;
	if (!is_write)
		*value = 0;

	if (off == GICD_CTLR) {
		if (!is_write) {
			*value = m->ctlr | GICD_CTLR_ARE | GICD_CTLR_DS;
			return VGIC_OK;
		}
		/* Affinity routing and the single security state are fixed. */
		m->ctlr = (u32)*value & (VGIC_CTLR_GRP0 | VGIC_CTLR_GRP1);
		m->kick |= all_vcpus(m);
		return VGIC_OK;
	}
	if (off == GICD_TYPER)
		return read_only(is_write, value, dist_typer(m));
	if (off == GICD_IIDR || off == GICD_TYPER2 || off == GICD_STATUSR)
		return read_only(is_write, value, 0);
	if (off >= GICD_IGROUPR && off < GICD_IPRIORITYR) {
		u32 first = ((off % 0x80u) / 4u) * 32u;

		/* With affinity routing SGIs and PPIs live in the redistributors. */
		if (first == 0)
			return read_only(is_write, value, 0);
		return bits_access(m, vcpu, off - GICD_IGROUPR, first, is_write, value);
	}
	if (bytes && off < GICD_ITARGETSR) {
		if (off - GICD_IPRIORITYR < VGIC_NR_PRIVATE)
			return read_only(is_write, value, 0);
		return narrow(priority_fn, m, vcpu, off - GICD_IPRIORITYR, width, is_write, value);
	}
	if (bytes) /* ITARGETSR: RAZ/WI under affinity routing */
		return read_only(is_write, value, 0);
	if (off >= GICD_ICFGR && off < GICD_ICFGR + 0x100u) {
		u32 first = (off - GICD_ICFGR) / 4u * 16u;

		if (first < VGIC_NR_PRIVATE)
			return read_only(is_write, value, 0);
		return config_access(m, vcpu, first, is_write, value);
	}
	if (off >= GICD_IGRPMODR && off < GICD_NSACR + 0x100u)
		return read_only(is_write, value, 0);
	if (router)
		return router_access(m, off, width, is_write, value);
	if (off >= GICD_ID_START)
		return read_only(is_write, value, off == GICD_PIDR2 ? GICD_PIDR2_ARCH_V3 : 0);
	return reserved(is_write, value);
}

static u64 redist_typer(const struct vgic_model *m, unsigned int vcpu)
{
	u64 typer = (u64)VGIC_VCPU_AFFINITY(vcpu) << 32;

	typer |= (u64)vcpu << GICR_TYPER_PROCNUM_SHIFT;
	if (vcpu + 1u == m->nr_vcpus)
		typer |= GICR_TYPER_LAST;
	return typer;
}

static enum vgic_result rd_frame_access(struct vgic_model *m, unsigned int vcpu, u32 off,
					unsigned int width, bool is_write, u64 *value)
{
	if (width == 8 && off != GICR_TYPER && off != GICR_PROPBASER && off != GICR_PENDBASER)
		return VGIC_BAD_ACCESS;
	switch (off) {
	case GICR_CTLR:
	case GICR_IIDR:
	case GICR_STATUSR:
	case GICR_PROPBASER:
	case GICR_PROPBASER + 4u:
	case GICR_PENDBASER:
	case GICR_PENDBASER + 4u:
		/* No LPIs: nothing to enable, no tables to point at. */
		return read_only(is_write, value, 0);
	case GICR_TYPER:
		return read_only(is_write, value,
				 width == 8 ? redist_typer(m, vcpu)
					    : redist_typer(m, vcpu) & 0xffffffffu);
	case GICR_TYPER + 4u:
		return read_only(is_write, value, redist_typer(m, vcpu) >> 32);
	case GICR_WAKER:
		if (is_write) {
			m->cpu[vcpu].asleep = (*value & GICR_WAKER_SLEEP) != 0;
			return VGIC_OK;
		}
		*value = m->cpu[vcpu].asleep ? (GICR_WAKER_SLEEP | GICR_WAKER_CHILDREN) : 0;
		return VGIC_OK;
	default:
		break;
	}
	if (off >= GICD_ID_START && off < 0x10000u)
		return read_only(is_write, value, off == GICD_PIDR2 ? GICD_PIDR2_ARCH_V3 : 0);
	return reserved(is_write, value);
}

static enum vgic_result sgi_frame_access(struct vgic_model *m, unsigned int vcpu, u32 off,
					 unsigned int width, bool is_write, u64 *value)
{
	bool bytes = off >= GICR_IPRIORITYR && off < GICR_IPRIORITYR + VGIC_NR_PRIVATE;

	if (!(width == 4 || (width == 1 && bytes)))
		return VGIC_BAD_ACCESS;
	if (off >= GICR_IGROUPR0 && off <= GICR_ICACTIVER0 && off % 0x80u == 0)
		return bits_access(m, vcpu, off - GICR_IGROUPR0, 0, is_write, value);
	if (bytes)
		return narrow(priority_fn, m, vcpu, off - GICR_IPRIORITYR, width, is_write, value);
	if (off == GICR_ICFGR0 || off == GICR_ICFGR1)
		return config_access(m, vcpu, (off - GICR_ICFGR0) / 4u * 16u, is_write, value);
	if (off == GICR_IGRPMODR0 || off == GICR_NSACR)
		return read_only(is_write, value, 0);
	return reserved(is_write, value);
}

enum vgic_result vgic_v3_redist_access(struct vgic_model *m, u64 offset, unsigned int width,
				       bool is_write, u64 *value)
{
	unsigned int vcpu = (unsigned int)(offset / VGIC_V3_REDIST_STRIDE);
	u32 off = (u32)(offset % VGIC_V3_REDIST_STRIDE);

	if (vcpu >= m->nr_vcpus || (width != 4 && width != 8 && width != 1) || off % width)
		return VGIC_BAD_ACCESS;
	if (!is_write)
		*value = 0;
	if (off < GICR_SGI_BASE)
		return width == 1 ? VGIC_BAD_ACCESS
				  : rd_frame_access(m, vcpu, off, width, is_write, value);
	return sgi_frame_access(m, vcpu, off - GICR_SGI_BASE, width, is_write, value);
}

bool vgic_v3_sgi1r_targets(const struct vgic_model *m, unsigned int sender, u64 value, u64 *targets)
{
	u32 aff_high =
	    (SGI1R_AFF3(value) << 24) | (SGI1R_AFF2(value) << 16) | (SGI1R_AFF1(value) << 8);
	u32 list = SGI1R_TARGETS(value);
	bool all_exist = true;

	*targets = 0;
	if (sender >= m->nr_vcpus)
		return false;
	if (value & SGI1R_IRM) {
		/* Every PE but the sender. */
		*targets = all_vcpus(m) & ~(1ull << sender);
		return true;
	}
	while (list) {
		u32 bit = (u32)__builtin_ctz(list);
		unsigned int n =
		    vgic_model_vcpu_by_affinity(m, aff_high | (SGI1R_RS(value) * 16u + bit));

		list &= list - 1u;
		if (n == VGIC_NO_VCPU)
			all_exist = false;
		else
			*targets |= 1ull << n;
	}
	return all_exist;
}

bool vgic_v3_sgi1r(struct vgic_model *m, unsigned int sender, u64 value)
{
	u64 targets;
	bool all_exist = vgic_v3_sgi1r_targets(m, sender, value, &targets);

	while (targets) {
		unsigned int n = (unsigned int)__builtin_ctzll(targets);

		targets &= targets - 1u;
		vgic_model_raise(m, n, SGI1R_INTID(value), 0);
	}
	return all_exist;
}
