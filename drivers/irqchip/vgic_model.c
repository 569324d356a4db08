/* SPDX-License-Identifier: Apache-2.0 */
/* The virtual GIC's distributor state and list-register selection, kept pure for host tests. */
#include <bulwark/compiler.h>
#include <bulwark/errno.h>

#include "vgic_model.h"

_Static_assert(VGIC_MAX_VCPUS >= 1 && VGIC_MAX_VCPUS <= 64,
	       "the kick mask has one bit per vCPU in a u64");
_Static_assert(VGIC_MAX_VCPUS < VGIC_NO_VCPU, "vCPU indices fit in a byte");
_Static_assert(VGIC_WORDS <= 32, "the SPI word summaries have one bit per word in a u32");

static bool is_private(u32 intid)
{
	return intid < VGIC_NR_PRIVATE;
}

static bool is_sgi(u32 intid)
{
	return intid < VGIC_NR_SGIS;
}

static u32 bit_of(u32 intid)
{
	return 1u << (intid % 32u);
}

/* The lowest set bit of a non-zero word: walks visit set bits only, never all 32. */
static u32 lowest_bit(u32 bits)
{
	return (u32)__builtin_ctz(bits);
}

static u32 *field_word(struct vgic_model *m, unsigned int vcpu, enum vgic_field f, u32 intid)
{
	return is_private(intid) ? &m->cpu[vcpu].bits[f] : &m->spi_bits[f][intid / 32u];
}

static u32 field_value(const struct vgic_model *m, unsigned int vcpu, enum vgic_field f, u32 intid)
{
	return is_private(intid) ? m->cpu[vcpu].bits[f] : m->spi_bits[f][intid / 32u];
}

static bool get(const struct vgic_model *m, unsigned int vcpu, enum vgic_field f, u32 intid)
{
	return (field_value(m, vcpu, f, intid) & bit_of(intid)) != 0;
}

static void put(struct vgic_model *m, unsigned int vcpu, enum vgic_field f, u32 intid, bool on)
{
	u32 *word = field_word(m, vcpu, f, intid);

	if (on) {
		*word |= bit_of(intid);
		/* Every pending or active SPI is set here: fill finds its word from spi_live. */
		if (!is_private(intid) && (f == VGIC_F_PENDING || f == VGIC_F_ACTIVE))
			m->spi_live |= 1u << (intid / 32u);
	} else {
		*word &= ~bit_of(intid);
	}
}

static u8 *priority_slot(struct vgic_model *m, unsigned int vcpu, u32 intid)
{
	return is_private(intid) ? &m->cpu[vcpu].priority[intid] : &m->priority[intid];
}

bool vgic_model_owns(const struct vgic_model *m, u32 intid)
{
	if (is_private(intid))
		return true;
	return intid < m->nr_intids && (m->owned[intid / 32u] & bit_of(intid));
}

/* Owned INTIDs of the 32 starting at first (a multiple of 32). */
static u32 owned_word(const struct vgic_model *m, u32 first)
{
	if (first == 0)
		return ~0u;
	if (first >= m->nr_intids)
		return 0;
	return m->owned[first / 32u];
}

bool vgic_model_test(const struct vgic_model *m, unsigned int vcpu, enum vgic_field f, u32 intid)
{
	if (intid >= VGIC_NR_INTIDS || vcpu >= m->nr_vcpus)
		return false;
	return get(m, vcpu, f, intid);
}

static bool visible_pending(const struct vgic_model *m, unsigned int vcpu, u32 intid)
{
	return get(m, vcpu, VGIC_F_PENDING, intid) ||
	       (is_private(intid) && (m->line[vcpu] & bit_of(intid))) ||
	       (get(m, vcpu, VGIC_F_LISTED_P, intid) && !get(m, vcpu, VGIC_F_CANCEL_P, intid));
}

static bool visible_active(const struct vgic_model *m, unsigned int vcpu, u32 intid)
{
	return get(m, vcpu, VGIC_F_ACTIVE, intid) ||
	       (get(m, vcpu, VGIC_F_LISTED_A, intid) && !get(m, vcpu, VGIC_F_CANCEL_A, intid));
}

bool vgic_model_pending(const struct vgic_model *m, unsigned int vcpu, u32 intid)
{
	if (intid >= VGIC_NR_INTIDS || vcpu >= m->nr_vcpus || !vgic_model_owns(m, intid))
		return false;
	return visible_pending(m, vcpu, intid);
}

u8 vgic_model_priority(const struct vgic_model *m, unsigned int vcpu, u32 intid)
{
	if (intid >= VGIC_NR_INTIDS || vcpu >= m->nr_vcpus || !vgic_model_owns(m, intid))
		return 0;
	return is_private(intid) ? m->cpu[vcpu].priority[intid] : m->priority[intid];
}

unsigned int vgic_model_target(const struct vgic_model *m, u32 intid)
{
	if (is_private(intid) || !vgic_model_owns(m, intid))
		return VGIC_NO_VCPU;
	return m->target[intid];
}

/* Whoever may have to list (or unlist) intid now gets its list registers refilled. */
static void kick_for(struct vgic_model *m, unsigned int vcpu, u32 intid)
{
	if (is_private(intid)) {
		m->kick |= 1ull << vcpu;
		return;
	}
	if (m->holder[intid] != VGIC_NO_VCPU)
		m->kick |= 1ull << m->holder[intid];
	if (m->target[intid] != VGIC_NO_VCPU)
		m->kick |= 1ull << m->target[intid];
}

