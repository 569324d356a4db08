/* SPDX-License-Identifier: Apache-2.0 */
/* The virtual APLIC domain's register semantics (direct delivery), kept pure for host tests. */
#include <bulwark/errno.h>

#include "vaplic_model.h"

_Static_assert(VAPLIC_MAX_VCPUS >= 1 && VAPLIC_MAX_VCPUS <= 64,
	       "the line mask has one bit per vCPU in a u64");

static bool test_bit(const u32 *bitmap, u32 bit)
{
	return (bitmap[bit / 32u] >> (bit % 32u)) & 1u;
}

static void assign_bit(u32 *bitmap, u32 bit, bool on)
{
	if (on)
		bitmap[bit / 32u] |= 1u << (bit % 32u);
	else
		bitmap[bit / 32u] &= ~(1u << (bit % 32u));
}

bool vaplic_model_owns(const struct vaplic_model *m, u32 src)
{
	return src > 0 && src < VAPLIC_NR_SOURCES && test_bit(m->owned, src);
}

static bool active(const struct vaplic_model *m, u32 src)
{
	return src > 0 && src < VAPLIC_NR_SOURCES && test_bit(m->active, src);
}

/* The rectified input: wire XOR inverted for edge and level modes, 0 otherwise. */
static bool rectified(const struct vaplic_model *m, u32 src)
{
	if (!test_bit(m->level, src) && !test_bit(m->edge, src))
		return false;
	return test_bit(m->wire, src) != test_bit(m->inverted, src);
}

/*
 * Level sources in direct mode: the pending bit is a copy of the rectified
 * input. In MSI mode the input going low clears it, going high sets it, and
 * a forwarded MSI clears it while the input stays high.
 */
static void follow_level(struct vaplic_model *m, u32 src)
{
	if (test_bit(m->level, src))
		assign_bit(m->pending, src, rectified(m, src));
}

/*
 * A setip/setipnum write: Detached and edge sources; in MSI mode a level
 * source too while its rectified input is high (a driver asks again for a
 * device still asserting it).
 */
static void set_pending(struct vaplic_model *m, u32 src)
{
	if (!active(m, src))
		return;
	if (!test_bit(m->level, src) || (m->msi && rectified(m, src)))
		assign_bit(m->pending, src, true);
}

/* An in_clrip/clripnum write: Detached and edge sources; in MSI mode any. */
static void clear_pending(struct vaplic_model *m, u32 src)
{
	if (active(m, src) && (m->msi || !test_bit(m->level, src)))
		assign_bit(m->pending, src, false);
}

static void sourcecfg_write(struct vaplic_model *m, u32 src, u32 value)
{
	u32 sm = value & VAPLIC_SOURCECFG_SM;
	bool was_active = test_bit(m->active, src);

	if (!vaplic_model_owns(m, src))
		return;
	/* A leaf domain cannot delegate: a write with D set zeroes the register. */
	if (value & VAPLIC_SOURCECFG_D)
		sm = VAPLIC_SM_INACTIVE;
	/* SM is WARL; the reserved encodings 2 and 3 become Inactive. */
	if (sm == 2u || sm == 3u)
		sm = VAPLIC_SM_INACTIVE;
	m->sm[src] = (u8)sm;
	assign_bit(m->active, src, sm != VAPLIC_SM_INACTIVE);
	assign_bit(m->level, src, sm == VAPLIC_SM_LEVEL1 || sm == VAPLIC_SM_LEVEL0);
	assign_bit(m->edge, src, sm == VAPLIC_SM_EDGE1 || sm == VAPLIC_SM_EDGE0);
	assign_bit(m->inverted, src, sm == VAPLIC_SM_EDGE0 || sm == VAPLIC_SM_LEVEL0);
	if (sm == VAPLIC_SM_INACTIVE) {
		/* Inactive: pending, enable and target are read-only zeros. */
		assign_bit(m->pending, src, false);
		assign_bit(m->enable, src, false);
		m->target[src] = 0;
		return;
	}
	/* Newly active: target's fields are unspecified; hart 0, priority 1 (MSI: identity 0). */
	if (!was_active)
		m->target[src] = m->msi ? 0u : 1u;
	follow_level(m, src);
}

static void target_write(struct vaplic_model *m, u32 src, u32 value)
{
	u32 iprio = value & VAPLIC_IPRIO_MASK;

	if (!active(m, src))
		return;
	if (m->msi) {
		/* Hart index and identity; the guest index is read-only 0 (no guest files below).
		 */
		m->target[src] = value & (VAPLIC_TARGET_HART | VAPLIC_TARGET_EIID);
		return;
	}
	/* Priority number 0 is not allowed: writing it sets 1. */
	m->target[src] = (value & VAPLIC_TARGET_HART) | (iprio ? iprio : 1u);
}

