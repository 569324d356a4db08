/* SPDX-License-Identifier: Apache-2.0 */
/* The GICv2 distributor register map, decoded onto the pure virtual GIC model. */
#include "vgic_model.h"

#define GICD_CTLR	0x000u
#define GICD_TYPER	0x004u
#define GICD_IIDR	0x008u
#define GICD_IGROUPR	0x080u
#define GICD_ISENABLER	0x100u
#define GICD_ICENABLER	0x180u
#define GICD_ISPENDR	0x200u
#define GICD_ICPENDR	0x280u
#define GICD_ISACTIVER	0x300u
#define GICD_ICACTIVER	0x380u
#define GICD_IPRIORITYR 0x400u
#define GICD_ITARGETSR	0x800u
#define GICD_ICFGR	0xc00u
#define GICD_NSACR	0xe00u
#define GICD_SGIR	0xf00u
#define GICD_CPENDSGIR	0xf10u
#define GICD_SPENDSGIR	0xf20u
#define GICD_ID_START	0xfd0u
#define GICD_PIDR2	0xfe8u

#define GICD_TYPER_CPUS_SHIFT 5
#define GICD_PIDR2_ARCH_V2    0x20u

#define SGIR_FILTER_LIST   0u
#define SGIR_FILTER_OTHERS 1u
#define SGIR_FILTER_SELF   2u

/* Reserved offsets: RAZ/WI (the GIC specifications make reserved registers RES0). */
static enum vgic_result reserved(bool is_write, u32 *value)
{
	if (!is_write)
		*value = 0;
	return VGIC_OK;
}

static enum vgic_result read_only(bool is_write, u32 *value, u32 content)
{
	if (!is_write)
		*value = content;
	return VGIC_OK;
}

static u32 vcpus_mask(const struct vgic_model *m)
{
	return m->nr_vcpus >= 8u ? 0xffu : (1u << m->nr_vcpus) - 1u;
}

static enum vgic_result sgir_write(struct vgic_model *m, unsigned int vcpu, u32 value)
{
	u32 sgi = value & 0xfu;
	u32 targets;

	switch ((value >> 24) & 3u) {
	case SGIR_FILTER_LIST:
		targets = (value >> 16) & 0xffu;
		break;
	case SGIR_FILTER_OTHERS:
		targets = ~(1u << vcpu);
		break;
	case SGIR_FILTER_SELF:
		targets = 1u << vcpu;
		break;
	default:
		return VGIC_OK; /* reserved filter: the GIC sends nothing */
	}
	/* CPU interfaces that do not exist are not there to receive it. */
	targets &= vcpus_mask(m);
	for (unsigned int n = 0; n < m->nr_vcpus; n++)
		if (targets & (1u << n))
			vgic_model_raise(m, n, sgi, vcpu);
	return VGIC_OK;
}

/* GICD_CPENDSGIR / GICD_SPENDSGIR: one byte of sender bits per SGI. */
static enum vgic_result sgi_pending_access(struct vgic_model *m, unsigned int vcpu, u32 first_sgi,
					   unsigned int width, bool is_write, bool set, u32 *value)
{
	u32 result = 0;

	for (u32 i = 0; i < width; i++) {
		u32 sgi = first_sgi + i;
		u8 bits = (u8)((*value >> (8u * i)) & vcpus_mask(m));

		if (!is_write) {
			result |= (u32)vgic_model_sgi_sources(m, vcpu, sgi) << (8u * i);
			continue;
		}
		if (bits)
			vgic_model_sgi_sources_write(m, vcpu, sgi, set ? bits : 0, set ? 0 : bits);
	}
	if (!is_write)
		*value = result;
	return VGIC_OK;
}

static bool byte_accessible(u64 offset)
{
	return (offset >= GICD_IPRIORITYR && offset < GICD_ICFGR) ||
	       (offset >= GICD_CPENDSGIR && offset < GICD_SPENDSGIR + 16u);
}

static u32 dist_typer(const struct vgic_model *m)
{
	return (m->nr_intids / 32u - 1u) | ((m->nr_vcpus - 1u) << GICD_TYPER_CPUS_SHIFT);
}