/* The physical interrupt behind intid is ours to deactivate, now. */
static void release(struct vgic_model *m, unsigned int vcpu, u32 intid)
{
	put(m, vcpu, VGIC_F_HW, intid, false);
	put(m, vcpu, VGIC_F_RELEASE, intid, true);
	if (!is_private(intid))
		m->release_words |= 1u << (intid / 32u);
	kick_for(m, vcpu, intid);
}

static void set_pending(struct vgic_model *m, unsigned int vcpu, u32 intid, unsigned int source)
{
	if (is_sgi(intid))
		m->cpu[vcpu].sgi_sources[intid] |= (u8)(1u << source);
	put(m, vcpu, VGIC_F_PENDING, intid, true);
}

/* Clears pending state; a physical interrupt nobody will now deactivate is released. */
static void clear_pending(struct vgic_model *m, unsigned int vcpu, u32 intid)
{
	if (is_sgi(intid))
		m->cpu[vcpu].sgi_sources[intid] = 0;
	put(m, vcpu, VGIC_F_PENDING, intid, false);
	if (get(m, vcpu, VGIC_F_LISTED, intid))
		put(m, vcpu, VGIC_F_CANCEL_P, intid, true);
	else if (get(m, vcpu, VGIC_F_HW, intid) && !get(m, vcpu, VGIC_F_ACTIVE, intid))
		release(m, vcpu, intid);
}

static void clear_active(struct vgic_model *m, unsigned int vcpu, u32 intid)
{
	put(m, vcpu, VGIC_F_ACTIVE, intid, false);
	if (get(m, vcpu, VGIC_F_LISTED, intid))
		put(m, vcpu, VGIC_F_CANCEL_A, intid, true);
	else if (get(m, vcpu, VGIC_F_HW, intid) && !get(m, vcpu, VGIC_F_PENDING, intid))
		release(m, vcpu, intid);
	if (!is_private(intid) && !get(m, vcpu, VGIC_F_LISTED, intid))
		m->holder[intid] = VGIC_NO_VCPU;
}

static bool level_high(const struct vgic_model *m, u32 intid)
{
	return !is_private(intid) && (m->level[intid / 32u] & bit_of(intid)) != 0;
}

/* A level-sensitive SPI whose virtual line is high is pending unless it already is. */
static void follow_level(struct vgic_model *m, u32 intid)
{
	if (level_high(m, intid) && !get(m, 0, VGIC_F_EDGE, intid) &&
	    !visible_pending(m, 0, intid)) {
		set_pending(m, 0, intid, 0);
		kick_for(m, 0, intid);
	}
}

bool vgic_model_set_level(struct vgic_model *m, u32 intid, bool high)
{
	bool was_high;

	if (is_private(intid) || intid >= VGIC_NR_INTIDS || !vgic_model_owns(m, intid))
		return false;
	was_high = level_high(m, intid);
	if (high) {
		m->level[intid / 32u] |= bit_of(intid);
		if (!get(m, 0, VGIC_F_EDGE, intid)) {
			follow_level(m, intid);
		} else if (!was_high) {
			set_pending(m, 0, intid, 0);
			kick_for(m, 0, intid);
		}
		return true;
	}
	m->level[intid / 32u] &= ~bit_of(intid);
	if (!get(m, 0, VGIC_F_EDGE, intid) && visible_pending(m, 0, intid)) {
		clear_pending(m, 0, intid);
		kick_for(m, 0, intid);
	}
	return true;
}

bool vgic_model_raise(struct vgic_model *m, unsigned int vcpu, u32 intid, unsigned int source)
{
	if (intid >= VGIC_NR_INTIDS || !vgic_model_owns(m, intid))
		return false;
	if (is_private(intid) && vcpu >= m->nr_vcpus)
		return false;
	if (is_sgi(intid) && source >= 8u)
		return false;
	set_pending(m, vcpu, intid, source);
	kick_for(m, vcpu, intid);
	return true;
}

bool vgic_model_inject_hw(struct vgic_model *m, unsigned int vcpu, u32 intid)
{
	if (is_sgi(intid) || !vgic_model_raise(m, vcpu, intid, 0))
		return false;
	put(m, vcpu, VGIC_F_HW, intid, true);
	return true;
}

bool vgic_model_pending_from_line(const struct vgic_model *m, unsigned int vcpu, u32 intid)
{
	if (intid >= VGIC_NR_INTIDS || is_sgi(intid) || vcpu >= m->nr_vcpus)
		return false;
	if (get(m, vcpu, VGIC_F_LISTED, intid))
		return get(m, vcpu, VGIC_F_LISTED_HW, intid) &&
		       get(m, vcpu, VGIC_F_LISTED_P, intid) &&
		       !get(m, vcpu, VGIC_F_CANCEL_P, intid);
	return get(m, vcpu, VGIC_F_HW, intid) && get(m, vcpu, VGIC_F_PENDING, intid);
}

u32 vgic_model_ppis_pending_from_line(const struct vgic_model *m, unsigned int vcpu)
{
	const u32 *b;

	if (vcpu >= m->nr_vcpus)
		return 0;
	b = m->cpu[vcpu].bits;
	return ((b[VGIC_F_HW] & b[VGIC_F_PENDING] & ~b[VGIC_F_LISTED]) |
		(b[VGIC_F_LISTED] & b[VGIC_F_LISTED_HW] & b[VGIC_F_LISTED_P] &
		 ~b[VGIC_F_CANCEL_P])) &
	       ~((1u << VGIC_NR_SGIS) - 1u);
}

