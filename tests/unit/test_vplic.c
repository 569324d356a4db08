/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the virtual PLIC model: register map, claim order, ownership rules, lines. */
#include "../../drivers/irqchip/vplic_model.h"

#include "test.h"

#define ARRAY_LEN(a) ((unsigned int)(sizeof(a) / sizeof((a)[0])))

#define SRC_UART 10u
#define SRC_RTC	 11u

/* Sources the test VM owns: spread over three enable words, with gaps. */
static const u32 owned[] = {1, 5, SRC_UART, SRC_RTC, 33, 95};
static struct vplic_model m;
static u32 last_completed;

static void setup(unsigned int nr_vcpus)
{
	EXPECT_EQ_INT(vplic_model_init(&m, nr_vcpus, owned, ARRAY_LEN(owned)), 0);
}

static u64 priority_reg(u32 src)
{
	return 4u * (u64)src;
}

static u64 enable_reg(u64 context, u32 src)
{
	return 0x2000u + 0x80u * context + 4u * (src / 32u);
}

static u64 threshold_reg(u64 context)
{
	return 0x200000u + 0x1000u * context;
}

static u64 claim_reg(u64 context)
{
	return threshold_reg(context) + 4u;
}

/* S-mode context of vCPU n on QEMU virt numbering. */
static u64 s_ctx(unsigned int vcpu)
{
	return 2u * vcpu + 1u;
}

static enum vplic_result wr(u64 offset, u32 value)
{
	return vplic_model_access(&m, offset, 4, true, &value, &last_completed);
}

static enum vplic_result rd_result(u64 offset, u32 *value)
{
	*value = 0xdeadbeefu;
	return vplic_model_access(&m, offset, 4, false, value, &last_completed);
}

static u32 rd(u64 offset)
{
	u32 value;

	EXPECT_EQ_INT(rd_result(offset, &value), VPLIC_OK);
	return value;
}

static void enable(unsigned int vcpu, u32 src)
{
	u64 reg = enable_reg(s_ctx(vcpu), src);

	EXPECT_EQ_INT(wr(reg, rd(reg) | (1u << (src % 32u))), VPLIC_OK);
}

/* Owned source: priority set, enabled on vCPU 0, raised. */
static void arm(u32 src, u32 priority)
{
	EXPECT_EQ_INT(wr(priority_reg(src), priority), VPLIC_OK);
	enable(0, src);
	EXPECT_TRUE(vplic_model_raise(&m, src));
}

static u32 claim(unsigned int vcpu)
{
	return rd(claim_reg(s_ctx(vcpu)));
}

/* Completes src from vCPU vcpu; returns what the model asks to complete physically. */
static u32 complete(unsigned int vcpu, u32 src)
{
	EXPECT_EQ_INT(wr(claim_reg(s_ctx(vcpu)), src), VPLIC_OK);
	return last_completed;
}

TEST(vplic, init_rejects_bad_arguments)
{
	static const u32 zero[] = {0};
	static const u32 too_high[] = {5, 1024};

	EXPECT_EQ_INT(vplic_model_init(&m, 0, owned, ARRAY_LEN(owned)), -22);
	EXPECT_EQ_INT(vplic_model_init(&m, VPLIC_MAX_VCPUS + 1, owned, ARRAY_LEN(owned)), -22);
	EXPECT_EQ_INT(vplic_model_init(&m, 1, zero, 1), -22);
	EXPECT_EQ_INT(vplic_model_init(&m, 1, too_high, 2), -22);
	EXPECT_EQ_INT(vplic_model_init(&m, VPLIC_MAX_VCPUS, owned, ARRAY_LEN(owned)), 0);
	EXPECT_EQ_INT(vplic_model_init(&m, 1, NULL, 0), 0);
}

TEST(vplic, reset_state_reads_zero)
{
	setup(2);
	EXPECT_EQ_UINT(rd(priority_reg(SRC_UART)), 0);
	EXPECT_EQ_UINT(rd(0x1000), 0);
	EXPECT_EQ_UINT(rd(enable_reg(s_ctx(1), SRC_UART)), 0);
	EXPECT_EQ_UINT(rd(threshold_reg(s_ctx(1))), 0);
	EXPECT_EQ_UINT(claim(0), 0);
	EXPECT_EQ_UINT(vplic_model_lines(&m), 0);
}