/* A write to one of the 32-source bitmaps (setip, in_clrip, setie, clrie). */
static void bitmap_write(struct vaplic_model *m, u64 base, u32 word, u32 value)
{
	u32 bits = value & m->active[word];

	if (base == VAPLIC_SETIE) {
		m->enable[word] |= bits;
		return;
	}
	if (base == VAPLIC_CLRIE) {
		m->enable[word] &= ~bits;
		return;
	}
	for (u32 bit = 0; bits && bit < 32u; bit++) {
		if (!(bits & (1u << bit)))
			continue;
		bits &= ~(1u << bit);
		if (base == VAPLIC_SETIP)
			set_pending(m, word * 32u + bit);
		else
			clear_pending(m, word * 32u + bit);
	}
}

u32 vaplic_model_topi(const struct vaplic_model *m, unsigned int vcpu)
{
	u32 threshold, best = 0, best_prio = 0;

	if (vcpu >= m->nr_vcpus)
		return 0;
	threshold = m->idc[vcpu].ithreshold;
	for (u32 word = 0; word < m->owned_words; word++) {
		u32 candidates = m->pending[word] & m->enable[word] & m->active[word];

		for (u32 bit = 0; candidates && bit < 32u; bit++) {
			u32 src = word * 32u + bit;
			u32 target, prio;

			if (!(candidates & (1u << bit)))
				continue;
			candidates &= ~(1u << bit);
			target = m->target[src];
			if ((target >> VAPLIC_TARGET_HART_SH) != vcpu)
				continue;
			prio = target & VAPLIC_IPRIO_MASK;
			if (threshold && prio >= threshold)
				continue;
			/* Scanning upwards, only a smaller number wins: ties go to the lowest id.
			 */
			if (!best || prio < best_prio) {
				best = src;
				best_prio = prio;
			}
		}
	}
	return best ? best << VAPLIC_TOPI_ID_SH | best_prio : 0;
}

static u32 claim(struct vaplic_model *m, unsigned int vcpu)
{
	u32 topi = vaplic_model_topi(m, vcpu);
	u32 src = topi >> VAPLIC_TOPI_ID_SH;

	if (!topi) {
		m->idc[vcpu].iforce = 0;
		return 0;
	}
	/* A level source stays pending while its input is high; raised events are consumed. */
	if (!test_bit(m->level, src) || !rectified(m, src))
		assign_bit(m->pending, src, false);
	return topi;
}

static enum vaplic_result idc_access(struct vaplic_model *m, u64 offset, bool is_write, u32 *value)
{
	unsigned int vcpu = 0;
	struct vaplic_idc *idc;
	u32 reg = (u32)(offset % VAPLIC_IDC_STRIDE);

	/*
	 * IDC structures of hart indexes the VM has no vCPU for are read-only
	 * zeros; in MSI mode there are none at all.
	 */
	if (m->msi || !vaplic_model_idc(m, offset, &vcpu)) {
		if (!is_write)
			*value = 0;
		return VAPLIC_OK;
	}
	idc = &m->idc[vcpu];
	if (!is_write) {
		switch (reg) {
		case VAPLIC_IDELIVERY:
			*value = idc->idelivery;
			break;
		case VAPLIC_IFORCE:
			*value = idc->iforce;
			break;
		case VAPLIC_ITHRESHOLD:
			*value = idc->ithreshold;
			break;
		case VAPLIC_TOPI:
			*value = vaplic_model_topi(m, vcpu);
			break;
		case VAPLIC_CLAIMI:
			*value = claim(m, vcpu);
			break;
		default:
			*value = 0;
			break;
		}
		return VAPLIC_OK;
	}
	/* idelivery and iforce are WARL with values 0 and 1; ithreshold holds IPRIOLEN bits. */
	if (reg == VAPLIC_IDELIVERY)
		idc->idelivery = *value & 1u;
	else if (reg == VAPLIC_IFORCE)
		idc->iforce = *value & 1u;
	else if (reg == VAPLIC_ITHRESHOLD)
		idc->ithreshold = *value & VAPLIC_IPRIO_MASK;
	return VAPLIC_OK;
}

static u32 bitmap_read(const struct vaplic_model *m, u64 base, u32 word)
{
	u32 value = 0;

	if (base == VAPLIC_SETIP)
		return m->pending[word] & m->active[word];
	if (base == VAPLIC_SETIE)
		return m->enable[word] & m->active[word];
	if (base == VAPLIC_IN_CLRIP) {
		u32 bits = m->active[word];

		for (u32 bit = 0; bits && bit < 32u; bit++) {
			if (!(bits & (1u << bit)))
				continue;
			bits &= ~(1u << bit);
			if (rectified(m, word * 32u + bit))
				value |= 1u << bit;
		}
	}
	return value; /* clrie reads zero */
}