bool vgic_model_line_low(struct vgic_model *m, unsigned int vcpu, u32 intid)
{
	if (!vgic_model_pending_from_line(m, vcpu, intid))
		return false;
	clear_pending(m, vcpu, intid);
	kick_for(m, vcpu, intid);
	return true;
}

void vgic_model_set_line_level(struct vgic_model *m, unsigned int vcpu, u32 intid, bool asserted)
{
	if (vcpu >= m->nr_vcpus || !is_private(intid) || is_sgi(intid))
		return;
	if (asserted)
		m->line[vcpu] |= bit_of(intid);
	else
		m->line[vcpu] &= ~bit_of(intid);
}

/* --- Registers --- */

static bool group_enabled(const struct vgic_model *m, unsigned int vcpu, u32 intid)
{
	return (m->ctlr & (get(m, vcpu, VGIC_F_GROUP, intid) ? VGIC_CTLR_GRP1 : VGIC_CTLR_GRP0)) !=
	       0;
}

static u32 read_bits(const struct vgic_model *m, unsigned int vcpu, enum vgic_bit_reg reg,
		     u32 first)
{
	u32 value = 0;

	for (u32 i = 0; i < 32u; i++) {
		u32 intid = first + i;
		bool on;

		switch (reg) {
		case VGIC_REG_IGROUPR:
			on = get(m, vcpu, VGIC_F_GROUP, intid);
			break;
		case VGIC_REG_ISENABLER:
		case VGIC_REG_ICENABLER:
			on = get(m, vcpu, VGIC_F_ENABLED, intid);
			break;
		case VGIC_REG_ISPENDR:
		case VGIC_REG_ICPENDR:
			on = visible_pending(m, vcpu, intid);
			break;
		case VGIC_REG_ISACTIVER:
		case VGIC_REG_ICACTIVER:
		default:
			on = visible_active(m, vcpu, intid);
			break;
		}
		if (on)
			value |= 1u << i;
	}
	return value & owned_word(m, first);
}

static void write_bit(struct vgic_model *m, unsigned int vcpu, enum vgic_bit_reg reg, u32 intid,
		      bool on, bool sgi_pend_writes)
{
	bool sgi_pend_ignored = is_sgi(intid) && !sgi_pend_writes;

	switch (reg) {
	case VGIC_REG_IGROUPR:
		if (get(m, vcpu, VGIC_F_GROUP, intid) == on)
			return;
		put(m, vcpu, VGIC_F_GROUP, intid, on);
		break;
	case VGIC_REG_ISENABLER:
		put(m, vcpu, VGIC_F_ENABLED, intid, true);
		break;
	case VGIC_REG_ICENABLER:
		put(m, vcpu, VGIC_F_ENABLED, intid, false);
		break;
	case VGIC_REG_ISPENDR:
		if (sgi_pend_ignored)
			return;
		set_pending(m, vcpu, intid, 0);
		break;
	case VGIC_REG_ICPENDR:
		if (sgi_pend_ignored)
			return;
		clear_pending(m, vcpu, intid);
		break;
	case VGIC_REG_ISACTIVER:
		put(m, vcpu, VGIC_F_ACTIVE, intid, true);
		if (!is_private(intid) && m->holder[intid] == VGIC_NO_VCPU)
			m->holder[intid] = m->target[intid];
		break;
	case VGIC_REG_ICACTIVER:
	default:
		clear_active(m, vcpu, intid);
		break;
	}
	kick_for(m, vcpu, intid);
	/* A line still high keeps its SPI pending (ICPENDR) or makes it so (ICACTIVER). */
	follow_level(m, intid);
}

enum vgic_result vgic_model_bits_access(struct vgic_model *m, unsigned int vcpu,
					enum vgic_bit_reg reg, u32 first, bool is_write,
					bool sgi_pend_writes, u32 *value)
{
	u32 owned = owned_word(m, first);
	u32 bits;

	if (vcpu >= m->nr_vcpus || first % 32u || first >= VGIC_NR_INTIDS)
		return VGIC_BAD_ACCESS;
	if (!is_write) {
		*value = read_bits(m, vcpu, reg, first);
		return VGIC_OK;
	}
	bits = *value;
	/*
	 * Bits of interrupts the VM does not own, or beyond GICD_TYPER's
	 * range, are those of interrupts not implemented for it: RAZ/WI, as IHI 0069
	 * and IHI 0048 define for interrupts a GIC does not implement.
	 */
	if (reg == VGIC_REG_IGROUPR) {
		/* Every bit is written: a 0 moves the interrupt to group 0. */
		for (u32 i = 0; i < 32u; i++)
			if (owned & (1u << i))
				write_bit(m, vcpu, reg, first + i, (bits >> i) & 1u,
					  sgi_pend_writes);
		return VGIC_OK;
	}
	bits &= owned;
	for (u32 i = 0; bits && i < 32u; i++) {
		if (!(bits & (1u << i)))
			continue;
		bits &= ~(1u << i);
		write_bit(m, vcpu, reg, first + i, true, sgi_pend_writes);
	}
	return VGIC_OK;
}