TEST(vplic, priority_keeps_three_bits)
{
	setup(1);
	EXPECT_EQ_INT(wr(priority_reg(SRC_UART), 3), VPLIC_OK);
	EXPECT_EQ_UINT(rd(priority_reg(SRC_UART)), 3);
	EXPECT_EQ_INT(wr(priority_reg(SRC_UART), 0xff), VPLIC_OK);
	EXPECT_EQ_UINT(rd(priority_reg(SRC_UART)), 7);
	EXPECT_EQ_INT(wr(priority_reg(95), 8), VPLIC_OK);
	EXPECT_EQ_UINT(rd(priority_reg(95)), 0);
}

TEST(vplic, unowned_priority_reads_zero_and_writes_are_ignored)
{
	setup(1);
	EXPECT_EQ_INT(wr(priority_reg(2), 0), VPLIC_OK);
	EXPECT_EQ_INT(wr(priority_reg(2), 1), VPLIC_OK);
	EXPECT_EQ_INT(wr(priority_reg(1023), 7), VPLIC_OK);
	EXPECT_EQ_UINT(rd(priority_reg(2)), 0);
	EXPECT_EQ_UINT(rd(priority_reg(1023)), 0);
}

TEST(vplic, source_zero_is_hardwired)
{
	setup(1);
	EXPECT_EQ_INT(wr(priority_reg(0), 7), VPLIC_OK);
	EXPECT_EQ_UINT(rd(priority_reg(0)), 0);
	EXPECT_TRUE(!vplic_model_raise(&m, 0));
	EXPECT_EQ_INT(wr(enable_reg(s_ctx(0), 0), 0x1u | (1u << 5)), VPLIC_OK);
	EXPECT_EQ_UINT(rd(enable_reg(s_ctx(0), 0)), 1u << 5);
	EXPECT_EQ_UINT(complete(0, 0), 0);
}

TEST(vplic, pending_shows_raised_sources_and_ignores_writes)
{
	setup(1);
	EXPECT_TRUE(vplic_model_raise(&m, 5));
	EXPECT_TRUE(vplic_model_raise(&m, 33));
	EXPECT_EQ_UINT(rd(0x1000), 1u << 5);
	EXPECT_EQ_UINT(rd(0x1004), 1u << 1);
	EXPECT_EQ_INT(wr(0x1000, 0), VPLIC_OK);
	EXPECT_EQ_UINT(rd(0x1000), 1u << 5);
	EXPECT_EQ_UINT(rd(0x107c), 0);
}

TEST(vplic, raise_of_unowned_source_is_refused)
{
	setup(1);
	EXPECT_TRUE(!vplic_model_raise(&m, 2));
	EXPECT_TRUE(!vplic_model_raise(&m, 1024));
	EXPECT_TRUE(!vplic_model_raise(&m, 0xffffffffu));
	EXPECT_EQ_UINT(rd(0x1000), 0);
}

TEST(vplic, claim_order_by_priority)
{
	setup(1);
	arm(1, 2);
	arm(SRC_UART, 6);
	arm(33, 4);
	EXPECT_EQ_UINT(claim(0), SRC_UART);
	EXPECT_EQ_UINT(claim(0), 33);
	EXPECT_EQ_UINT(claim(0), 1);
	EXPECT_EQ_UINT(claim(0), 0);
}

TEST(vplic, claim_ties_go_to_lowest_id)
{
	setup(1);
	arm(95, 5);
	arm(SRC_RTC, 5);
	arm(SRC_UART, 5);
	arm(1, 4);
	EXPECT_EQ_UINT(claim(0), SRC_UART);
	EXPECT_EQ_UINT(claim(0), SRC_RTC);
	EXPECT_EQ_UINT(claim(0), 95);
	EXPECT_EQ_UINT(claim(0), 1);
}

TEST(vplic, claim_clears_pending_and_claimed_source_does_not_signal)
{
	setup(1);
	arm(5, 1);
	EXPECT_EQ_UINT(claim(0), 5);
	EXPECT_EQ_UINT(rd(0x1000), 0);
	EXPECT_EQ_UINT(vplic_model_lines(&m), 0);
	/* Raised again while in service: pending, but held back until completed. */
	EXPECT_TRUE(vplic_model_raise(&m, 5));
	EXPECT_EQ_UINT(rd(0x1000), 1u << 5);
	EXPECT_EQ_UINT(vplic_model_lines(&m), 0);
	EXPECT_EQ_UINT(claim(0), 0);
	EXPECT_EQ_UINT(complete(0, 5), 5);
	EXPECT_EQ_UINT(vplic_model_lines(&m), 1);
	EXPECT_EQ_UINT(claim(0), 5);
}