enum vgic_result vgic_v2_dist_access(struct vgic_model *m, unsigned int vcpu, u64 offset,
				     unsigned int width, bool is_write, u32 *value)
{
	u32 off;

	if (vcpu >= m->nr_vcpus)
		return VGIC_BAD_ACCESS;
	/* The identification words guests read most: straight to their answer. */
	if (width == 4 && !is_write) {
		switch (offset) {
		case GICD_TYPER:
			*value = dist_typer(m);
			return VGIC_OK;
		case GICD_IIDR:
			*value = 0;
			return VGIC_OK;
		default:
			break;
		}
	}
	if (!(width == 4 || (width == 1 && byte_accessible(offset))) || offset % width)
		return VGIC_BAD_ACCESS;
	/* The 4 KiB map repeats nothing: the rest of a larger window is empty. */
	if (offset >= VGIC_V2_DIST_SIZE)
		return reserved(is_write, value);
	off = (u32)offset;

	if (off == GICD_CTLR) {
		if (!is_write) {
			*value = m->ctlr;
			return VGIC_OK;
		}
		m->ctlr = *value & (VGIC_CTLR_GRP0 | VGIC_CTLR_GRP1);
		m->kick |= (m->nr_vcpus >= 64u) ? ~0ull : (1ull << m->nr_vcpus) - 1u;
		return VGIC_OK;
	}
	if (off == GICD_TYPER)
		return read_only(is_write, value, dist_typer(m));
	if (off == GICD_IIDR)
		return read_only(is_write, value, 0);
	if (off >= GICD_IGROUPR && off < GICD_IPRIORITYR) {
		static const enum vgic_bit_reg regs[] = {
		    VGIC_REG_IGROUPR, VGIC_REG_ISENABLER, VGIC_REG_ICENABLER, VGIC_REG_ISPENDR,
		    VGIC_REG_ICPENDR, VGIC_REG_ISACTIVER, VGIC_REG_ICACTIVER,
		};
		u32 index = (off - GICD_IGROUPR) / 0x80u;
		u32 first = ((off % 0x80u) / 4u) * 32u;

		/* GICv2 sets and clears pending SGIs through CPENDSGIR/SPENDSGIR only. */
		return vgic_model_bits_access(m, vcpu, regs[index], first, is_write, false, value);
	}
	if (off >= GICD_IPRIORITYR && off < GICD_ITARGETSR)
		return vgic_model_priority_access(m, vcpu, off - GICD_IPRIORITYR, width, is_write,
						  value);
	/* A uniprocessor GIC's targets are RAZ/WI: everything goes to the one interface. */
	if (off >= GICD_ITARGETSR && off < GICD_ICFGR && m->nr_vcpus == 1)
		return read_only(is_write, value, 0);
	if (off >= GICD_ITARGETSR && off < GICD_ITARGETSR + VGIC_NR_PRIVATE) {
		/* SGIs and PPIs: read-only, each byte names the reader's own interface. */
		u32 self = 0x01010101u << vcpu;

		return read_only(is_write, value, width == 4 ? self : (self & 0xffu));
	}
	if (off >= GICD_ITARGETSR && off < GICD_ICFGR)
		return vgic_model_targets_access(m, off - GICD_ITARGETSR, width, is_write, value);
	if (off >= GICD_ICFGR && off < GICD_ICFGR + 0x100u)
		return vgic_model_config_access(m, vcpu, (off - GICD_ICFGR) / 4u * 16u, is_write,
						value);
	if (off >= GICD_NSACR && off < GICD_NSACR + 0x100u)
		return read_only(is_write, value, 0);
	if (off == GICD_SGIR) {
		if (!is_write) {
			*value = 0; /* write-only */
			return VGIC_OK;
		}
		return sgir_write(m, vcpu, *value);
	}
	if (off >= GICD_CPENDSGIR && off < GICD_SPENDSGIR + 16u) {
		bool set = off >= GICD_SPENDSGIR;
		u32 base = set ? GICD_SPENDSGIR : GICD_CPENDSGIR;

		return sgi_pending_access(m, vcpu, off - base, width, is_write, set, value);
	}
	if (off >= GICD_ID_START)
		return read_only(is_write, value, off == GICD_PIDR2 ? GICD_PIDR2_ARCH_V2 : 0);
	return reserved(is_write, value);
}