enum vgic_result vgic_model_priority_access(struct vgic_model *m, unsigned int vcpu, u32 intid,
					    unsigned int width, bool is_write, u32 *value)
{
	u32 result = 0;

	if (vcpu >= m->nr_vcpus || (width != 1 && width != 4) || intid % width ||
	    intid + width > VGIC_NR_INTIDS)
		return VGIC_BAD_ACCESS;
	for (u32 i = 0; i < width; i++) {
		u32 id = intid + i;
		u8 *slot;
		u8 byte;

		/* Someone else's priority reads as 0; writing it changes nothing. */
		if (!vgic_model_owns(m, id))
			continue;
		slot = priority_slot(m, vcpu, id);
		if (!is_write) {
			result |= (u32)*slot << (8u * i);
			continue;
		}
		byte = (u8)(*value >> (8u * i)) & VGIC_PRIORITY_MASK;
		if (*slot != byte) {
			*slot = byte;
			kick_for(m, vcpu, id);
		}
	}
	if (!is_write)
		*value = result;
	return VGIC_OK;
}

enum vgic_result vgic_model_config_access(struct vgic_model *m, unsigned int vcpu, u32 first,
					  bool is_write, u32 *value)
{
	u32 result = 0;

	if (vcpu >= m->nr_vcpus || first % 16u || first >= VGIC_NR_INTIDS)
		return VGIC_BAD_ACCESS;
	for (u32 i = 0; i < 16u; i++) {
		u32 id = first + i;

		if (!vgic_model_owns(m, id))
			continue;
		if (!is_write) {
			if (get(m, vcpu, VGIC_F_EDGE, id))
				result |= 2u << (2u * i);
			continue;
		}
		/* SGIs are always edge-triggered: their field is read-only. */
		if (!is_sgi(id))
			put(m, vcpu, VGIC_F_EDGE, id, (*value >> (2u * i + 1u)) & 1u);
	}
	if (!is_write)
		*value = result;
	return VGIC_OK;
}

/* Moves an owned SPI to a new target (VGIC_NO_VCPU: nobody). */
static void retarget(struct vgic_model *m, u32 intid, unsigned int target)
{
	if (m->target[intid] == target)
		return;
	kick_for(m, 0, intid); /* the old target lets go of it */
	m->target[intid] = (u8)target;
	kick_for(m, 0, intid);
	if (target != VGIC_NO_VCPU) {
		m->rerouted[intid / 32u] |= bit_of(intid);
		m->rerouted_words |= 1u << (intid / 32u);
	}
}

static u32 existing_vcpus_mask(const struct vgic_model *m)
{
	return m->nr_vcpus >= 8u ? 0xffu : (1u << m->nr_vcpus) - 1u;
}

enum vgic_result vgic_model_targets_access(struct vgic_model *m, u32 intid, unsigned int width,
					   bool is_write, u32 *value)
{
	u32 result = 0;

	if ((width != 1 && width != 4) || intid % width || intid < VGIC_NR_PRIVATE ||
	    intid + width > VGIC_NR_INTIDS)
		return VGIC_BAD_ACCESS;
	/* Byte lanes of SPIs the VM does not own (or not implemented) are RAZ/WI. */
	for (u32 i = 0; i < width; i++) {
		u32 id = intid + i;
		u32 byte;
		unsigned int target = VGIC_NO_VCPU;

		if (!vgic_model_owns(m, id))
			continue;
		if (!is_write) {
			result |= m->route[id] << (8u * i);
			continue;
		}
		byte = (*value >> (8u * i)) & existing_vcpus_mask(m);
		m->route[id] = byte;
		for (unsigned int n = 0; n < 8u; n++) {
			if (byte & (1u << n)) {
				target = n;
				break;
			}
		}
		retarget(m, id, target);
	}
	if (!is_write)
		*value = result;
	return VGIC_OK;
}

unsigned int vgic_model_vcpu_by_affinity(const struct vgic_model *m, u32 aff)
{
	u32 aff0 = aff & 0xffu;
	u32 aff1 = (aff >> 8) & 0xffu;
	u32 index;

	if ((aff >> 16) || aff0 >= 16u)
		return VGIC_NO_VCPU;
	index = aff1 * 16u + aff0;
	return index < m->nr_vcpus ? index : VGIC_NO_VCPU;
}

/* IROUTER's affinity fields packed Aff3:Aff2:Aff1:Aff0. */
static u32 router_affinity(u64 value)
{
	return (u32)(value & 0xffffffu) | (u32)(((value >> 32) & 0xffu) << 24);
}

enum vgic_result vgic_model_router_access(struct vgic_model *m, u32 intid, bool is_write,
					  u64 *value)
{
	u32 aff;
	bool irm;

	if (intid < VGIC_NR_PRIVATE || intid >= VGIC_NR_INTIDS)
		return VGIC_BAD_ACCESS;
	if (!is_write) {
		u32 route = vgic_model_owns(m, intid) ? m->route[intid] : 0;

		*value = (route & 0xffffffu) | ((u64)(route >> 24) << 32);
		if (vgic_model_owns(m, intid) && (m->route_irm[intid / 32u] & bit_of(intid)))
			*value |= VGIC_IROUTER_IRM;
		return VGIC_OK;
	}
	aff = router_affinity(*value);
	irm = (*value & VGIC_IROUTER_IRM) != 0;
	if (!vgic_model_owns(m, intid))
		return VGIC_OK; /* not implemented for this VM: RAZ/WI */
	m->route[intid] = aff;
	if (irm)
		m->route_irm[intid / 32u] |= bit_of(intid);
	else
		m->route_irm[intid / 32u] &= ~bit_of(intid);
	/* 1-of-N: any vCPU may take it; vCPU 0 always exists. */
	retarget(m, intid, irm ? 0 : vgic_model_vcpu_by_affinity(m, aff));
	return VGIC_OK;
}