TEST(vplic, threshold_masks_priorities_at_or_below_it)
{
	setup(1);
	arm(SRC_UART, 3);
	EXPECT_EQ_INT(wr(threshold_reg(s_ctx(0)), 3), VPLIC_OK);
	EXPECT_TRUE(!vplic_model_line(&m, 0));
	EXPECT_EQ_UINT(claim(0), 0);
	EXPECT_EQ_INT(wr(threshold_reg(s_ctx(0)), 2), VPLIC_OK);
	EXPECT_TRUE(vplic_model_line(&m, 0));
	EXPECT_EQ_UINT(claim(0), SRC_UART);
}

TEST(vplic, threshold_keeps_three_bits)
{
	setup(1);
	EXPECT_EQ_INT(wr(threshold_reg(s_ctx(0)), 0xff), VPLIC_OK);
	EXPECT_EQ_UINT(rd(threshold_reg(s_ctx(0))), 7);
	arm(SRC_UART, 7);
	EXPECT_EQ_UINT(claim(0), 0);
}

TEST(vplic, priority_zero_never_interrupts)
{
	setup(1);
	arm(SRC_UART, 0);
	EXPECT_TRUE(!vplic_model_line(&m, 0));
	EXPECT_EQ_UINT(claim(0), 0);
	EXPECT_EQ_UINT(rd(0x1000), 1u << SRC_UART);
}

TEST(vplic, enables_are_per_context)
{
	setup(2);
	EXPECT_EQ_INT(wr(priority_reg(5), 1), VPLIC_OK);
	enable(1, 5);
	EXPECT_TRUE(vplic_model_raise(&m, 5));
	EXPECT_EQ_UINT(rd(enable_reg(s_ctx(0), 5)), 0);
	EXPECT_EQ_UINT(rd(enable_reg(s_ctx(1), 5)), 1u << 5);
	EXPECT_EQ_UINT(vplic_model_lines(&m), 2);
	EXPECT_EQ_UINT(claim(0), 0);
	EXPECT_EQ_UINT(claim(1), 5);
}

TEST(vplic, enable_bits_of_unowned_sources_are_raz_wi)
{
	setup(1);
	/* Source 5 is owned, 2 is not: only 5 takes. */
	EXPECT_EQ_INT(wr(enable_reg(s_ctx(0), 0), (1u << 5) | (1u << 2)), VPLIC_OK);
	EXPECT_EQ_UINT(rd(enable_reg(s_ctx(0), 0)), 1u << 5);
	EXPECT_EQ_INT(wr(enable_reg(s_ctx(0), 64), 1), VPLIC_OK);
	EXPECT_EQ_UINT(rd(enable_reg(s_ctx(0), 64)), 0);
	EXPECT_EQ_INT(wr(enable_reg(s_ctx(0), 1023), 0x80000000u), VPLIC_OK);
	EXPECT_EQ_UINT(rd(enable_reg(s_ctx(0), 1023)), 0);
	/* Every bit set, as a guest enabling "everything" does: the owned ones stick. */
	EXPECT_EQ_INT(wr(enable_reg(s_ctx(0), 32), 0xffffffffu), VPLIC_OK);
	EXPECT_EQ_UINT(rd(enable_reg(s_ctx(0), 32)), 1u << 1);
	EXPECT_EQ_INT(wr(enable_reg(s_ctx(0), 64), 0), VPLIC_OK);
	EXPECT_EQ_INT(wr(enable_reg(s_ctx(0), 95), 1u << 31), VPLIC_OK);
	EXPECT_EQ_UINT(rd(enable_reg(s_ctx(0), 95)), 1u << 31);
	/* An unowned source never reaches the guest, enabled or not. */
	EXPECT_EQ_UINT(claim(0), 0);
}