/* The four bitmap arrays: which one offset falls in (its base), or 0. */
static u64 bitmap_base(u64 offset)
{
	static const u32 bases[] = {VAPLIC_SETIP, VAPLIC_IN_CLRIP, VAPLIC_SETIE, VAPLIC_CLRIE};

	for (unsigned int i = 0; i < 4u; i++)
		if (offset >= bases[i] && offset < bases[i] + 4u * VAPLIC_WORDS)
			return bases[i];
	return 0;
}

/* A write to one of the *num registers, or a read (always zero). */
static bool num_access(struct vaplic_model *m, u64 offset, bool is_write, u32 *value)
{
	u32 src = *value;

	switch (offset) {
	case VAPLIC_SETIPNUM:
	case VAPLIC_SETIPNUM_LE:
	case VAPLIC_CLRIPNUM:
	case VAPLIC_SETIENUM:
	case VAPLIC_CLRIENUM:
		break;
	default:
		return false;
	}
	if (!is_write) {
		*value = 0;
		return true;
	}
	/* A number that is not an active source of the domain is ignored. */
	if (!active(m, src))
		return true;
	if (offset == VAPLIC_SETIPNUM || offset == VAPLIC_SETIPNUM_LE)
		set_pending(m, src);
	else if (offset == VAPLIC_CLRIPNUM)
		clear_pending(m, src);
	else
		assign_bit(m->enable, src, offset == VAPLIC_SETIENUM);
	return true;
}

enum vaplic_result vaplic_model_access(struct vaplic_model *m, u64 offset, unsigned int width,
				       bool is_write, u32 *value)
{
	u64 base;

	/* Only naturally aligned 32-bit accesses exist in a domain's control region. */
	if (width != 4 || (offset & 3u))
		return VAPLIC_BAD_ACCESS;
	if (offset >= VAPLIC_IDC_BASE)
		return idc_access(m, offset, is_write, value);
	if (offset == VAPLIC_DOMAINCFG) {
		/* DM is read-only (the model's mode); BE is read-only zero: little-endian. */
		if (is_write)
			m->domaincfg = *value & VAPLIC_DOMAINCFG_IE;
		else
			*value = VAPLIC_DOMAINCFG_RO | (m->msi ? VAPLIC_DOMAINCFG_DM : 0u) |
				 m->domaincfg;
		return VAPLIC_OK;
	}
	if (offset < VAPLIC_SOURCECFG(VAPLIC_NR_SOURCES)) {
		u32 src = (u32)(offset / 4u);

		if (is_write)
			sourcecfg_write(m, src, *value);
		else
			*value = vaplic_model_owns(m, src) ? m->sm[src] : 0;
		return VAPLIC_OK;
	}
	if (num_access(m, offset, is_write, value))
		return VAPLIC_OK;
	base = bitmap_base(offset);
	if (base) {
		u32 word = (u32)((offset - base) / 4u);

		if (is_write)
			bitmap_write(m, base, word, *value);
		else
			*value = bitmap_read(m, base, word);
		return VAPLIC_OK;
	}
	if (offset > VAPLIC_GENMSI && offset < VAPLIC_TARGET(VAPLIC_NR_SOURCES)) {
		u32 src = (u32)((offset - VAPLIC_GENMSI) / 4u);

		if (is_write)
			target_write(m, src, *value);
		else
			*value = active(m, src) ? m->target[src] : 0;
		return VAPLIC_OK;
	}
	/* Reserved bytes, the MSI address registers, setipnum_be and genmsi: read-only zero. */
	if (!is_write)
		*value = 0;
	return VAPLIC_OK;
}

bool vaplic_model_set_wire(struct vaplic_model *m, u32 src, bool high)
{
	bool before;

	if (!vaplic_model_owns(m, src))
		return false;
	before = rectified(m, src);
	assign_bit(m->wire, src, high);
	if (test_bit(m->edge, src) && !before && rectified(m, src))
		assign_bit(m->pending, src, true);
	/* MSI mode: a level source's input changes the pending bit only when it moves. */
	if (!m->msi || before != rectified(m, src))
		follow_level(m, src);
	return true;
}

bool vaplic_model_raise(struct vaplic_model *m, u32 src)
{
	if (!vaplic_model_owns(m, src))
		return false;
	if (active(m, src))
		assign_bit(m->pending, src, true);
	return true;
}