/* The sender whose SGI instance a list register holds pending, as a bit (0: none). */
static u8 listed_sender(const struct vgic_model *m, unsigned int vcpu, u32 sgi)
{
	if (!get(m, vcpu, VGIC_F_LISTED_P, sgi) || get(m, vcpu, VGIC_F_CANCEL_P, sgi))
		return 0;
	return (u8)(1u << (m->sgi_listed_source[vcpu][sgi] % 8u));
}

u8 vgic_model_sgi_sources(const struct vgic_model *m, unsigned int vcpu, u32 sgi)
{
	if (vcpu >= m->nr_vcpus || !is_sgi(sgi))
		return 0;
	return m->cpu[vcpu].sgi_sources[sgi] | listed_sender(m, vcpu, sgi);
}

void vgic_model_sgi_sources_write(struct vgic_model *m, unsigned int vcpu, u32 sgi, u8 set,
				  u8 clear)
{
	u8 *sources, listed, all;

	if (vcpu >= m->nr_vcpus || !is_sgi(sgi))
		return;
	sources = &m->cpu[vcpu].sgi_sources[sgi];
	listed = listed_sender(m, vcpu, sgi);
	all = *sources | listed;
	if (clear && (all & clear) == all && all) {
		/* Every sender withdrawn: the same as clearing its pending state. */
		clear_pending(m, vcpu, sgi);
	} else {
		*sources = (u8)(*sources & ~clear);
		/* The listed instance's sender withdrawn: it goes when the LRs are folded. */
		if (clear & listed)
			put(m, vcpu, VGIC_F_CANCEL_P, sgi, true);
	}
	if (set) {
		*sources |= set;
		put(m, vcpu, VGIC_F_PENDING, sgi, true);
	}
	kick_for(m, vcpu, sgi);
}

/* --- List registers --- */

void vgic_model_fold(struct vgic_model *m, unsigned int vcpu, const struct vgic_lr *lrs,
		     unsigned int n)
{
	if (vcpu >= m->nr_vcpus)
		return;
	for (unsigned int i = 0; i < n; i++) {
		const struct vgic_lr *e = &lrs[i];
		u32 intid = e->intid;
		bool pending, active;

		if (intid >= m->nr_intids || !vgic_model_owns(m, intid))
			continue;
		if ((e->state & VGIC_LR_PENDING) && !get(m, vcpu, VGIC_F_CANCEL_P, intid))
			set_pending(m, vcpu, intid, is_sgi(intid) ? e->source % 8u : 0);
		if ((e->state & VGIC_LR_ACTIVE) && !get(m, vcpu, VGIC_F_CANCEL_A, intid)) {
			put(m, vcpu, VGIC_F_ACTIVE, intid, true);
			if (is_sgi(intid))
				m->cpu[vcpu].sgi_active_source[intid] = e->source;
		}
		pending = get(m, vcpu, VGIC_F_PENDING, intid);
		active = get(m, vcpu, VGIC_F_ACTIVE, intid);

		/*
		 * A HW entry the guest deactivated took the physical interrupt
		 * with it; one the guest still holds stays in flight, unless the
		 * guest cancelled it through the distributor. A release entry
		 * listed active stands for the active instance: in flight for as
		 * long as that is active. One listed only pending stands for that
		 * instance, in flight like a HW entry until the guest deactivates
		 * it; then the physical interrupt is ours to deactivate.
		 */
		if (e->hw && e->state != 0) {
			if (pending || active)
				put(m, vcpu, VGIC_F_HW, intid, true);
			else
				release(m, vcpu, intid);
		} else if (e->release) {
			bool held = get(m, vcpu, VGIC_F_LISTED_A, intid)
					? active
					: e->state != 0 && (pending || active);

			if (held)
				put(m, vcpu, VGIC_F_HW, intid, true);
			else
				release(m, vcpu, intid);
		}

		put(m, vcpu, VGIC_F_LISTED, intid, false);
		put(m, vcpu, VGIC_F_LISTED_P, intid, false);
		put(m, vcpu, VGIC_F_LISTED_A, intid, false);
		put(m, vcpu, VGIC_F_LISTED_HW, intid, false);
		put(m, vcpu, VGIC_F_CANCEL_P, intid, false);
		put(m, vcpu, VGIC_F_CANCEL_A, intid, false);
		if (!is_private(intid)) {
			m->holder[intid] = active ? (u8)vcpu : VGIC_NO_VCPU;
			/* Retargeted while listed here: its new target takes it. */
			if (!active && pending && m->target[intid] != vcpu &&
			    m->target[intid] != VGIC_NO_VCPU)
				m->kick |= 1ull << m->target[intid];
			/* Taken or deactivated while its line stayed high: pending again. */
			follow_level(m, intid);
		}
	}
}

/*
 * How e carries a physical interrupt in flight (hw): with HW = 1 when that
 * entry may have it, else as a release entry that asks for EOI maintenance.
 */
static void list_physical(const struct vgic_model *m, struct vgic_lr *e, bool hw, bool hw_fits)
{
	if (!hw)
		return;
	if (hw_fits && m->hw_lrs) {
		e->hw = true;
	} else {
		e->release = true;
		e->eoi_maint = true;
	}
}