TEST(vplic, complete_reports_physical_completion_once)
{
	setup(1);
	arm(SRC_UART, 1);
	EXPECT_EQ_UINT(claim(0), SRC_UART);
	EXPECT_EQ_UINT(complete(0, SRC_UART), SRC_UART);
	EXPECT_EQ_UINT(complete(0, SRC_UART), 0);
}

TEST(vplic, complete_of_unclaimed_source_is_ignored)
{
	setup(1);
	arm(SRC_UART, 1);
	EXPECT_EQ_UINT(complete(0, SRC_UART), 0);
	EXPECT_EQ_UINT(claim(0), SRC_UART);
}

TEST(vplic, complete_of_unowned_source_is_ignored)
{
	u32 value = 2;

	setup(1);
	EXPECT_EQ_INT(wr(claim_reg(s_ctx(0)), 2), VPLIC_OK);
	EXPECT_EQ_INT(wr(claim_reg(s_ctx(0)), 1024), VPLIC_OK);
	EXPECT_EQ_INT(wr(claim_reg(s_ctx(0)), 0xffffffffu), VPLIC_OK);
	/* It never reports a completion, even a stale one. */
	last_completed = 77;
	EXPECT_EQ_INT(vplic_model_access(&m, claim_reg(s_ctx(0)), 4, true, &value, &last_completed),
		      VPLIC_OK);
	EXPECT_EQ_UINT(last_completed, 0);
	EXPECT_EQ_UINT(vplic_model_lines(&m), 0);
}

TEST(vplic, complete_from_another_vcpu)
{
	setup(2);
	arm(SRC_RTC, 2);
	EXPECT_EQ_UINT(claim(0), SRC_RTC);
	EXPECT_EQ_UINT(complete(1, SRC_RTC), SRC_RTC);
}

TEST(vplic, lines_follow_each_vcpu)
{
	setup(3);
	EXPECT_EQ_INT(wr(priority_reg(5), 1), VPLIC_OK);
	EXPECT_EQ_INT(wr(priority_reg(33), 1), VPLIC_OK);
	enable(0, 5);
	enable(2, 5);
	enable(1, 33);
	EXPECT_TRUE(vplic_model_raise(&m, 33));
	EXPECT_EQ_UINT(vplic_model_lines(&m), 2);
	EXPECT_TRUE(vplic_model_raise(&m, 5));
	EXPECT_EQ_UINT(vplic_model_lines(&m), 7);
	/* vCPU 2 takes source 5: it is no longer pending for vCPU 0 either. */
	EXPECT_EQ_UINT(claim(2), 5);
	EXPECT_EQ_UINT(vplic_model_lines(&m), 2);
	EXPECT_EQ_INT(wr(threshold_reg(s_ctx(1)), 1), VPLIC_OK);
	EXPECT_EQ_UINT(vplic_model_lines(&m), 0);
	EXPECT_TRUE(!vplic_model_line(&m, 3));
}

TEST(vplic, m_contexts_are_inert)
{
	setup(2);
	EXPECT_EQ_INT(wr(priority_reg(5), 1), VPLIC_OK);
	EXPECT_TRUE(vplic_model_raise(&m, 5));
	/* Even an enable of someone else's source is ignored rather than denied. */
	EXPECT_EQ_INT(wr(enable_reg(2, 0), 0xffffffffu), VPLIC_OK);
	EXPECT_EQ_UINT(rd(enable_reg(2, 0)), 0);
	EXPECT_EQ_INT(wr(threshold_reg(0), 5), VPLIC_OK);
	EXPECT_EQ_UINT(rd(threshold_reg(0)), 0);
	EXPECT_EQ_UINT(rd(claim_reg(2)), 0);
	EXPECT_EQ_UINT(rd(0x1000), 1u << 5);
	EXPECT_EQ_INT(wr(claim_reg(0), 2), VPLIC_OK);
	EXPECT_EQ_UINT(last_completed, 0);
	EXPECT_EQ_UINT(vplic_model_lines(&m), 0);
}

