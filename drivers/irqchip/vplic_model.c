/* SPDX-License-Identifier: Apache-2.0 */
/* The virtual PLIC's register semantics, kept pure so host tests run it as is. */
#include <bulwark/errno.h>

#include "vplic_model.h"

_Static_assert(VPLIC_MAX_VCPUS >= 1 && VPLIC_MAX_VCPUS <= 64,
	       "the line mask has one bit per vCPU in a u64");

/* What a context number means for this VM. */
enum context_kind {
	CONTEXT_S,    /* a vCPU's S-mode context: the live one */
	CONTEXT_M,    /* a vCPU's M-mode context: present but inert */
	CONTEXT_NONE, /* beyond the VM's vCPUs: not the guest's to write */
};

static bool test_bit(const u32 *bitmap, u32 bit)
{
	return (bitmap[bit / 32u] >> (bit % 32u)) & 1u;
}

static void set_bit(u32 *bitmap, u32 bit)
{
	bitmap[bit / 32u] |= 1u << (bit % 32u);
}

static void clear_bit(u32 *bitmap, u32 bit)
{
	bitmap[bit / 32u] &= ~(1u << (bit % 32u));
}

static enum context_kind context_kind(const struct vplic_model *m, u64 context, unsigned int *vcpu)
{
	if (context >= 2u * (u64)m->nr_vcpus)
		return CONTEXT_NONE;
	*vcpu = (unsigned int)(context / 2u);
	return (context & 1u) ? CONTEXT_S : CONTEXT_M;
}

/*
 * The source a claim by vCPU vcpu would return: the highest priority among
 * pending, enabled, unclaimed sources above the threshold. Scanning upwards
 * and replacing only on a strictly higher priority gives ties to the lowest
 * id, as the PLIC specification requires.
 */
static u32 best_source(const struct vplic_model *m, unsigned int vcpu)
{
	const struct vplic_context *ctx = &m->ctx[vcpu];
	u32 best = 0;
	u32 best_priority = ctx->threshold;

	for (u32 word = 0; word < m->owned_words; word++) {
		u32 candidates =
		    m->pending[word] & ~m->claimed[word] & m->owned[word] & ctx->enable[word];

		for (u32 bit = 0; candidates && bit < 32u; bit++) {
			u32 src = word * 32u + bit;

			if (!(candidates & (1u << bit)))
				continue;
			candidates &= ~(1u << bit);
			if (m->priority[src] > best_priority) {
				best = src;
				best_priority = m->priority[src];
			}
		}
	}
	return best;
}

static void priority_write(struct vplic_model *m, u32 src, u32 value)
{
	/*
	 * Source 0 does not exist and is hardwired to zero. Writing the
	 * priority of someone else's source changes nothing (it reads 0), so
	 * guests that set every priority at boot, as Linux does, keep working;
	 * enabling such a source is what is denied.
	 */
	if (vplic_model_owns(m, src))
		m->priority[src] = (u8)(value & VPLIC_PRIORITY_MASK);
}

static void enable_write(struct vplic_model *m, u64 context, u32 word, u32 value)
{
	unsigned int vcpu = 0;

	/* M contexts and contexts that are not the VM's ignore writes. */
	if (context_kind(m, context, &vcpu) != CONTEXT_S)
		return;
	/*
	 * Enable bits of sources the VM does not own are hardwired to zero for
	 * it (the bits of unimplemented sources, WARL): written bits there are
	 * dropped. Bit 0 of word 0 is source 0, which does not exist.
	 */
	if (word == 0)
		value &= ~1u;
	m->ctx[vcpu].enable[word] = value & m->owned[word];
}

static u32 claim(struct vplic_model *m, unsigned int vcpu)
{
	u32 src = best_source(m, vcpu);

	if (src) {
		clear_bit(m->pending, src);
		set_bit(m->claimed, src);
	}
	return src;
}

static void complete(struct vplic_model *m, u32 src, u32 *completed)
{
	/* Writing 0 completes nothing; Linux never does it, but it is harmless. */
	if (src == 0)
		return;
	/*
	 * The specification silently ignores a completion that names a source
	 * not enabled for the context, which includes every source not the VM's.
	 */
	if (!vplic_model_owns(m, src))
		return;
	if (test_bit(m->claimed, src)) {
		clear_bit(m->claimed, src);
		*completed = src;
		/* A level source's gateway forwards a new request if its line is still high. */
		if (test_bit(m->level, src))
			set_bit(m->pending, src);
	}
}

/* A write to a context's page, or a claim (a read of its claim register). */
static void context_access(struct vplic_model *m, u64 context, u32 reg, bool is_write, u32 *value,
			   u32 *completed)
{
	unsigned int vcpu = 0;

	if (reg != VPLIC_THRESHOLD && reg != VPLIC_CLAIM_COMPLETE)
		return; /* reserved: a claim offset only reaches here, so a write */
	if (context_kind(m, context, &vcpu) != CONTEXT_S) {
		/* M contexts and those not the VM's: nothing to claim, writes ignored. */
		if (!is_write)
			*value = 0;
		return;
	}
	if (reg == VPLIC_THRESHOLD)
		m->ctx[vcpu].threshold = *value & VPLIC_PRIORITY_MASK;
	else if (is_write)
		complete(m, *value, completed);
	else
		*value = claim(m, vcpu);
}