/* What one interrupt would occupy in a list register, if anything. */
static bool make_entry(const struct vgic_model *m, unsigned int vcpu, u32 intid, struct vgic_lr *e,
		       bool *held_back)
{
	bool active = get(m, vcpu, VGIC_F_ACTIVE, intid);
	bool hw = get(m, vcpu, VGIC_F_HW, intid);
	bool deliverable = get(m, vcpu, VGIC_F_PENDING, intid) &&
			   get(m, vcpu, VGIC_F_ENABLED, intid) && group_enabled(m, vcpu, intid);
	u8 sources = is_sgi(intid) ? m->cpu[vcpu].sgi_sources[intid] : 0;

	*e = (struct vgic_lr){.intid = (u16)intid};
	if (!active && !deliverable)
		return false;
	if (active) {
		e->state = VGIC_LR_ACTIVE;
		if (is_sgi(intid))
			e->source = m->cpu[vcpu].sgi_active_source[intid];
		if (deliverable) {
			/* One entry has one sender: another sender's SGI waits its turn. */
			if (!is_sgi(intid) || (sources & (1u << e->source)))
				e->state |= VGIC_LR_PENDING;
			else
				*held_back = true;
		}
		/* HW entries cannot be pending and active: deactivate it ourselves. */
		list_physical(m, e, hw, (e->state & VGIC_LR_PENDING) == 0);
		if (level_high(m, intid) && !e->hw)
			e->eoi_maint = true;
		return true;
	}
	e->state = VGIC_LR_PENDING;
	list_physical(m, e, hw, true);
	/* A high line: the deactivation must come back to the model (follow_level). */
	if (level_high(m, intid) && !e->hw)
		e->eoi_maint = true;
	if (is_sgi(intid)) {
		for (unsigned int s = 0; s < 8u; s++) {
			if (sources & (1u << s)) {
				e->source = (u8)s;
				break;
			}
		}
	}
	return true;
}

/* Sort key: active before pending, then priority, then INTID; lower is better. */
static u32 entry_key(const struct vgic_lr *e)
{
	u32 pending_only = (e->state & VGIC_LR_ACTIVE) ? 0u : 1u;

	return (pending_only << 20) | ((u32)e->priority << 10) | e->intid;
}

static bool candidate_intid(const struct vgic_model *m, unsigned int vcpu, u32 intid)
{
	if (is_private(intid))
		return true;
	if (!(m->owned[intid / 32u] & bit_of(intid)))
		return false;
	if (m->holder[intid] != VGIC_NO_VCPU)
		return m->holder[intid] == vcpu;
	return m->target[intid] == vcpu;
}

/* Moves e's state out of the model into the list register. */
static void take_listed(struct vgic_model *m, unsigned int vcpu, const struct vgic_lr *e,
			bool *overflow)
{
	u32 intid = e->intid;

	put(m, vcpu, VGIC_F_LISTED, intid, true);
	put(m, vcpu, VGIC_F_LISTED_P, intid, (e->state & VGIC_LR_PENDING) != 0);
	put(m, vcpu, VGIC_F_LISTED_A, intid, (e->state & VGIC_LR_ACTIVE) != 0);
	if (e->state & VGIC_LR_PENDING) {
		if (is_sgi(intid)) {
			u8 *sources = &m->cpu[vcpu].sgi_sources[intid];

			*sources = (u8)(*sources & ~(1u << e->source));
			m->sgi_listed_source[vcpu][intid] = e->source;
			put(m, vcpu, VGIC_F_PENDING, intid, *sources != 0);
			if (*sources)
				*overflow = true;
		} else {
			put(m, vcpu, VGIC_F_PENDING, intid, false);
		}
	}
	if (e->state & VGIC_LR_ACTIVE)
		put(m, vcpu, VGIC_F_ACTIVE, intid, false);
	if (e->hw || e->release) {
		put(m, vcpu, VGIC_F_HW, intid, false);
		put(m, vcpu, VGIC_F_LISTED_HW, intid, true);
	}
	if (!is_private(intid))
		m->holder[intid] = (u8)vcpu;
}

/*
 * Offers the interrupts of the word starting at first that are pending or
 * active to the sorted window lrs[0..count) of the best max candidates;
 * returns the new count. Only set bits are visited.
 */
static unsigned int consider_word(const struct vgic_model *m, unsigned int vcpu, u32 first,
				  struct vgic_lr *lrs, unsigned int count, unsigned int max,
				  bool *overflow)
{
	u32 bits = field_value(m, vcpu, VGIC_F_PENDING, first) |
		   field_value(m, vcpu, VGIC_F_ACTIVE, first);

	while (bits) {
		u32 intid = first + lowest_bit(bits);
		struct vgic_lr e;
		unsigned int pos;

		bits &= bits - 1u;
		if (intid > VGIC_MAX_SPI || !candidate_intid(m, vcpu, intid) ||
		    !make_entry(m, vcpu, intid, &e, overflow))
			continue;
		e.priority = is_private(intid) ? m->cpu[vcpu].priority[intid] : m->priority[intid];
		e.group1 = get(m, vcpu, VGIC_F_GROUP, intid);
		if (count == max && (max == 0 || entry_key(&e) >= entry_key(&lrs[max - 1]))) {
			*overflow = true;
			continue;
		}
		if (count == max) {
			*overflow = true;
			count--;
		}
		pos = count;
		while (pos > 0 && entry_key(&lrs[pos - 1]) > entry_key(&e)) {
			lrs[pos] = lrs[pos - 1];
			pos--;
		}
		lrs[pos] = e;
		count++;
	}
	return count;
}