TEST(vplic, contexts_beyond_the_vm_are_raz_wi)
{
	u32 value;

	setup(2);
	EXPECT_EQ_INT(wr(enable_reg(4, 5), 0), VPLIC_OK);
	EXPECT_EQ_INT(wr(enable_reg(5, 5), 1u << 5), VPLIC_OK);
	EXPECT_EQ_INT(wr(threshold_reg(5), 0), VPLIC_OK);
	EXPECT_EQ_INT(wr(claim_reg(7), 5), VPLIC_OK);
	EXPECT_EQ_INT(wr(claim_reg(15871), 5), VPLIC_OK);
	EXPECT_EQ_UINT(rd(enable_reg(5, 5)), 0);
	EXPECT_EQ_UINT(rd(threshold_reg(5)), 0);
	EXPECT_EQ_INT(rd_result(claim_reg(5), &value), VPLIC_OK);
	EXPECT_EQ_UINT(value, 0);
	/* The VM's own contexts are untouched by all that. */
	EXPECT_EQ_UINT(rd(enable_reg(s_ctx(0), 5)), 0);
}

TEST(vplic, reserved_offsets_are_raz_wi_and_beyond_the_plic_denied)
{
	setup(1);
	EXPECT_EQ_UINT(rd(0x1080), 0);
	EXPECT_EQ_INT(wr(0x1080, 0xffffffffu), VPLIC_OK);
	EXPECT_EQ_UINT(rd(0x1080), 0);
	EXPECT_EQ_INT(wr(0x1ffffc, 0), VPLIC_OK);
	EXPECT_EQ_UINT(rd(threshold_reg(1) + 8), 0);
	EXPECT_EQ_INT(wr(threshold_reg(1) + 8, 1), VPLIC_OK);
	EXPECT_EQ_UINT(rd(threshold_reg(1) + 8), 0);
	EXPECT_EQ_INT(wr(0x4000000, 0), VPLIC_DENIED);
	EXPECT_EQ_INT(wr(0xfffffffffffffffcull, 0), VPLIC_DENIED);
}

TEST(vplic, only_aligned_words_are_accepted)
{
	u32 value = 1;
	static const unsigned int widths[] = {1, 2, 8, 0, 3};

	setup(1);
	for (unsigned int i = 0; i < ARRAY_LEN(widths); i++) {
		EXPECT_EQ_INT(vplic_model_access(&m, priority_reg(5), widths[i], true, &value,
						 &last_completed),
			      VPLIC_BAD_ACCESS);
		EXPECT_EQ_INT(vplic_model_access(&m, priority_reg(5), widths[i], false, &value,
						 &last_completed),
			      VPLIC_BAD_ACCESS);
	}
	EXPECT_EQ_INT(vplic_model_access(&m, priority_reg(5) + 2, 4, true, &value, &last_completed),
		      VPLIC_BAD_ACCESS);
	EXPECT_EQ_INT(vplic_model_access(&m, claim_reg(1) + 1, 4, false, &value, &last_completed),
		      VPLIC_BAD_ACCESS);
	EXPECT_EQ_UINT(rd(priority_reg(5)), 0);
}

TEST(vplic, reset_clears_state_and_keeps_ownership)
{
	setup(2);
	arm(SRC_UART, 4);
	arm(5, 2);
	EXPECT_EQ_INT(wr(threshold_reg(s_ctx(1)), 3), VPLIC_OK);
	EXPECT_EQ_UINT(claim(0), SRC_UART);
	vplic_model_reset(&m);
	EXPECT_EQ_UINT(rd(priority_reg(SRC_UART)), 0);
	EXPECT_EQ_UINT(rd(enable_reg(s_ctx(0), 0)), 0);
	EXPECT_EQ_UINT(rd(threshold_reg(s_ctx(1))), 0);
	EXPECT_EQ_UINT(rd(0x1000), 0);
	EXPECT_EQ_UINT(vplic_model_lines(&m), 0);
	/* The claim is gone: completing it now is ignored. */
	EXPECT_EQ_UINT(complete(0, SRC_UART), 0);
	EXPECT_TRUE(vplic_model_owns(&m, SRC_UART));
	EXPECT_TRUE(!vplic_model_owns(&m, 2));
	arm(SRC_UART, 1);
	EXPECT_EQ_UINT(claim(0), SRC_UART);
}