enum vplic_result vplic_model_access(struct vplic_model *m, u64 offset, unsigned int width,
				     bool is_write, u32 *value, u32 *completed)
{
	*completed = 0;
	if (!vplic_model_access_changes_state(offset, is_write))
		return vplic_model_read(m, offset, width, value);
	/* Every PLIC register is a 32-bit word; the specification allows nothing else. */
	if (width != 4 || (offset & 3u))
		return VPLIC_BAD_ACCESS;

	if (offset < VPLIC_PENDING_BASE) {
		priority_write(m, (u32)(offset / 4u), *value);
		return VPLIC_OK;
	}
	/* Pending bits are read-only in the PLIC: writes are ignored, as the hardware does. */
	if (offset < VPLIC_PENDING_END)
		return VPLIC_OK;
	if (offset >= VPLIC_ENABLE_BASE && offset < VPLIC_ENABLE_END) {
		u64 rel = offset - VPLIC_ENABLE_BASE;

		enable_write(m, rel / VPLIC_ENABLE_STRIDE, (u32)((rel % VPLIC_ENABLE_STRIDE) / 4u),
			     *value);
		return VPLIC_OK;
	}
	if (offset >= VPLIC_CONTEXT_BASE && offset < VPLIC_CONTEXT_END) {
		u64 rel = offset - VPLIC_CONTEXT_BASE;

		context_access(m, rel / VPLIC_CONTEXT_STRIDE, (u32)(rel % VPLIC_CONTEXT_STRIDE),
			       is_write, value, completed);
		return VPLIC_OK;
	}
	/* Past the last context there is no PLIC register at all. */
	if (offset >= VPLIC_CONTEXT_END)
		return VPLIC_DENIED;
	return VPLIC_OK; /* reserved offsets ignore writes */
}

bool vplic_model_owns(const struct vplic_model *m, u32 src)
{
	return src < VPLIC_NR_SOURCES && test_bit(m->owned, src);
}

bool vplic_model_raise(struct vplic_model *m, u32 src)
{
	if (!vplic_model_owns(m, src))
		return false;
	set_bit(m->pending, src);
	return true;
}

bool vplic_model_set_level(struct vplic_model *m, u32 src, bool high)
{
	if (!vplic_model_owns(m, src))
		return false;
	if (!high) {
		/* A request already forwarded stays pending (PLIC specification, gateways). */
		clear_bit(m->level, src);
		return true;
	}
	set_bit(m->level, src);
	/* One request at a time: none while one is pending or claimed. */
	if (!test_bit(m->claimed, src))
		set_bit(m->pending, src);
	return true;
}

bool vplic_model_line(const struct vplic_model *m, unsigned int vcpu)
{
	return vcpu < m->nr_vcpus && best_source(m, vcpu) != 0;
}

u64 vplic_model_lines(const struct vplic_model *m)
{
	u64 lines = 0;

	for (unsigned int vcpu = 0; vcpu < m->nr_vcpus; vcpu++)
		if (vplic_model_line(m, vcpu))
			lines |= 1ull << vcpu;
	return lines;
}

void vplic_model_reset(struct vplic_model *m)
{
	for (u32 word = 0; word < VPLIC_WORDS; word++) {
		m->pending[word] = 0;
		m->claimed[word] = 0;
		m->level[word] = 0;
	}
	for (u32 src = 0; src < VPLIC_NR_SOURCES; src++)
		m->priority[src] = 0;
	for (unsigned int vcpu = 0; vcpu < VPLIC_MAX_VCPUS; vcpu++) {
		for (u32 word = 0; word < VPLIC_WORDS; word++)
			m->ctx[vcpu].enable[word] = 0;
		m->ctx[vcpu].threshold = 0;
	}
}

int vplic_model_init(struct vplic_model *m, unsigned int nr_vcpus, const u32 *owned,
		     unsigned int nr_owned)
{
	if (nr_vcpus == 0 || nr_vcpus > VPLIC_MAX_VCPUS)
		return -EINVAL;
	for (unsigned int i = 0; i < nr_owned; i++)
		if (owned[i] == 0 || owned[i] >= VPLIC_NR_SOURCES)
			return -EINVAL;

	m->nr_vcpus = nr_vcpus;
	for (u32 word = 0; word < VPLIC_WORDS; word++)
		m->owned[word] = 0;
	m->owned_words = 0;
	for (unsigned int i = 0; i < nr_owned; i++) {
		set_bit(m->owned, owned[i]);
		if (owned[i] / 32u >= m->owned_words)
			m->owned_words = owned[i] / 32u + 1u;
	}
	vplic_model_reset(m);
	return 0;
}
