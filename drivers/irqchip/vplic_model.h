/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A register-level model of one VM's virtual PLIC, with no hypervisor
 * dependencies, so the host unit tests drive exactly the code the
 * hypervisor runs.
 *
 * Context numbering follows QEMU's virt machine: vCPU n has the M-mode
 * context 2n and the S-mode context 2n+1. Only S contexts do anything; the
 * M contexts exist in the map (a guest may probe them) but read 0 and ignore
 * writes. Guest source ids are the physical ids: a VM sees its devices'
 * interrupts under the numbers the board gives them.
 */
#ifndef DRIVERS_IRQCHIP_VPLIC_MODEL_H
#define DRIVERS_IRQCHIP_VPLIC_MODEL_H

#include <bulwark/types.h>

/* Source ids the PLIC register map can name; id 0 means "no interrupt". */
#define VPLIC_NR_SOURCES 1024u
#define VPLIC_WORDS	 (VPLIC_NR_SOURCES / 32u)

/* Priorities and thresholds keep 3 bits, as QEMU's PLIC (7 levels). */
#define VPLIC_PRIORITY_MASK 7u

/*
 * vCPUs one model can hold. The kernel sizes it by the CPU count (a vCPU is
 * pinned to a CPU); the host tests use a small fixed bound. The line mask
 * returned by vplic_model_lines() has one bit per vCPU, hence at most 64.
 */
#if defined(CONFIG_NR_CPUS)
#define VPLIC_MAX_VCPUS CONFIG_NR_CPUS
#else
#define VPLIC_MAX_VCPUS 8
#endif

/* Register map (offsets from the window base), from the PLIC specification. */
#define VPLIC_PRIORITY_BASE   0x0u
#define VPLIC_PENDING_BASE    0x1000u
#define VPLIC_ENABLE_BASE     0x2000u
#define VPLIC_ENABLE_STRIDE   0x80u
#define VPLIC_CONTEXT_BASE    0x200000u
#define VPLIC_CONTEXT_STRIDE  0x1000u
#define VPLIC_THRESHOLD	      0x0u /* within a context's page */
#define VPLIC_CLAIM_COMPLETE  0x4u /* within a context's page */
#define VPLIC_MAX_CONTEXTS    15872u
#define VPLIC_WINDOW_MAX_SIZE 0x4000000u

enum vplic_result {
	VPLIC_OK = 0,
	VPLIC_DENIED,	  /* the guest reached for a source or context it does not own */
	VPLIC_BAD_ACCESS, /* not an aligned 32-bit access */
};

struct vplic_context {
	u32 enable[VPLIC_WORDS];
	u32 threshold;
};

struct vplic_model {
	unsigned int nr_vcpus;
	/*
	 * Words of the bitmaps below that hold an owned source: one past the
	 * last. Nothing else can be pending or enabled, so a claim or a line
	 * looks at those words only (a VM owns a few low sources, not 1,024).
	 */
	u32 owned_words;
	u32 owned[VPLIC_WORDS];
	u32 pending[VPLIC_WORDS];
	u32 claimed[VPLIC_WORDS]; /* claimed by the guest, not yet completed */
	u8 priority[VPLIC_NR_SOURCES];
	/* Only the S-mode contexts have state: ctx[n] is context 2n+1. */
	struct vplic_context ctx[VPLIC_MAX_VCPUS];
	u32 level[VPLIC_WORDS]; /* level-sensitive sources whose line is high */
};

/*
 * Builds a model for nr_vcpus vCPUs owning the given sources, everything else
 * at reset state (priorities, enables, thresholds 0, nothing pending).
 * Returns 0, or -EINVAL when nr_vcpus is 0 or above VPLIC_MAX_VCPUS or a
 * source is 0 or not below VPLIC_NR_SOURCES.
 */
int vplic_model_init(struct vplic_model *m, unsigned int nr_vcpus, const u32 *owned,
		     unsigned int nr_owned);

/* Back to reset state; the owned sources and the vCPU count stay. */
void vplic_model_reset(struct vplic_model *m);

bool vplic_model_owns(const struct vplic_model *m, u32 src);

/*
 * One guest access at offset from the window base. For a read, *value
 * receives the register; for a write, *value is what the guest wrote.
 * *completed is set to the source id the guest has just completed (it must
 * now be completed physically if it came from the hardware), 0 otherwise.
 * Nothing changes unless the result is VPLIC_OK.
 */
enum vplic_result vplic_model_access(struct vplic_model *m, u64 offset, unsigned int width,
				     bool is_write, u32 *value, u32 *completed);

/* The register map's ends: pending words, enable blocks and context pages of every context. */
#define VPLIC_PENDING_END (VPLIC_PENDING_BASE + VPLIC_WORDS * 4u)
#define VPLIC_ENABLE_END  (VPLIC_ENABLE_BASE + (u64)VPLIC_ENABLE_STRIDE * VPLIC_MAX_CONTEXTS)
#define VPLIC_CONTEXT_END (VPLIC_CONTEXT_BASE + (u64)VPLIC_CONTEXT_STRIDE * VPLIC_MAX_CONTEXTS)