unsigned int vgic_model_fill(struct vgic_model *m, unsigned int vcpu, struct vgic_lr *lrs,
			     unsigned int max, bool *overflow)
{
	unsigned int count = 0;
	bool any_pending = false;

	*overflow = false;
	if (vcpu >= m->nr_vcpus)
		return 0;
	if (max > VGIC_MAX_LRS)
		max = VGIC_MAX_LRS;

	/* The private word, then the SPI words with something pending or active. */
	count = consider_word(m, vcpu, 0, lrs, count, max, overflow);
	for (u32 words = m->spi_live; words;) {
		u32 word = lowest_bit(words);

		words &= ~(1u << word);
		if (!(m->spi_bits[VGIC_F_PENDING][word] | m->spi_bits[VGIC_F_ACTIVE][word])) {
			m->spi_live &= ~(1u << word); /* nothing left in it for anyone */
			continue;
		}
		if (word * 32u >= m->nr_intids)
			continue;
		count = consider_word(m, vcpu, word * 32u, lrs, count, max, overflow);
	}

	for (unsigned int i = 0; i < count; i++) {
		take_listed(m, vcpu, &lrs[i], overflow);
		if (lrs[i].state & VGIC_LR_PENDING)
			any_pending = true;
	}
	/*
	 * With something left over and nothing pending in the list registers,
	 * no "no pending" maintenance can come: ask for one when an active
	 * software entry is deactivated.
	 */
	if (*overflow && !any_pending)
		for (unsigned int i = 0; i < count; i++)
			if (!lrs[i].hw)
				lrs[i].eoi_maint = true;
	return count;
}

static inline __attribute__((__always_inline__)) int
peek_private(const struct vgic_model *m, unsigned int vcpu, u32 intid, unsigned int source,
	     const struct vgic_lr *lrs, unsigned int n, unsigned int max)
{
	const u32 *b;
	u32 bit = bit_of(intid);
	unsigned int slot = n;

	if (vcpu >= m->nr_vcpus || !is_private(intid) || (is_sgi(intid) && source >= 8u))
		return -1;
	b = m->cpu[vcpu].bits;
	if ((b[VGIC_F_PENDING] | b[VGIC_F_ACTIVE] | b[VGIC_F_HW] | b[VGIC_F_RELEASE] |
	     b[VGIC_F_CANCEL_P] | b[VGIC_F_CANCEL_A] | ~b[VGIC_F_ENABLED]) &
	    bit)
		return -1;
	if (!group_enabled(m, vcpu, intid))
		return -1;
	/* Listed already: only an entry the guest is done with, which folds to nothing. */
	if (b[VGIC_F_LISTED] & bit) {
		for (slot = 0; slot < n && lrs[slot].intid != intid; slot++)
			;
		if (slot == n || lrs[slot].state != 0 || lrs[slot].release)
			return -1;
	} else if (slot >= max || slot >= VGIC_MAX_LRS) {
		return -1;
	}
	return (int)slot;
}

/* The entry peek_private's slot gets. */
static inline __attribute__((__always_inline__)) void private_entry(const struct vgic_model *m,
								    unsigned int vcpu, u32 intid,
								    unsigned int source,
								    struct vgic_lr *entry)
{
	*entry = (struct vgic_lr){
	    .intid = (u16)intid,
	    .priority = m->cpu[vcpu].priority[intid],
	    .state = VGIC_LR_PENDING,
	    .group1 = (m->cpu[vcpu].bits[VGIC_F_GROUP] & bit_of(intid)) != 0,
	};
	if (is_sgi(intid))
		entry->source = (u8)source;
	else
		list_physical(m, entry, true, true);
}

static inline __attribute__((__always_inline__)) void
commit_private(struct vgic_model *m, unsigned int vcpu, const struct vgic_lr *e)
{
	if (vcpu >= m->nr_vcpus || !is_private(e->intid))
		return;
	if (is_sgi(e->intid))
		m->sgi_listed_source[vcpu][e->intid] = e->source;
	vgic_model_commit_ppi(m, vcpu, e->intid);
}

int vgic_model_peek_private(const struct vgic_model *m, unsigned int vcpu, u32 intid,
			    unsigned int source, const struct vgic_lr *lrs, unsigned int n,
			    unsigned int max, struct vgic_lr *entry)
{
	int slot = peek_private(m, vcpu, intid, source, lrs, n, max);

	if (slot >= 0)
		private_entry(m, vcpu, intid, source, entry);
	return slot;
}

void vgic_model_commit_private(struct vgic_model *m, unsigned int vcpu, const struct vgic_lr *e)
{
	commit_private(m, vcpu, e);
}

int vgic_model_list_private(struct vgic_model *m, unsigned int vcpu, u32 intid, unsigned int source,
			    struct vgic_lr *lrs, unsigned int n, unsigned int max)
{
	int slot = peek_private(m, vcpu, intid, source, lrs, n, max);

	if (slot < 0)
		return -1;
	private_entry(m, vcpu, intid, source, &lrs[slot]);
	commit_private(m, vcpu, &lrs[slot]);
	return slot;
}