static bool msi_ready(const struct vaplic_model *m, u32 src)
{
	return m->msi && (m->domaincfg & VAPLIC_DOMAINCFG_IE) && active(m, src) &&
	       test_bit(m->pending, src) && test_bit(m->enable, src);
}

bool vaplic_model_msi_take(struct vaplic_model *m, u32 src, u32 *hart, u32 *eiid)
{
	if (!msi_ready(m, src))
		return false;
	assign_bit(m->pending, src, false);
	*hart = m->target[src] >> VAPLIC_TARGET_HART_SH;
	*eiid = m->target[src] & VAPLIC_TARGET_EIID;
	return true;
}

bool vaplic_model_msi_direct(const struct vaplic_model *m, u32 src, u32 *hart, u32 *eiid)
{
	if (!m->msi || !(m->domaincfg & VAPLIC_DOMAINCFG_IE) || !active(m, src) ||
	    !test_bit(m->enable, src) || test_bit(m->pending, src))
		return false;
	*hart = m->target[src] >> VAPLIC_TARGET_HART_SH;
	*eiid = m->target[src] & VAPLIC_TARGET_EIID;
	return true;
}

u32 vaplic_model_msi_next(const struct vaplic_model *m, u32 from)
{
	if (!m->msi || !(m->domaincfg & VAPLIC_DOMAINCFG_IE))
		return 0;
	for (u32 src = from ? from : 1u; src < m->owned_words * 32u; src++) {
		u32 word = src / 32u;

		/* A whole word with nothing to forward is skipped at once. */
		if (!(m->pending[word] & m->enable[word] & m->active[word])) {
			src = word * 32u + 31u;
			continue;
		}
		if (msi_ready(m, src))
			return src;
	}
	return 0;
}

bool vaplic_model_line(const struct vaplic_model *m, unsigned int vcpu)
{
	if (m->msi || vcpu >= m->nr_vcpus || !(m->domaincfg & VAPLIC_DOMAINCFG_IE) ||
	    !m->idc[vcpu].idelivery)
		return false;
	return m->idc[vcpu].iforce || vaplic_model_topi(m, vcpu) != 0;
}

u64 vaplic_model_lines(const struct vaplic_model *m)
{
	u64 lines = 0;

	for (unsigned int vcpu = 0; vcpu < m->nr_vcpus; vcpu++)
		if (vaplic_model_line(m, vcpu))
			lines |= 1ull << vcpu;
	return lines;
}

void vaplic_model_reset(struct vaplic_model *m)
{
	m->domaincfg = 0;
	for (u32 word = 0; word < VAPLIC_WORDS; word++) {
		m->active[word] = 0;
		m->level[word] = 0;
		m->edge[word] = 0;
		m->inverted[word] = 0;
		m->wire[word] = 0;
		m->pending[word] = 0;
		m->enable[word] = 0;
	}
	for (u32 src = 0; src < VAPLIC_NR_SOURCES; src++) {
		m->target[src] = 0;
		m->sm[src] = VAPLIC_SM_INACTIVE;
	}
	for (unsigned int vcpu = 0; vcpu < VAPLIC_MAX_VCPUS; vcpu++) {
		m->idc[vcpu].idelivery = 0;
		m->idc[vcpu].iforce = 0;
		m->idc[vcpu].ithreshold = 0;
	}
}

int vaplic_model_init(struct vaplic_model *m, unsigned int nr_vcpus, const u32 *owned,
		      unsigned int nr_owned)
{
	if (nr_vcpus == 0 || nr_vcpus > VAPLIC_MAX_VCPUS)
		return -EINVAL;
	for (unsigned int i = 0; i < nr_owned; i++)
		if (owned[i] == 0 || owned[i] >= VAPLIC_NR_SOURCES)
			return -EINVAL;
	m->nr_vcpus = nr_vcpus;
	m->owned_words = 0;
	for (u32 word = 0; word < VAPLIC_WORDS; word++)
		m->owned[word] = 0;
	for (unsigned int i = 0; i < nr_owned; i++) {
		assign_bit(m->owned, owned[i], true);
		if (owned[i] / 32u >= m->owned_words)
			m->owned_words = owned[i] / 32u + 1u;
	}
	m->msi = false;
	vaplic_model_reset(m);
	return 0;
}

int vaplic_model_init_msi(struct vaplic_model *m, unsigned int nr_vcpus, const u32 *owned,
			  unsigned int nr_owned)
{
	int err = vaplic_model_init(m, nr_vcpus, owned, nr_owned);

	if (!err)
		m->msi = true;
	return err;
}