/* Whether context is one of the VM's S-mode contexts (2n+1 for vCPU n, which goes to *vcpu). */
static inline bool vplic_model_s_context(const struct vplic_model *m, u64 context,
					 unsigned int *vcpu)
{
	if (context >= 2u * (u64)m->nr_vcpus || !(context & 1u))
		return false;
	*vcpu = (unsigned int)(context / 2u);
	return true;
}

/*
 * A read at offset that is not a claim (vplic_model_access_changes_state()
 * false): the answer vplic_model_access() gives, from a const model, so a
 * caller may take it without the lock that serialises changes (every
 * register is one aligned word or byte of the model, read whole). Inline:
 * it is the whole of a trapped read. Reserved offsets and contexts that are
 * not the VM's read as zero, as the PLIC specification hardwires what is
 * not implemented; so do M contexts and the priorities and enable bits of
 * sources the VM does not own. A claim register's offset is
 * VPLIC_BAD_ACCESS here: a claim takes a source, it is no plain read.
 */
static inline enum vplic_result vplic_model_read(const struct vplic_model *m, u64 offset,
						 unsigned int width, u32 *value)
{
	unsigned int vcpu = 0;
	u64 rel;

	/* Every PLIC register is a 32-bit word; the specification allows nothing else. */
	if (width != 4 || (offset & 3u))
		return VPLIC_BAD_ACCESS;
	if (offset < VPLIC_PENDING_BASE) {
		u32 src = (u32)(offset / 4u);

		*value = ((m->owned[src / 32u] >> (src % 32u)) & 1u) ? m->priority[src] : 0;
		return VPLIC_OK;
	}
	if (offset < VPLIC_PENDING_END) {
		u32 word = (u32)((offset - VPLIC_PENDING_BASE) / 4u);

		*value = m->pending[word] & m->owned[word];
		return VPLIC_OK;
	}
	*value = 0;
	if (offset >= VPLIC_ENABLE_BASE && offset < VPLIC_ENABLE_END) {
		rel = offset - VPLIC_ENABLE_BASE;
		if (vplic_model_s_context(m, rel / VPLIC_ENABLE_STRIDE, &vcpu))
			*value = m->ctx[vcpu].enable[(rel % VPLIC_ENABLE_STRIDE) / 4u];
		return VPLIC_OK;
	}
	if (offset >= VPLIC_CONTEXT_BASE && offset < VPLIC_CONTEXT_END) {
		rel = offset - VPLIC_CONTEXT_BASE;
		if (rel % VPLIC_CONTEXT_STRIDE == VPLIC_CLAIM_COMPLETE)
			return VPLIC_BAD_ACCESS;
		if (rel % VPLIC_CONTEXT_STRIDE == VPLIC_THRESHOLD &&
		    vplic_model_s_context(m, rel / VPLIC_CONTEXT_STRIDE, &vcpu))
			*value = m->ctx[vcpu].threshold;
		return VPLIC_OK;
	}
	/* Past the last context there is no PLIC register at all. */
	if (offset >= VPLIC_CONTEXT_END)
		return VPLIC_DENIED;
	return VPLIC_OK;
}

/*
 * Whether an access at offset can change the model's state, and with it a
 * vCPU's line or a physical completion: every write, and a read of a claim
 * register (a claim takes the source). Reads of every other register leave
 * the model as it was, so the caller need not recompute the lines.
 */
static inline bool vplic_model_access_changes_state(u64 offset, bool is_write)
{
	if (is_write)
		return true;
	return offset >= VPLIC_CONTEXT_BASE &&
	       (offset - VPLIC_CONTEXT_BASE) % VPLIC_CONTEXT_STRIDE == VPLIC_CLAIM_COMPLETE;
}

/* A source fired: make it pending. False (and no change) when not owned. */
bool vplic_model_raise(struct vplic_model *m, u32 src);

/*
 * The line of a level-sensitive source is now high or low (a virtual
 * device drives it). As a PLIC gateway: a high line makes the source
 * pending unless a request of it is already claimed, and pending again
 * when the guest completes it while the line is still high; a low line
 * forwards nothing more but leaves a pending request pending. False (and
 * no change) when not owned. Reset lowers every line.
 */
bool vplic_model_set_level(struct vplic_model *m, u32 src, bool high);

/*
 * Whether vCPU n's external interrupt line should be asserted: some source
 * is pending, enabled in its S context, not claimed, and has a priority
 * above that context's threshold.
 */
bool vplic_model_line(const struct vplic_model *m, unsigned int vcpu);

/* vplic_model_line() for every vCPU: bit n is vCPU n. */
u64 vplic_model_lines(const struct vplic_model *m);

#endif /* DRIVERS_IRQCHIP_VPLIC_MODEL_H */