void vgic_model_vcpu_restart(struct vgic_model *m, unsigned int vcpu)
{
	struct vgic_private *p;

	if (vcpu >= m->nr_vcpus)
		return;
	p = &m->cpu[vcpu];
	p->bits[VGIC_F_PENDING] &= ~p->bits[VGIC_F_HW];
	p->bits[VGIC_F_ACTIVE] = 0;
	p->bits[VGIC_F_HW] = 0;
	p->bits[VGIC_F_RELEASE] = 0;
	for (u32 intid = VGIC_NR_PRIVATE; intid < m->nr_intids && intid <= VGIC_MAX_SPI; intid++) {
		if (m->holder[intid] != vcpu || get(m, vcpu, VGIC_F_LISTED, intid))
			continue;
		put(m, vcpu, VGIC_F_ACTIVE, intid, false);
		if (get(m, vcpu, VGIC_F_HW, intid) && !get(m, vcpu, VGIC_F_PENDING, intid))
			release(m, vcpu, intid);
		m->holder[intid] = VGIC_NO_VCPU;
	}
}

/* --- Work for the glue --- */

u64 vgic_model_take_kick(struct vgic_model *m)
{
	u64 kick = m->kick;

	m->kick = 0;
	return kick;
}

/*
 * Takes the lowest INTID of bitmap map, whose non-empty words *words flags
 * (stale flags are dropped on the way); 0 when there is none.
 */
static u32 take_lowest(u32 *map, u32 *words)
{
	while (*words) {
		u32 word = lowest_bit(*words);
		u32 bits = map[word];
		u32 bit;

		if (!bits) {
			*words &= ~(1u << word);
			continue;
		}
		bit = lowest_bit(bits);
		map[word] = bits & ~(1u << bit);
		if (!map[word])
			*words &= ~(1u << word);
		return word * 32u + bit;
	}
	return 0;
}

u32 vgic_model_take_spi_release(struct vgic_model *m)
{
	return take_lowest(m->spi_bits[VGIC_F_RELEASE], &m->release_words);
}

u32 vgic_model_take_private_release(struct vgic_model *m, unsigned int vcpu)
{
	u32 mask;

	if (vcpu >= m->nr_vcpus)
		return 0;
	mask = m->cpu[vcpu].bits[VGIC_F_RELEASE];
	m->cpu[vcpu].bits[VGIC_F_RELEASE] = 0;
	return mask;
}

u32 vgic_model_take_rerouted(struct vgic_model *m)
{
	return take_lowest(m->rerouted, &m->rerouted_words);
}

/* --- Life cycle --- */

void vgic_model_set_hw_lrs(struct vgic_model *m, bool on)
{
	m->hw_lrs = on;
}

void vgic_model_reset(struct vgic_model *m)
{
	m->ctlr = 0;
	m->kick = 0;
	m->spi_live = 0;
	m->release_words = 0;
	m->rerouted_words = 0;
	for (u32 f = 0; f < VGIC_NR_FIELDS; f++)
		for (u32 word = 0; word < VGIC_WORDS; word++)
			m->spi_bits[f][word] = 0;
	for (u32 word = 0; word < VGIC_WORDS; word++) {
		m->route_irm[word] = 0;
		m->rerouted[word] = 0;
		m->level[word] = 0;
	}
	for (u32 intid = 0; intid < VGIC_NR_INTIDS; intid++) {
		m->priority[intid] = 0;
		m->target[intid] = 0;
		m->holder[intid] = VGIC_NO_VCPU;
		/* GICv2: CPU interface 0's bit; GICv3: affinity 0.0.0.0. */
		m->route[intid] = m->version == 2 ? 1u : 0u;
	}
	for (unsigned int n = 0; n < VGIC_MAX_VCPUS; n++) {
		struct vgic_private *p = &m->cpu[n];

		for (u32 f = 0; f < VGIC_NR_FIELDS; f++)
			p->bits[f] = 0;
		/* SGIs are edge-triggered; PPIs reset as QEMU's: level. */
		p->bits[VGIC_F_EDGE] = (1u << VGIC_NR_SGIS) - 1u;
		for (u32 i = 0; i < VGIC_NR_PRIVATE; i++)
			p->priority[i] = 0;
		for (u32 i = 0; i < VGIC_NR_SGIS; i++) {
			p->sgi_sources[i] = 0;
			p->sgi_active_source[i] = 0;
		}
		m->line[n] = 0;
		p->asleep = true;
	}
}

int vgic_model_init(struct vgic_model *m, unsigned int version, unsigned int nr_vcpus,
		    u32 nr_intids, const u32 *owned, unsigned int nr_owned)
{
	if (version != 2 && version != 3)
		return -EINVAL;
	if (nr_vcpus == 0 || nr_vcpus > VGIC_MAX_VCPUS ||
	    (version == 2 && nr_vcpus > VGIC_V2_MAX_CPUS))
		return -EINVAL;
	nr_intids = (nr_intids + 31u) & ~31u;
	if (nr_intids < VGIC_NR_PRIVATE || nr_intids > VGIC_NR_INTIDS)
		return -EINVAL;
	for (unsigned int i = 0; i < nr_owned; i++)
		if (owned[i] < VGIC_NR_PRIVATE || owned[i] >= nr_intids || owned[i] > VGIC_MAX_SPI)
			return -EINVAL;

	m->version = version;
	m->hw_lrs = true;
	m->nr_vcpus = nr_vcpus;
	m->nr_intids = nr_intids;
	for (u32 word = 0; word < VGIC_WORDS; word++)
		m->owned[word] = 0;
	for (unsigned int i = 0; i < nr_owned; i++)
		m->owned[owned[i] / 32u] |= bit_of(owned[i]);
	vgic_model_reset(m);
	return 0;
}