TEST(vplic, highest_source_id)
{
	static const u32 top[] = {1023};

	EXPECT_EQ_INT(vplic_model_init(&m, 1, top, 1), 0);
	EXPECT_EQ_INT(wr(0xffc, 7), VPLIC_OK);
	EXPECT_EQ_UINT(rd(0xffc), 7);
	EXPECT_EQ_INT(wr(enable_reg(1, 1023), 0x80000000u), VPLIC_OK);
	EXPECT_TRUE(vplic_model_raise(&m, 1023));
	EXPECT_EQ_UINT(rd(0x107c), 0x80000000u);
	EXPECT_EQ_UINT(claim(0), 1023);
	EXPECT_EQ_UINT(complete(0, 1023), 1023);
}

/* A source that priority, enable and threshold let interrupt vCPU 0, not raised. */
static void ready(u32 src)
{
	EXPECT_EQ_INT(wr(priority_reg(src), 1), VPLIC_OK);
	enable(0, src);
}

static bool is_pending(u32 src)
{
	return (rd(0x1000 + 4u * (src / 32u)) >> (src % 32u)) & 1u;
}

TEST(vplic, level_high_is_pending_and_comes_again_after_completion)
{
	setup(1);
	ready(SRC_UART);
	EXPECT_TRUE(vplic_model_set_level(&m, SRC_UART, true));
	EXPECT_TRUE(is_pending(SRC_UART));
	EXPECT_TRUE(vplic_model_line(&m, 0));
	EXPECT_EQ_UINT(claim(0), SRC_UART);
	/* Claimed: the gateway forwards nothing more, however long the line stays high. */
	EXPECT_TRUE(vplic_model_set_level(&m, SRC_UART, true));
	EXPECT_TRUE(!is_pending(SRC_UART));
	EXPECT_TRUE(!vplic_model_line(&m, 0));
	/* Completed with the line still high: a new request at once (a level, not an edge). */
	EXPECT_EQ_UINT(complete(0, SRC_UART), SRC_UART);
	EXPECT_TRUE(is_pending(SRC_UART));
	EXPECT_EQ_UINT(claim(0), SRC_UART);
	/* The device was served: its line drops before the completion, nothing comes again. */
	EXPECT_TRUE(vplic_model_set_level(&m, SRC_UART, false));
	EXPECT_EQ_UINT(complete(0, SRC_UART), SRC_UART);
	EXPECT_TRUE(!is_pending(SRC_UART));
	EXPECT_EQ_UINT(claim(0), 0);
}

TEST(vplic, level_dropping_before_the_claim_leaves_the_request_pending)
{
	setup(1);
	ready(SRC_UART);
	EXPECT_TRUE(vplic_model_set_level(&m, SRC_UART, true));
	EXPECT_TRUE(vplic_model_set_level(&m, SRC_UART, false));
	/* PLIC specification, gateways: a forwarded request stays in the pending bit. */
	EXPECT_TRUE(is_pending(SRC_UART));
	EXPECT_EQ_UINT(claim(0), SRC_UART);
	EXPECT_EQ_UINT(complete(0, SRC_UART), SRC_UART);
	EXPECT_TRUE(!is_pending(SRC_UART));
}

TEST(vplic, level_of_unowned_source_is_refused_and_reset_lowers_lines)
{
	setup(1);
	EXPECT_TRUE(!vplic_model_set_level(&m, 2, true));
	EXPECT_TRUE(!vplic_model_set_level(&m, 0, true));
	EXPECT_TRUE(!vplic_model_set_level(&m, 1024, true));
	EXPECT_EQ_UINT(rd(0x1000), 0);
	EXPECT_TRUE(vplic_model_set_level(&m, SRC_UART, true));
	vplic_model_reset(&m);
	EXPECT_TRUE(!is_pending(SRC_UART));
	ready(SRC_UART);
	EXPECT_EQ_UINT(claim(0), 0);
	/* A line left high across the reset would bring the source back after a completion. */
	EXPECT_TRUE(vplic_model_raise(&m, SRC_UART));
	EXPECT_EQ_UINT(claim(0), SRC_UART);
	EXPECT_EQ_UINT(complete(0, SRC_UART), SRC_UART);
	EXPECT_TRUE(!is_pending(SRC_UART));
}

/*
 * The hypervisor recomputes the vCPUs' lines only after accesses that can
 * change the model: a read it calls read-only must leave the lines as they
 * were, and the claim read, which takes a source, must be counted as a change.
 */
TEST(vplic, only_claims_and_writes_change_state)
{
	const u64 quiet_reads[] = {
	    priority_reg(5),
	    priority_reg(0),
	    0x1000u,
	    0x1000u + 4u,
	    enable_reg(s_ctx(0), 5),
	    enable_reg(s_ctx(1), 33),
	    enable_reg(0, 5),
	    threshold_reg(s_ctx(0)),
	    threshold_reg(s_ctx(1)),
	    threshold_reg(0) + 8u,
	    0x1080u,
	    VPLIC_ENABLE_BASE - 4u,
	};
	u64 lines;

	setup(2);
	arm(5, 2);
	enable(1, 33);
	EXPECT_EQ_INT(wr(priority_reg(33), 1), VPLIC_OK);
	EXPECT_TRUE(vplic_model_raise(&m, 33));
	lines = vplic_model_lines(&m);
	EXPECT_EQ_UINT(lines, 3);
	for (unsigned int i = 0; i < ARRAY_LEN(quiet_reads); i++) {
		EXPECT_TRUE(!vplic_model_access_changes_state(quiet_reads[i], false));
		(void)rd(quiet_reads[i]);
		EXPECT_EQ_UINT(vplic_model_lines(&m), lines);
	}
	EXPECT_TRUE(vplic_model_access_changes_state(claim_reg(s_ctx(0)), false));
	EXPECT_TRUE(vplic_model_access_changes_state(claim_reg(s_ctx(1)), false));
	EXPECT_TRUE(vplic_model_access_changes_state(priority_reg(5), true));
	EXPECT_TRUE(vplic_model_access_changes_state(threshold_reg(s_ctx(0)), true));
	EXPECT_TRUE(vplic_model_access_changes_state(claim_reg(s_ctx(1)), true));
	EXPECT_EQ_UINT(claim(0), 5);
	EXPECT_EQ_UINT(vplic_model_lines(&m), 2);
	EXPECT_EQ_UINT(claim(1), 33);
	EXPECT_EQ_UINT(vplic_model_lines(&m), 0);
}

/*
 * Claims and lines look only at the bitmap words up to the VM's highest
 * owned source, whatever order the layout lists its sources in.
 */
TEST(vplic, highest_owned_word_bounds_the_search_in_any_order)
{
	static const u32 unordered[] = {700, 3, 64};

	EXPECT_EQ_INT(vplic_model_init(&m, 1, unordered, ARRAY_LEN(unordered)), 0);
	ready(700);
	ready(64);
	EXPECT_TRUE(vplic_model_raise(&m, 700));
	EXPECT_EQ_UINT(vplic_model_lines(&m), 1);
	EXPECT_TRUE(vplic_model_raise(&m, 64));
	EXPECT_EQ_UINT(claim(0), 64);
	EXPECT_EQ_UINT(claim(0), 700);
	EXPECT_EQ_UINT(vplic_model_lines(&m), 0);
	/* Reset keeps ownership, and with it the bound. */
	vplic_model_reset(&m);
	ready(700);
	EXPECT_TRUE(vplic_model_raise(&m, 700));
	EXPECT_EQ_UINT(claim(0), 700);
}

/*
 * The lock-free read (vplic_model_read, what a trapped read that changes
 * nothing runs) refuses a claim, which takes a source, and anything but an
 * aligned word; what it answers otherwise is what every test above reads
 * through vplic_model_access.
 */
TEST(vplic, plain_read_refuses_claims_and_odd_accesses)
{
	u32 value = 0;

	setup(2);
	arm(5, 2);
	EXPECT_EQ_INT(vplic_model_read(&m, claim_reg(s_ctx(0)), 4, &value), VPLIC_BAD_ACCESS);
	EXPECT_EQ_INT(vplic_model_read(&m, claim_reg(0), 4, &value), VPLIC_BAD_ACCESS);
	EXPECT_EQ_INT(vplic_model_read(&m, priority_reg(5), 2, &value), VPLIC_BAD_ACCESS);
	EXPECT_EQ_INT(vplic_model_read(&m, priority_reg(5) + 2u, 4, &value), VPLIC_BAD_ACCESS);
	EXPECT_EQ_INT(vplic_model_read(&m, priority_reg(5), 4, &value), VPLIC_OK);
	EXPECT_EQ_UINT(value, 2);
	/* The source is still there for the claim. */
	EXPECT_EQ_UINT(claim(0), 5);
}
