/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the virtual GIC model: register decode (v2 and v3), ownership, selection, SGIs. */
#include "../../drivers/irqchip/vgic_model.h"

#include "test.h"

#define ARRAY_LEN(a) ((unsigned int)(sizeof(a) / sizeof((a)[0])))

#define NR_INTIDS 288u /* QEMU virt: 256 SPIs */
#define SPI_UART  33u
#define SPI_RTC	  34u

/* SPIs the test VM owns, spread over three words with gaps; 35 is someone else's. */
static const u32 owned[] = {SPI_UART, SPI_RTC, 40, 64, 100};
static struct vgic_model m;

static void setup(unsigned int version, unsigned int nr_vcpus)
{
	EXPECT_EQ_INT(vgic_model_init(&m, version, nr_vcpus, NR_INTIDS, owned, ARRAY_LEN(owned)),
		      0);
}

/* --- GICv2 distributor accessors --- */

static enum vgic_result wr2(unsigned int vcpu, u64 offset, u32 value)
{
	return vgic_v2_dist_access(&m, vcpu, offset, 4, true, &value);
}

static enum vgic_result wr2b(unsigned int vcpu, u64 offset, u8 value)
{
	u32 v = value;

	return vgic_v2_dist_access(&m, vcpu, offset, 1, true, &v);
}

static u32 rd2(unsigned int vcpu, u64 offset)
{
	u32 value = 0xdeadbeefu;

	EXPECT_EQ_INT(vgic_v2_dist_access(&m, vcpu, offset, 4, false, &value), VGIC_OK);
	return value;
}

/* --- GICv3 distributor and redistributor accessors --- */

static enum vgic_result wr3(u64 offset, unsigned int width, u64 value)
{
	return vgic_v3_dist_access(&m, 0, offset, width, true, &value);
}

static u64 rd3(u64 offset, unsigned int width)
{
	u64 value = 0xdeadbeefu;

	EXPECT_EQ_INT(vgic_v3_dist_access(&m, 0, offset, width, false, &value), VGIC_OK);
	return value;
}

static enum vgic_result wrr(unsigned int vcpu, u64 offset, unsigned int width, u64 value)
{
	return vgic_v3_redist_access(&m, vcpu * (u64)VGIC_V3_REDIST_STRIDE + offset, width, true,
				     &value);
}

static u64 rdr(unsigned int vcpu, u64 offset, unsigned int width)
{
	u64 value = 0xdeadbeefu;

	EXPECT_EQ_INT(vgic_v3_redist_access(&m, vcpu * (u64)VGIC_V3_REDIST_STRIDE + offset, width,
					    false, &value),
		      VGIC_OK);
	return value;
}

static u64 bit_reg(u64 base, u32 intid)
{
	return base + 4u * (intid / 32u);
}

/* Owned SPI on GICv2: priority set, enabled, group 0 enabled, raised. */
static void arm2(u32 intid, u8 priority)
{
	EXPECT_EQ_INT(wr2b(0, 0x400 + intid, priority), VGIC_OK);
	EXPECT_EQ_INT(wr2(0, bit_reg(0x100, intid), 1u << (intid % 32u)), VGIC_OK);
	EXPECT_EQ_INT(wr2(0, 0x000, VGIC_CTLR_GRP0), VGIC_OK);
	EXPECT_TRUE(vgic_model_raise(&m, 0, intid, 0));
}

/*
 * A simulated virtual CPU interface with nr list registers: the guest
 * takes the best pending entry (lowest priority value, then lowest list
 * register, as the GIC does) and completes it at once.
 */
struct fake_cpu {
	struct vgic_lr lrs[VGIC_MAX_LRS];
	unsigned int n;
	bool overflow;
};

static void fake_sync(struct fake_cpu *c, unsigned int vcpu, unsigned int nr_lrs)
{
	vgic_model_fold(&m, vcpu, c->lrs, c->n);
	c->n = vgic_model_fill(&m, vcpu, c->lrs, nr_lrs, &c->overflow);
}

/* Acknowledges the best pending entry: its INTID, or 1023 when none. */
static u32 fake_ack(struct fake_cpu *c)
{
	int best = -1;

	for (unsigned int i = 0; i < c->n; i++) {
		if (c->lrs[i].state != VGIC_LR_PENDING)
			continue;
		if (best < 0 || c->lrs[i].priority < c->lrs[best].priority)
			best = (int)i;
	}
	if (best < 0)
		return 1023;
	c->lrs[best].state = VGIC_LR_ACTIVE;
	return c->lrs[best].intid;
}

static void fake_deactivate(struct fake_cpu *c, u32 intid)
{
	for (unsigned int i = 0; i < c->n; i++)
		if (c->lrs[i].intid == intid && (c->lrs[i].state & VGIC_LR_ACTIVE))
			c->lrs[i].state &= (u8)~VGIC_LR_ACTIVE;
}

TEST(vgic, init_rejects_bad_arguments)
{
	static const u32 private_irq[] = {27};
	static const u32 too_high[] = {33, 288};

	EXPECT_EQ_INT(vgic_model_init(&m, 4, 1, NR_INTIDS, owned, ARRAY_LEN(owned)), -22);
	EXPECT_EQ_INT(vgic_model_init(&m, 3, 0, NR_INTIDS, owned, ARRAY_LEN(owned)), -22);
	EXPECT_EQ_INT(vgic_model_init(&m, 2, 9, NR_INTIDS, owned, ARRAY_LEN(owned)), -22);
	EXPECT_EQ_INT(vgic_model_init(&m, 3, VGIC_MAX_VCPUS + 1, NR_INTIDS, owned, 1), -22);
	EXPECT_EQ_INT(vgic_model_init(&m, 3, 1, NR_INTIDS, private_irq, 1), -22);
	EXPECT_EQ_INT(vgic_model_init(&m, 3, 1, NR_INTIDS, too_high, 2), -22);
	EXPECT_EQ_INT(vgic_model_init(&m, 3, 20, NR_INTIDS, owned, ARRAY_LEN(owned)), 0);
	EXPECT_EQ_INT(vgic_model_init(&m, 2, 8, NR_INTIDS, NULL, 0), 0);
}

TEST(vgic, v2_typer_ctlr_and_id)
{
	setup(2, 3);
	EXPECT_EQ_UINT(rd2(0, 0x004), (NR_INTIDS / 32u - 1u) | (2u << 5));
	EXPECT_EQ_UINT(rd2(0, 0x000), 0);
	EXPECT_EQ_INT(wr2(0, 0x000, 0xffffffffu), VGIC_OK);
	EXPECT_EQ_UINT(rd2(0, 0x000), 3);
	EXPECT_EQ_UINT(rd2(0, 0xfe8) & 0xf0u, 0x20);
}

TEST(vgic, v3_ctlr_typer_and_id)
{
	setup(3, 2);
	EXPECT_EQ_UINT(rd3(0x0000, 4), 0x50u); /* ARE and DS fixed, groups off */
	EXPECT_EQ_INT(wr3(0x0000, 4, 0x13), VGIC_OK);
	EXPECT_EQ_UINT(rd3(0x0000, 4), 0x53u);
	EXPECT_EQ_UINT(rd3(0x0004, 4) & 0x1fu, NR_INTIDS / 32u - 1u);
	EXPECT_EQ_UINT((rd3(0x0004, 4) >> 19) & 0x1fu, 9);
	EXPECT_EQ_UINT(rd3(0xffe8, 4) & 0xf0u, 0x30);
}

TEST(vgic, enable_set_clear_and_read)
{
	setup(2, 1);
	EXPECT_EQ_INT(wr2(0, 0x104, (1u << 1) | (1u << 2)), VGIC_OK);
	EXPECT_EQ_UINT(rd2(0, 0x104), (1u << 1) | (1u << 2));
	EXPECT_EQ_UINT(rd2(0, 0x184), (1u << 1) | (1u << 2));
	EXPECT_EQ_INT(wr2(0, 0x184, 1u << 1), VGIC_OK);
	EXPECT_EQ_UINT(rd2(0, 0x104), 1u << 2);
}

TEST(vgic, enabling_unowned_spi_is_ignored_and_owned_bits_take_effect)
{
	setup(2, 1);
	EXPECT_EQ_INT(wr2(0, 0x104, (1u << 1) | (1u << 3)), VGIC_OK);
	EXPECT_EQ_UINT(rd2(0, 0x104), 1u << 1);
	EXPECT_EQ_INT(wr2(0, 0x13c, 1), VGIC_OK); /* beyond the implemented INTIDs */
	EXPECT_EQ_UINT(rd2(0, 0x13c), 0);
}

TEST(vgic, clearing_unowned_spis_is_ignored)
{
	setup(2, 1);
	EXPECT_EQ_INT(wr2(0, 0x104, 1u << 1), VGIC_OK);
	for (u64 off = 0x184; off < 0x1a0; off += 4) {
		EXPECT_EQ_INT(wr2(0, off, ~0u), VGIC_OK);
		EXPECT_EQ_INT(wr2(0, off + 0x100, ~0u), VGIC_OK); /* ICPENDR */
		EXPECT_EQ_INT(wr2(0, off + 0x200, ~0u), VGIC_OK); /* ICACTIVER */
	}
	EXPECT_EQ_UINT(rd2(0, 0x104), 0);
}

TEST(vgic, unowned_state_reads_zero)
{
	setup(3, 1);
	EXPECT_TRUE(!vgic_model_raise(&m, 0, 35, 0));
	EXPECT_EQ_UINT(rd3(0x104, 4), 0);
	EXPECT_EQ_UINT(rd3(0x420, 4), 0);
	EXPECT_EQ_UINT(rd3(0x6000 + 8 * 35, 8), 0);
}

TEST(vgic, pending_set_clear_and_unowned_raz_wi)
{
	setup(3, 1);
	EXPECT_EQ_INT(wr3(0x204, 4, 1u << 8), VGIC_OK); /* 40 */
	EXPECT_EQ_UINT(rd3(0x204, 4), 1u << 8);
	EXPECT_EQ_UINT(rd3(0x284, 4), 1u << 8);
	EXPECT_EQ_INT(wr3(0x204, 4, 1u << 3), VGIC_OK); /* 35: not the VM's */
	EXPECT_EQ_UINT(rd3(0x204, 4), 1u << 8);
	EXPECT_EQ_INT(wr3(0x284, 4, ~0u), VGIC_OK);
	EXPECT_EQ_UINT(rd3(0x204, 4), 0);
}

TEST(vgic, active_set_clear_and_unowned_raz_wi)
{
	setup(2, 1);
	EXPECT_EQ_INT(wr2(0, 0x308, 1u << 0), VGIC_OK); /* 64 */
	EXPECT_EQ_UINT(rd2(0, 0x308), 1);
	EXPECT_EQ_INT(wr2(0, 0x308, 1u << 1), VGIC_OK); /* 65: not the VM's */
	EXPECT_EQ_UINT(rd2(0, 0x308), 1);
	EXPECT_EQ_INT(wr2(0, 0x388, 1), VGIC_OK);
	EXPECT_EQ_UINT(rd2(0, 0x308), 0);
}

TEST(vgic, priority_byte_and_word_access)
{
	setup(2, 1);
	EXPECT_EQ_INT(wr2b(0, 0x400 + SPI_RTC, 0x40), VGIC_OK);
	EXPECT_EQ_UINT(rd2(0, 0x420), 0x40u << 16);
	/* A word over 32..35: only the owned 33 and 34 take it, top 5 bits kept. */
	EXPECT_EQ_INT(wr2(0, 0x420, 0x11223344u), VGIC_OK);
	EXPECT_EQ_UINT(rd2(0, 0x420), 0x00203000u);
	EXPECT_EQ_UINT(vgic_model_priority(&m, 0, SPI_UART), 0x30);
	/* Every guest writes default priorities everywhere at boot: not a denial. */
	for (u64 off = 0x420; off < 0x420 + NR_INTIDS - 32u; off += 4)
		EXPECT_EQ_INT(wr2(0, off, 0xa0a0a0a0u), VGIC_OK);
	EXPECT_EQ_UINT(rd2(0, 0x420), 0x00a0a000u);
}

TEST(vgic, private_priorities_are_per_vcpu)
{
	setup(3, 2);
	EXPECT_EQ_INT(wrr(1, 0x10000 + 0x400 + 27, 1, 0x60), VGIC_OK);
	EXPECT_EQ_UINT(rdr(1, 0x10000 + 0x418, 4), 0x60u << 24);
	EXPECT_EQ_UINT(rdr(0, 0x10000 + 0x418, 4), 0);
	EXPECT_EQ_UINT(vgic_model_priority(&m, 1, 27), 0x60);
}

TEST(vgic, bad_widths_and_alignment)
{
	u32 v = 0;
	u64 w = 0;

	setup(3, 1);
	EXPECT_EQ_INT(vgic_v3_dist_access(&m, 0, 0x104, 2, false, &w), VGIC_BAD_ACCESS);
	EXPECT_EQ_INT(vgic_v3_dist_access(&m, 0, 0x104, 8, false, &w), VGIC_BAD_ACCESS);
	EXPECT_EQ_INT(vgic_v3_dist_access(&m, 0, 0x106, 4, false, &w), VGIC_BAD_ACCESS);
	EXPECT_EQ_INT(vgic_v3_dist_access(&m, 0, 0x421, 1, false, &w), VGIC_OK);
	setup(2, 1);
	EXPECT_EQ_INT(vgic_v2_dist_access(&m, 0, 0x104, 1, false, &v), VGIC_BAD_ACCESS);
	EXPECT_EQ_INT(vgic_v2_dist_access(&m, 0, 0x821, 1, false, &v), VGIC_OK);
}

TEST(vgic, reserved_offsets_are_raz_wi)
{
	setup(2, 1);
	EXPECT_EQ_UINT(rd2(0, 0x040), 0);
	EXPECT_EQ_INT(wr2(0, 0x040, 0), VGIC_OK);
	EXPECT_EQ_INT(wr2(0, 0x040, 1), VGIC_OK);
	EXPECT_EQ_UINT(rd2(0, 0x040), 0);
	setup(3, 1);
	EXPECT_EQ_INT(wr3(0x5000, 4, 5), VGIC_OK);
	EXPECT_EQ_UINT(rd3(0x5000, 4), 0);
	EXPECT_EQ_INT(wr3(0x0040, 4, 33), VGIC_OK); /* GICD_SETSPI_NSR: no MBIS */
	EXPECT_TRUE(!vgic_model_pending(&m, 0, SPI_UART));
	EXPECT_EQ_INT(wrr(0, 0x10000 + 0x900, 4, 5), VGIC_OK);
	EXPECT_EQ_UINT(rdr(0, 0x10000 + 0x900, 4), 0);
	EXPECT_EQ_INT(wrr(0, 0x0040, 4, 5), VGIC_OK); /* GICR_SETLPIR: no LPIs */
}

TEST(vgic, icfgr_spis_ppis_and_readonly_sgis)
{
	setup(3, 2);
	EXPECT_EQ_INT(wr3(0xc08, 4, ~0u), VGIC_OK); /* INTIDs 32..47 */
	/* Owned 33, 34, 40: bit 1 of each 2-bit field. */
	EXPECT_EQ_UINT(rd3(0xc08, 4), (2u << 2) | (2u << 4) | (2u << 16));
	EXPECT_TRUE(vgic_model_test(&m, 0, VGIC_F_EDGE, SPI_UART));
	EXPECT_EQ_UINT(rdr(0, 0x10000 + 0xc00, 4), 0xaaaaaaaau);
	EXPECT_EQ_INT(wrr(0, 0x10000 + 0xc00, 4, 0), VGIC_OK);
	EXPECT_EQ_UINT(rdr(0, 0x10000 + 0xc00, 4), 0xaaaaaaaau);
	EXPECT_EQ_INT(wrr(1, 0x10000 + 0xc04, 4, 2u << 22), VGIC_OK); /* PPI 27 */
	EXPECT_EQ_UINT(rdr(1, 0x10000 + 0xc04, 4), 2u << 22);
	EXPECT_EQ_UINT(rdr(0, 0x10000 + 0xc04, 4), 0);
}

TEST(vgic, itargetsr_routes_by_vcpu_and_reads_back)
{
	setup(2, 3);
	EXPECT_EQ_UINT(rd2(0, 0x820) & 0x0000ff00u, 0x0100u); /* reset: interface 0 */
	EXPECT_EQ_INT(wr2b(0, 0x800 + SPI_UART, 0x04), VGIC_OK);
	EXPECT_EQ_UINT(vgic_model_target(&m, SPI_UART), 2);
	EXPECT_EQ_UINT((rd2(0, 0x820) >> 8) & 0xffu, 0x04);
	EXPECT_EQ_UINT(vgic_model_take_rerouted(&m), SPI_UART);
	EXPECT_EQ_UINT(vgic_model_take_rerouted(&m), 0);
	/* Interfaces that do not exist are dropped: 0x0a keeps only vCPU 1. */
	EXPECT_EQ_INT(wr2b(0, 0x800 + SPI_RTC, 0x0a), VGIC_OK);
	EXPECT_EQ_UINT(vgic_model_target(&m, SPI_RTC), 1);
	/* SGI/PPI bytes name the reader. */
	EXPECT_EQ_UINT(rd2(2, 0x800), 0x04040404u);
	EXPECT_EQ_INT(wr2(2, 0x800, 0), VGIC_OK);
	EXPECT_EQ_UINT(rd2(2, 0x81c), 0x04040404u);
}

TEST(vgic, itargetsr_of_unowned_spi)
{
	setup(2, 2);
	EXPECT_EQ_INT(wr2b(0, 0x800 + 35, 0x01), VGIC_OK);
	EXPECT_EQ_INT(wr2b(0, 0x800 + 35, 0x00), VGIC_OK);
	EXPECT_EQ_INT(wr2b(0, 0x800 + 35, 0x02), VGIC_OK);
	EXPECT_EQ_UINT(rd2(0, 0x820) & 0xff000000u, 0);
	EXPECT_EQ_INT(wr2(0, 0x820, 0x01010101u), VGIC_OK); /* a boot-time write to all */
	EXPECT_EQ_UINT(rd2(0, 0x820) & 0xff000000u, 0);
}

TEST(vgic, irouter_beyond_eight_vcpus)
{
	setup(3, 20);
	/* vCPU 18: Aff1 = 1, Aff0 = 2. */
	EXPECT_EQ_INT(wr3(0x6000 + 8 * SPI_UART, 8, 0x0102), VGIC_OK);
	EXPECT_EQ_UINT(vgic_model_target(&m, SPI_UART), 18);
	EXPECT_EQ_UINT(rd3(0x6000 + 8 * SPI_UART, 8), 0x0102);
	EXPECT_EQ_UINT(vgic_model_vcpu_by_affinity(&m, 0x0103), 19);
	EXPECT_EQ_UINT(vgic_model_vcpu_by_affinity(&m, 0x0104), VGIC_NO_VCPU);
	EXPECT_EQ_UINT(vgic_model_vcpu_by_affinity(&m, 0x0010), VGIC_NO_VCPU);
	/* A route to nobody is kept but delivers nowhere. */
	EXPECT_EQ_INT(wr3(0x6000 + 8 * SPI_RTC, 8, 0x010000), VGIC_OK);
	EXPECT_EQ_UINT(vgic_model_target(&m, SPI_RTC), VGIC_NO_VCPU);
	/* IRM: any participating vCPU; vCPU 0 takes it. */
	EXPECT_EQ_INT(wr3(0x6000 + 8 * 40, 8, VGIC_IROUTER_IRM | 5), VGIC_OK);
	EXPECT_EQ_UINT(vgic_model_target(&m, 40), 0);
	EXPECT_EQ_UINT(rd3(0x6000 + 8 * 40, 8), VGIC_IROUTER_IRM | 5);
}

TEST(vgic, irouter_halves_and_aff3)
{
	setup(3, 4);
	EXPECT_EQ_INT(wr3(0x6000 + 8 * 64, 4, 3), VGIC_OK);
	EXPECT_EQ_UINT(vgic_model_target(&m, 64), 3);
	EXPECT_EQ_INT(wr3(0x6000 + 8 * 64 + 4, 4, 1), VGIC_OK); /* Aff3 = 1: nobody */
	EXPECT_EQ_UINT(vgic_model_target(&m, 64), VGIC_NO_VCPU);
	EXPECT_EQ_UINT(rd3(0x6000 + 8 * 64 + 4, 4), 1);
	EXPECT_EQ_UINT(rd3(0x6000 + 8 * 64, 4), 3);
}

TEST(vgic, irouter_of_unowned_spi)
{
	setup(3, 4);
	EXPECT_EQ_INT(wr3(0x6000 + 8 * 35, 8, 0), VGIC_OK);
	EXPECT_EQ_INT(wr3(0x6000 + 8 * 35, 8, 1), VGIC_OK);
	EXPECT_EQ_INT(wr3(0x6000 + 8 * 35, 4, 1), VGIC_OK);
	EXPECT_EQ_UINT(rd3(0x6000 + 8 * 35, 8), 0);
}

TEST(vgic, gicr_typer_affinity_last_and_waker)
{
	setup(3, 20);
	EXPECT_EQ_UINT(rdr(17, 0x0008, 8), (0x0101ull << 32) | (17u << 8));
	EXPECT_EQ_UINT(rdr(19, 0x0008, 8), (0x0103ull << 32) | (19u << 8) | (1u << 4));
	EXPECT_EQ_UINT(rdr(19, 0x000c, 4), 0x0103);
	EXPECT_EQ_UINT(rdr(3, 0x0014, 4), 6);
	EXPECT_EQ_INT(wrr(3, 0x0014, 4, 0), VGIC_OK);
	EXPECT_EQ_UINT(rdr(3, 0x0014, 4), 0);
	EXPECT_EQ_UINT(rdr(4, 0x0014, 4), 6);
	EXPECT_EQ_UINT(rdr(0, 0xffe8, 4) & 0xf0u, 0x30);
}

TEST(vgic, gicr_sgi_frame_enable_pending_active)
{
	setup(3, 2);
	EXPECT_EQ_INT(wrr(1, 0x10100, 4, (1u << 27) | (1u << 3)), VGIC_OK);
	EXPECT_EQ_UINT(rdr(1, 0x10100, 4), (1u << 27) | (1u << 3));
	EXPECT_EQ_UINT(rdr(0, 0x10100, 4), 0);
	EXPECT_EQ_INT(wrr(1, 0x10200, 4, 1u << 3), VGIC_OK); /* SGI 3 pending */
	EXPECT_EQ_UINT(rdr(1, 0x10200, 4), 1u << 3);
	EXPECT_EQ_INT(wrr(1, 0x10280, 4, ~0u), VGIC_OK);
	EXPECT_EQ_UINT(rdr(1, 0x10200, 4), 0);
	EXPECT_EQ_INT(wrr(1, 0x10300, 4, 1u << 27), VGIC_OK);
	EXPECT_EQ_UINT(rdr(1, 0x10380, 4), 1u << 27);
	/* GICD's private words are RAZ/WI under affinity routing. */
	EXPECT_EQ_INT(wr3(0x100, 4, ~0u), VGIC_OK);
	EXPECT_EQ_UINT(rd3(0x100, 4), 0);
}

TEST(vgic, selection_by_priority_then_intid)
{
	struct vgic_lr lrs[4];
	bool overflow;

	setup(2, 1);
	arm2(40, 0x80);
	arm2(SPI_UART, 0x80);
	arm2(SPI_RTC, 0x40);
	EXPECT_EQ_UINT(vgic_model_fill(&m, 0, lrs, 4, &overflow), 3);
	EXPECT_TRUE(!overflow);
	EXPECT_EQ_UINT(lrs[0].intid, SPI_RTC);
	EXPECT_EQ_UINT(lrs[1].intid, SPI_UART);
	EXPECT_EQ_UINT(lrs[2].intid, 40);
	EXPECT_EQ_UINT(lrs[0].priority, 0x40);
	EXPECT_EQ_UINT(lrs[0].state, VGIC_LR_PENDING);
	EXPECT_TRUE(!lrs[0].hw);
}

TEST(vgic, selection_needs_enable_and_group_enable)
{
	struct vgic_lr lrs[4];
	bool overflow;

	setup(2, 1);
	EXPECT_TRUE(vgic_model_raise(&m, 0, SPI_UART, 0));
	EXPECT_EQ_UINT(vgic_model_fill(&m, 0, lrs, 4, &overflow), 0);
	EXPECT_EQ_INT(wr2(0, 0x104, 1u << 1), VGIC_OK);
	EXPECT_EQ_UINT(vgic_model_fill(&m, 0, lrs, 4, &overflow), 0); /* GICD_CTLR off */
	EXPECT_EQ_INT(wr2(0, 0x084, 1u << 1), VGIC_OK);		      /* group 1 */
	EXPECT_EQ_INT(wr2(0, 0x000, VGIC_CTLR_GRP0), VGIC_OK);
	EXPECT_EQ_UINT(vgic_model_fill(&m, 0, lrs, 4, &overflow), 0);
	EXPECT_EQ_INT(wr2(0, 0x000, VGIC_CTLR_GRP1), VGIC_OK);
	EXPECT_EQ_UINT(vgic_model_fill(&m, 0, lrs, 4, &overflow), 1);
	EXPECT_TRUE(lrs[0].group1);
}

TEST(vgic, storm_of_sixteen_comes_out_in_priority_order)
{
	static const u8 priorities[16] = {0x90, 0x10, 0xf0, 0x40, 0x30, 0x80, 0x20, 0xe0,
					  0x50, 0x00, 0x70, 0xd0, 0x60, 0xc0, 0xa0, 0xb0};
	static u32 storm[16];
	struct fake_cpu c = {.n = 0};
	u8 last = 0;
	unsigned int delivered = 0;

	for (u32 i = 0; i < 16; i++)
		storm[i] = 48u + i;
	EXPECT_EQ_INT(vgic_model_init(&m, 2, 1, NR_INTIDS, storm, 16), 0);
	for (u32 i = 0; i < 16; i++)
		arm2(storm[i], priorities[i]);
	fake_sync(&c, 0, 4);
	EXPECT_TRUE(c.overflow);
	EXPECT_EQ_UINT(c.n, 4);
	for (unsigned int round = 0; round < 64 && delivered < 16; round++) {
		u32 intid = fake_ack(&c);

		if (intid == 1023) {
			/* The "no pending" maintenance interrupt: refill. */
			fake_sync(&c, 0, 4);
			continue;
		}
		EXPECT_TRUE(vgic_model_priority(&m, 0, intid) >= last);
		last = vgic_model_priority(&m, 0, intid);
		delivered++;
		fake_deactivate(&c, intid);
	}
	EXPECT_EQ_UINT(delivered, 16);
	EXPECT_EQ_UINT(last, 0xf0);
	fake_sync(&c, 0, 4);
	EXPECT_EQ_UINT(c.n, 0);
	EXPECT_TRUE(!c.overflow);
}

TEST(vgic, late_higher_priority_evicts_a_pending_entry)
{
	struct fake_cpu c = {.n = 0};

	setup(2, 1);
	arm2(SPI_UART, 0x80);
	arm2(SPI_RTC, 0x80);
	arm2(40, 0x80);
	arm2(64, 0x80);
	fake_sync(&c, 0, 2);
	EXPECT_EQ_UINT(c.lrs[0].intid, SPI_UART);
	EXPECT_EQ_UINT(c.lrs[1].intid, SPI_RTC);
	arm2(100, 0x10);
	fake_sync(&c, 0, 2);
	EXPECT_EQ_UINT(c.lrs[0].intid, 100);
	EXPECT_EQ_UINT(c.lrs[1].intid, SPI_UART);
	EXPECT_TRUE(vgic_model_pending(&m, 0, SPI_RTC)); /* back in the model, not lost */
}

TEST(vgic, active_entries_stay_listed_first)
{
	struct fake_cpu c = {.n = 0};

	setup(2, 1);
	arm2(SPI_UART, 0x80);
	fake_sync(&c, 0, 1);
	EXPECT_EQ_UINT(fake_ack(&c), SPI_UART);
	arm2(SPI_RTC, 0x10);
	fake_sync(&c, 0, 1);
	EXPECT_EQ_UINT(c.n, 1);
	EXPECT_EQ_UINT(c.lrs[0].intid, SPI_UART);
	EXPECT_EQ_UINT(c.lrs[0].state, VGIC_LR_ACTIVE);
	EXPECT_TRUE(c.overflow);
	EXPECT_TRUE(c.lrs[0].eoi_maint); /* nothing pending listed: ask for EOI maintenance */
	fake_deactivate(&c, SPI_UART);
	fake_sync(&c, 0, 1);
	EXPECT_EQ_UINT(c.lrs[0].intid, SPI_RTC);
}

TEST(vgic, hw_injection_lists_hw_and_guest_deactivation_ends_it)
{
	struct fake_cpu c = {.n = 0};

	setup(2, 1);
	EXPECT_EQ_INT(wr2(0, 0x104, 1u << 1), VGIC_OK);
	EXPECT_EQ_INT(wr2(0, 0x000, 1), VGIC_OK);
	EXPECT_TRUE(vgic_model_inject_hw(&m, 0, SPI_UART));
	EXPECT_TRUE(!vgic_model_inject_hw(&m, 0, 35));
	fake_sync(&c, 0, 4);
	EXPECT_EQ_UINT(c.n, 1);
	EXPECT_TRUE(c.lrs[0].hw);
	EXPECT_TRUE(vgic_model_test(&m, 0, VGIC_F_LISTED_HW, SPI_UART));
	EXPECT_EQ_UINT(fake_ack(&c), SPI_UART);
	fake_sync(&c, 0, 4); /* still active: stays HW */
	EXPECT_TRUE(c.lrs[0].hw);
	fake_deactivate(&c, SPI_UART);
	fake_sync(&c, 0, 4);
	EXPECT_EQ_UINT(c.n, 0);
	EXPECT_TRUE(!vgic_model_test(&m, 0, VGIC_F_HW, SPI_UART));
	EXPECT_EQ_UINT(vgic_model_take_spi_release(&m), 0); /* the hardware deactivated it */
}

TEST(vgic, clearing_pending_hw_interrupt_releases_it)
{
	struct fake_cpu c = {.n = 0};

	setup(3, 1);
	/* Not enabled: it waits in the model, physically still active. */
	EXPECT_TRUE(vgic_model_inject_hw(&m, 0, SPI_RTC));
	EXPECT_EQ_INT(wr3(0x284, 4, 1u << 2), VGIC_OK);
	EXPECT_EQ_UINT(vgic_model_take_spi_release(&m), SPI_RTC);
	EXPECT_EQ_UINT(vgic_model_take_spi_release(&m), 0);
	/* Listed: the cancel takes effect when the list registers are folded. */
	EXPECT_EQ_INT(wr3(0x0, 4, 3), VGIC_OK);
	EXPECT_EQ_INT(wr3(0x104, 4, 1u << 1), VGIC_OK);
	EXPECT_TRUE(vgic_model_inject_hw(&m, 0, SPI_UART));
	fake_sync(&c, 0, 4);
	EXPECT_TRUE(c.lrs[0].hw);
	EXPECT_EQ_INT(wr3(0x284, 4, 1u << 1), VGIC_OK);
	EXPECT_EQ_UINT(rd3(0x204, 4), 0);
	EXPECT_EQ_UINT(vgic_model_take_spi_release(&m), 0);
	fake_sync(&c, 0, 4);
	EXPECT_EQ_UINT(c.n, 0);
	EXPECT_EQ_UINT(vgic_model_take_spi_release(&m), SPI_UART);
}

TEST(vgic, timer_ppi_hw_injection_per_vcpu)
{
	struct vgic_lr lrs[4];
	bool overflow;

	setup(3, 2);
	EXPECT_EQ_INT(wr3(0x0, 4, 2), VGIC_OK);
	EXPECT_EQ_INT(wrr(1, 0x10080, 4, ~0u), VGIC_OK); /* group 1 */
	EXPECT_EQ_INT(wrr(1, 0x10100, 4, 1u << 27), VGIC_OK);
	EXPECT_TRUE(vgic_model_inject_hw(&m, 1, 27));
	EXPECT_TRUE(!vgic_model_inject_hw(&m, 1, 3)); /* SGIs never come from hardware */
	EXPECT_EQ_UINT(vgic_model_fill(&m, 0, lrs, 4, &overflow), 0);
	EXPECT_EQ_UINT(vgic_model_fill(&m, 1, lrs, 4, &overflow), 1);
	EXPECT_EQ_UINT(lrs[0].intid, 27);
	EXPECT_TRUE(lrs[0].hw);
	EXPECT_TRUE(lrs[0].group1);
}

/*
 * Without HW list entries (GICv2 on QEMU) a timer PPI in flight is listed as
 * a release entry: still physically active while the guest holds it, ours
 * to deactivate once the guest deactivated it. Folding it while it is
 * only pending must not release it early.
 */
TEST(vgic, timer_ppi_without_hw_lrs_is_released_after_guest_deactivation)
{
	struct fake_cpu c = {.n = 0};

	setup(2, 1);
	vgic_model_set_hw_lrs(&m, false);
	EXPECT_EQ_INT(wr2(0, 0x100, 1u << 27), VGIC_OK);
	EXPECT_EQ_INT(wr2(0, 0x000, VGIC_CTLR_GRP0), VGIC_OK);
	EXPECT_TRUE(vgic_model_inject_hw(&m, 0, 27));
	fake_sync(&c, 0, 4);
	EXPECT_EQ_UINT(c.n, 1);
	EXPECT_TRUE(!c.lrs[0].hw);
	EXPECT_TRUE(c.lrs[0].release);
	EXPECT_TRUE(c.lrs[0].eoi_maint);
	EXPECT_EQ_UINT(c.lrs[0].state, VGIC_LR_PENDING);
	fake_sync(&c, 0, 4); /* not taken yet */
	EXPECT_TRUE(c.lrs[0].release);
	EXPECT_EQ_UINT(c.lrs[0].state, VGIC_LR_PENDING);
	EXPECT_EQ_UINT(vgic_model_take_private_release(&m, 0), 0);
	EXPECT_EQ_UINT(fake_ack(&c), 27);
	fake_sync(&c, 0, 4); /* taken, still active */
	EXPECT_TRUE(c.lrs[0].release);
	EXPECT_EQ_UINT(c.lrs[0].state, VGIC_LR_ACTIVE);
	EXPECT_EQ_UINT(vgic_model_take_private_release(&m, 0), 0);
	fake_deactivate(&c, 27);
	fake_sync(&c, 0, 4);
	EXPECT_EQ_UINT(c.n, 0);
	EXPECT_EQ_UINT(vgic_model_take_private_release(&m, 0), 1u << 27);
	EXPECT_TRUE(!vgic_model_test(&m, 0, VGIC_F_HW, 27));
	/* The next tick goes the same way. */
	EXPECT_TRUE(vgic_model_inject_hw(&m, 0, 27));
	fake_sync(&c, 0, 4);
	EXPECT_TRUE(c.lrs[0].release);
	EXPECT_EQ_UINT(fake_ack(&c), 27);
	fake_deactivate(&c, 27);
	fake_sync(&c, 0, 4);
	EXPECT_EQ_UINT(vgic_model_take_private_release(&m, 0), 1u << 27);
}

TEST(vgic, v3_sgi1r_target_list_affinity_and_irm)
{
	setup(3, 20);
	/* SGI 5 to Aff1 0, Aff0 1 and 3. */
	EXPECT_TRUE(vgic_v3_sgi1r(&m, 0, (5ull << 24) | 0xa));
	EXPECT_TRUE(vgic_model_pending(&m, 1, 5));
	EXPECT_TRUE(vgic_model_pending(&m, 3, 5));
	EXPECT_TRUE(!vgic_model_pending(&m, 2, 5));
	/* Aff1 = 1, Aff0 = 1: vCPU 17. */
	EXPECT_TRUE(vgic_v3_sgi1r(&m, 0, (6ull << 24) | (1ull << 16) | 0x2));
	EXPECT_TRUE(vgic_model_pending(&m, 17, 6));
	/* Aff1 = 1, Aff0 = 5: vCPU 21 does not exist; vCPU 16 still gets it. */
	EXPECT_TRUE(!vgic_v3_sgi1r(&m, 0, (7ull << 24) | (1ull << 16) | 0x21));
	EXPECT_TRUE(vgic_model_pending(&m, 16, 7));
	/* IRM: everyone but the sender. */
	EXPECT_TRUE(vgic_v3_sgi1r(&m, 4, (9ull << 24) | (1ull << 40)));
	EXPECT_TRUE(!vgic_model_pending(&m, 4, 9));
	EXPECT_TRUE(vgic_model_pending(&m, 0, 9));
	EXPECT_TRUE(vgic_model_pending(&m, 19, 9));
	EXPECT_EQ_UINT(vgic_model_take_kick(&m) & (1ull << 19), 1ull << 19);
}

TEST(vgic, v2_sgir_filters_and_sender_in_list_register)
{
	struct vgic_lr lrs[4];
	bool overflow;

	setup(2, 4);
	EXPECT_EQ_INT(wr2(0, 0x000, 1), VGIC_OK);
	EXPECT_EQ_INT(wr2(0, 0x100, 0xffff), VGIC_OK);
	EXPECT_EQ_INT(wr2(1, 0x100, 0xffff), VGIC_OK);
	EXPECT_EQ_INT(wr2(2, 0xf00, (0x02u << 16) | 4), VGIC_OK); /* list: vCPU 1 */
	EXPECT_TRUE(vgic_model_pending(&m, 1, 4));
	EXPECT_TRUE(!vgic_model_pending(&m, 0, 4));
	EXPECT_EQ_UINT(vgic_model_fill(&m, 1, lrs, 4, &overflow), 1);
	EXPECT_EQ_UINT(lrs[0].intid, 4);
	EXPECT_EQ_UINT(lrs[0].source, 2);
	EXPECT_EQ_INT(wr2(3, 0xf00, (1u << 24) | 6), VGIC_OK); /* all but self */
	EXPECT_TRUE(vgic_model_pending(&m, 0, 6) && vgic_model_pending(&m, 2, 6));
	EXPECT_TRUE(!vgic_model_pending(&m, 3, 6));
	EXPECT_EQ_INT(wr2(3, 0xf00, (2u << 24) | 7), VGIC_OK); /* self */
	EXPECT_TRUE(vgic_model_pending(&m, 3, 7) && !vgic_model_pending(&m, 0, 7));
	EXPECT_EQ_UINT(vgic_model_sgi_sources(&m, 3, 7), 1u << 3);
	/* SPENDSGIR / CPENDSGIR by byte. */
	EXPECT_EQ_INT(wr2b(0, 0xf20 + 2, 0x06), VGIC_OK);
	EXPECT_EQ_UINT(rd2(0, 0xf20) & 0x00ff0000u, 0x00060000u);
	EXPECT_EQ_INT(wr2b(0, 0xf10 + 2, 0x06), VGIC_OK);
	EXPECT_TRUE(!vgic_model_pending(&m, 0, 2));
}

TEST(vgic, v2_sgi_from_two_senders_is_delivered_twice)
{
	struct fake_cpu c = {.n = 0};
	unsigned int got = 0;

	setup(2, 3);
	EXPECT_EQ_INT(wr2(0, 0x000, 1), VGIC_OK);
	EXPECT_EQ_INT(wr2(0, 0x100, 1u << 1), VGIC_OK);
	EXPECT_EQ_INT(wr2(1, 0xf00, (1u << 16) | 1), VGIC_OK);
	EXPECT_EQ_INT(wr2(2, 0xf00, (1u << 16) | 1), VGIC_OK);
	fake_sync(&c, 0, 4);
	EXPECT_EQ_UINT(c.n, 1);
	EXPECT_TRUE(c.overflow);
	for (unsigned int round = 0; round < 8; round++) {
		u32 intid = fake_ack(&c);

		if (intid == 1) {
			got++;
			fake_deactivate(&c, 1);
		}
		fake_sync(&c, 0, 4);
	}
	EXPECT_EQ_UINT(got, 2);
}

TEST(vgic, retarget_of_listed_spi_moves_it)
{
	struct fake_cpu c = {.n = 0};

	setup(3, 2);
	EXPECT_EQ_INT(wr3(0x0, 4, 1), VGIC_OK);
	EXPECT_EQ_INT(wr3(0x104, 4, 1u << 1), VGIC_OK);
	EXPECT_TRUE(vgic_model_raise(&m, 0, SPI_UART, 0));
	fake_sync(&c, 0, 4);
	EXPECT_EQ_UINT(c.n, 1);
	(void)vgic_model_take_kick(&m);
	EXPECT_EQ_INT(wr3(0x6000 + 8 * SPI_UART, 8, 1), VGIC_OK);
	EXPECT_EQ_UINT(vgic_model_take_kick(&m), 3); /* the holder lets go, vCPU 1 takes it */
	fake_sync(&c, 0, 4);
	EXPECT_EQ_UINT(c.n, 0);
	c.n = vgic_model_fill(&m, 1, c.lrs, 4, &c.overflow);
	EXPECT_EQ_UINT(c.n, 1);
	EXPECT_EQ_UINT(c.lrs[0].intid, SPI_UART);
}

TEST(vgic, vcpu_restart_forgets_active_state)
{
	struct fake_cpu c = {.n = 0};

	setup(2, 1);
	arm2(SPI_UART, 0x20);
	fake_sync(&c, 0, 4);
	EXPECT_EQ_UINT(fake_ack(&c), SPI_UART);
	vgic_model_fold(&m, 0, c.lrs, c.n);
	c.n = 0;
	EXPECT_TRUE(vgic_model_test(&m, 0, VGIC_F_ACTIVE, SPI_UART));
	vgic_model_vcpu_restart(&m, 0);
	EXPECT_TRUE(!vgic_model_test(&m, 0, VGIC_F_ACTIVE, SPI_UART));
	fake_sync(&c, 0, 4);
	EXPECT_EQ_UINT(c.n, 0);
}

TEST(vgic, reset_restores_reset_state_and_keeps_ownership)
{
	setup(3, 2);
	EXPECT_EQ_INT(wr3(0x0, 4, 3), VGIC_OK);
	EXPECT_EQ_INT(wr3(0x104, 4, 1u << 1), VGIC_OK);
	EXPECT_EQ_INT(wr3(0x420, 4, 0x80808080u), VGIC_OK);
	EXPECT_EQ_INT(wr3(0x6000 + 8 * SPI_UART, 8, 1), VGIC_OK);
	EXPECT_TRUE(vgic_model_raise(&m, 0, SPI_UART, 0));
	EXPECT_EQ_INT(wrr(1, 0x10100, 4, 1u << 27), VGIC_OK);
	vgic_model_reset(&m);
	EXPECT_EQ_UINT(rd3(0x0, 4), 0x50);
	EXPECT_EQ_UINT(rd3(0x104, 4), 0);
	EXPECT_EQ_UINT(rd3(0x204, 4), 0);
	EXPECT_EQ_UINT(rd3(0x420, 4), 0);
	EXPECT_EQ_UINT(vgic_model_target(&m, SPI_UART), 0);
	EXPECT_EQ_UINT(rdr(1, 0x10100, 4), 0);
	EXPECT_EQ_UINT(rdr(1, 0x0014, 4), 6);
	EXPECT_TRUE(vgic_model_owns(&m, SPI_UART));
	EXPECT_TRUE(!vgic_model_owns(&m, 35));
	EXPECT_EQ_INT(wr3(0x104, 4, 1u << 3), VGIC_OK);
	EXPECT_EQ_UINT(rd3(0x104, 4), 0);
}

/* --- Conformance: what the VM does not own is not implemented for it (RAZ/WI) --- */

/* INTIDs of the word at first the VM owns, as this front end shows them. */
static u32 owned_mask(unsigned int version, u32 first)
{
	u32 mask = 0;

	if (first == 0)
		return version == 2 ? ~0u : 0; /* GICv3: SGIs and PPIs live in the redistributors */
	for (u32 i = 0; i < ARRAY_LEN(owned); i++)
		if (owned[i] / 32u == first / 32u)
			mask |= 1u << (owned[i] % 32u);
	return mask;
}

static enum vgic_result wr(unsigned int version, u64 offset, u32 value)
{
	return version == 2 ? wr2(0, offset, value) : wr3(offset, 4, value);
}

static u32 rd(unsigned int version, u64 offset)
{
	return version == 2 ? rd2(0, offset) : (u32)rd3(offset, 4);
}

/*
 * All ones written to every word of a bit-per-INTID bank (all 1024 INTIDs,
 * far beyond GICD_TYPER's 288) on both GICs: no refusal, and only the VM's
 * own interrupts change. after_set: what the bank at read_base then reads,
 * as a function of the owned mask.
 */
static void sweep_bits(u64 base, u64 read_base, bool reads_owned)
{
	for (unsigned int version = 2; version <= 3; version++) {
		setup(version, 1);
		for (u32 word = 0; word < 32u; word++)
			EXPECT_EQ_INT(wr(version, base + 4u * word, ~0u), VGIC_OK);
		for (u32 word = 0; word < 32u; word++) {
			u32 got = rd(version, read_base + 4u * word);
			u32 mask = owned_mask(version, word * 32u);

			/* GICv2 sets pending SGIs through SPENDSGIR only. */
			if (version == 2 && word == 0 && (base == 0x200 || base == 0x280))
				mask &= ~0xffffu;
			EXPECT_EQ_UINT(got, reads_owned ? mask : 0);
		}
	}
}

TEST(vgic, conformance_igroupr_raz_wi)
{
	sweep_bits(0x080, 0x080, true);
}

TEST(vgic, conformance_isenabler_raz_wi)
{
	sweep_bits(0x100, 0x100, true);
}

TEST(vgic, conformance_icenabler_raz_wi)
{
	sweep_bits(0x100, 0x100, true);
	sweep_bits(0x180, 0x100, false);
}

TEST(vgic, conformance_ispendr_raz_wi)
{
	sweep_bits(0x200, 0x200, true);
}

TEST(vgic, conformance_icpendr_raz_wi)
{
	sweep_bits(0x280, 0x200, false);
}

TEST(vgic, conformance_isactiver_raz_wi)
{
	sweep_bits(0x300, 0x380, true);
}

TEST(vgic, conformance_icactiver_raz_wi)
{
	sweep_bits(0x380, 0x300, false);
}

TEST(vgic, conformance_ipriorityr_raz_wi_and_implemented_bits)
{
	for (unsigned int version = 2; version <= 3; version++) {
		setup(version, 1);
		for (u64 off = 0x400; off < 0x800; off += 4)
			EXPECT_EQ_INT(wr(version, off, ~0u), VGIC_OK);
		for (u32 intid = 0; intid < VGIC_NR_INTIDS; intid += 4) {
			u32 got = rd(version, 0x400 + intid);
			u32 expect = 0;

			for (u32 i = 0; i < 4; i++)
				if (owned_mask(version, (intid + i) & ~31u) &
				    (1u << ((intid + i) % 32u)))
					expect |= (u32)VGIC_PRIORITY_MASK << (8u * i);
			EXPECT_EQ_UINT(got, expect);
		}
		/* Byte lanes too: someone else's 35 between the owned 34 and 40. */
		EXPECT_EQ_INT(version == 2 ? wr2b(0, 0x400 + 35, 0x10) : wr3(0x400 + 35, 1, 0x10),
			      VGIC_OK);
		EXPECT_EQ_UINT(rd(version, 0x420) >> 24, 0);
	}
}

TEST(vgic, conformance_icfgr_raz_wi)
{
	for (unsigned int version = 2; version <= 3; version++) {
		setup(version, 1);
		for (u64 off = 0xc00; off < 0xd00; off += 4)
			EXPECT_EQ_INT(wr(version, off, ~0u), VGIC_OK);
		/* SPIs 32..47: the owned 33, 34 and 40 became edge, nothing else. */
		EXPECT_EQ_UINT(rd(version, 0xc08), (2u << 2) | (2u << 4) | (2u << 16));
		EXPECT_EQ_UINT(rd(version, 0xc0c), 0);			/* 48..63 */
		EXPECT_EQ_UINT(rd(version, 0xc00 + 4 * (288 / 16)), 0); /* beyond TYPER */
		EXPECT_EQ_UINT(rd(version, 0xcfc), 0);
	}
}

TEST(vgic, conformance_v2_itargetsr_lanes_raz_wi)
{
	setup(2, 2);
	for (u64 off = 0x820; off < 0xc00; off += 4)
		EXPECT_EQ_INT(wr2(0, off, 0x03030303u), VGIC_OK);
	for (u64 off = 0x820; off < 0xc00; off++) {
		u32 intid = (u32)(off - 0x800);
		u32 lane = (rd2(0, off & ~3ull) >> (8u * (off % 4u))) & 0xffu;
		bool mine = owned_mask(2, intid & ~31u) & (1u << (intid % 32u));

		EXPECT_EQ_UINT(lane, mine ? 0x03u : 0u);
		EXPECT_EQ_INT(wr2b(0, off, 0x02), VGIC_OK);
	}
	EXPECT_EQ_UINT(vgic_model_target(&m, SPI_UART), 1);
}

TEST(vgic, conformance_v3_irouter_raz_wi)
{
	setup(3, 2);
	for (u64 off = 0x6000; off < 0x8000; off += 4)
		EXPECT_EQ_INT(wr3(off, 4, 1), VGIC_OK);
	for (u32 intid = 32; intid < 1020; intid++) {
		bool mine = owned_mask(3, intid & ~31u) & (1u << (intid % 32u));

		EXPECT_EQ_INT(wr3(0x6000 + 8u * intid, 8, ~0ull), VGIC_OK);
		EXPECT_EQ_UINT(rd3(0x6000 + 8u * intid + 4, 4), mine ? 0xffu : 0u);
	}
	EXPECT_EQ_UINT(rd3(0x6000, 4), 0); /* IROUTER<0..31> are reserved */
}

/* Every 32-bit offset of every frame, written with all ones: never refused. */
TEST(vgic, conformance_every_register_takes_32_bit_writes)
{
	setup(2, 2);
	for (u64 off = 0; off < VGIC_V2_DIST_SIZE; off += 4)
		EXPECT_EQ_INT(wr2(1, off, ~0u), VGIC_OK);
	EXPECT_EQ_UINT(rd2(0, 0x004), (NR_INTIDS / 32u - 1u) | (1u << 5));
	EXPECT_TRUE(!vgic_model_pending(&m, 0, 35) && !vgic_model_test(&m, 0, VGIC_F_ENABLED, 35));
	setup(3, 2);
	for (u64 off = 0; off < VGIC_V3_DIST_SIZE; off += 4)
		EXPECT_EQ_INT(wr3(off, 4, ~0u), VGIC_OK);
	for (u64 off = 0; off < 2u * VGIC_V3_REDIST_STRIDE; off += 4)
		EXPECT_EQ_INT(vgic_v3_redist_access(&m, off, 4, true, &(u64){~0u}), VGIC_OK);
	EXPECT_EQ_UINT(rd3(0x0000, 4), 0x53u);
	EXPECT_EQ_UINT(rdr(1, 0x0008, 4), (1u << 8) | (1u << 4));
	for (u32 intid = 32; intid < VGIC_NR_INTIDS; intid++) {
		if (vgic_model_owns(&m, intid))
			continue;
		EXPECT_TRUE(!vgic_model_test(&m, 0, VGIC_F_ENABLED, intid));
		EXPECT_TRUE(!vgic_model_test(&m, 0, VGIC_F_PENDING, intid));
		EXPECT_TRUE(!vgic_model_test(&m, 0, VGIC_F_ACTIVE, intid));
	}
}

/* --- The timer PPI is a level: its pending state follows the line --- */

static void timer_setup(unsigned int version, bool hw_lrs)
{
	setup(version, 1);
	vgic_model_set_hw_lrs(&m, hw_lrs);
	if (version == 2) {
		EXPECT_EQ_INT(wr2(0, 0x100, 1u << 27), VGIC_OK);
		EXPECT_EQ_INT(wr2(0, 0x000, VGIC_CTLR_GRP0), VGIC_OK);
	} else {
		EXPECT_EQ_INT(wrr(0, 0x10100, 4, 1u << 27), VGIC_OK);
		EXPECT_EQ_INT(wr3(0x0, 4, VGIC_CTLR_GRP0), VGIC_OK);
	}
}

static u32 timer_pending_reg(unsigned int version)
{
	return version == 2 ? rd2(0, 0x200) : (u32)rdr(0, 0x10200, 4);
}

TEST(vgic, timer_line_low_withdraws_a_listed_pending_timer)
{
	for (unsigned int version = 2; version <= 3; version++) {
		for (int hw = 0; hw <= 1; hw++) {
			struct fake_cpu c = {.n = 0};

			timer_setup(version, hw);
			EXPECT_TRUE(vgic_model_inject_hw(&m, 0, 27));
			fake_sync(&c, 0, 4);
			EXPECT_EQ_UINT(c.n, 1);
			EXPECT_TRUE(vgic_model_pending_from_line(&m, 0, 27));
			EXPECT_EQ_UINT(vgic_model_ppis_pending_from_line(&m, 0), 1u << 27);
			EXPECT_EQ_UINT(timer_pending_reg(version), 1u << 27);
			/* The guest disabled its timer before taking the interrupt. */
			EXPECT_TRUE(vgic_model_line_low(&m, 0, 27));
			EXPECT_EQ_UINT(timer_pending_reg(version), 0);
			fake_sync(&c, 0, 4);
			EXPECT_EQ_UINT(c.n, 0); /* not delivered */
			EXPECT_EQ_UINT(fake_ack(&c), 1023);
			/* The physical PPI is ours to deactivate (it was not the guest's). */
			EXPECT_EQ_UINT(vgic_model_take_private_release(&m, 0), 1u << 27);
			EXPECT_TRUE(!vgic_model_pending_from_line(&m, 0, 27));
			EXPECT_EQ_UINT(vgic_model_ppis_pending_from_line(&m, 0), 0);
			EXPECT_TRUE(!vgic_model_line_low(&m, 0, 27));
			/* The next expiry goes through as before. */
			EXPECT_TRUE(vgic_model_inject_hw(&m, 0, 27));
			fake_sync(&c, 0, 4);
			EXPECT_EQ_UINT(fake_ack(&c), 27);
		}
	}
}

TEST(vgic, timer_line_low_keeps_an_acknowledged_timer_active)
{
	struct fake_cpu c = {.n = 0};

	timer_setup(3, true);
	EXPECT_TRUE(vgic_model_inject_hw(&m, 0, 27));
	fake_sync(&c, 0, 4);
	EXPECT_EQ_UINT(fake_ack(&c), 27);
	/* The handler reprograms the deadline: the line drops while it is active. */
	EXPECT_TRUE(vgic_model_line_low(&m, 0, 27));
	fake_sync(&c, 0, 4);
	EXPECT_EQ_UINT(c.n, 1);
	EXPECT_EQ_UINT(c.lrs[0].state, VGIC_LR_ACTIVE);
	EXPECT_TRUE(c.lrs[0].hw);
	EXPECT_EQ_UINT(rdr(0, 0x10300, 4), 1u << 27);
	EXPECT_EQ_UINT(vgic_model_take_private_release(&m, 0), 0);
	fake_deactivate(&c, 27);
	fake_sync(&c, 0, 4);
	EXPECT_EQ_UINT(c.n, 0);
}

TEST(vgic, timer_line_low_withdraws_a_held_back_timer)
{
	timer_setup(3, true);
	EXPECT_EQ_INT(wrr(0, 0x10180, 4, 1u << 27), VGIC_OK); /* disabled in the GIC */
	EXPECT_TRUE(vgic_model_inject_hw(&m, 0, 27));
	EXPECT_EQ_UINT(rdr(0, 0x10200, 4), 1u << 27);
	EXPECT_EQ_UINT(vgic_model_ppis_pending_from_line(&m, 0), 1u << 27);
	EXPECT_TRUE(vgic_model_line_low(&m, 0, 27));
	EXPECT_EQ_UINT(rdr(0, 0x10200, 4), 0);
	EXPECT_EQ_UINT(vgic_model_take_private_release(&m, 0), 1u << 27);
	/* Pending set by the guest (ISPENDR) is not the line's. */
	EXPECT_EQ_INT(wrr(0, 0x10200, 4, 1u << 27), VGIC_OK);
	EXPECT_TRUE(!vgic_model_pending_from_line(&m, 0, 27));
	EXPECT_TRUE(!vgic_model_line_low(&m, 0, 27));
	EXPECT_EQ_UINT(rdr(0, 0x10200, 4), 1u << 27);
}

TEST(vgic, timer_line_asserted_before_injection_reads_pending)
{
	timer_setup(3, true);
	EXPECT_EQ_UINT(rdr(0, 0x10200, 4), 0);
	vgic_model_set_line_level(&m, 0, 27, true);
	EXPECT_EQ_UINT(rdr(0, 0x10200, 4), 1u << 27);
	EXPECT_EQ_UINT(rdr(0, 0x10280, 4), 1u << 27);
	vgic_model_set_line_level(&m, 0, 27, false);
	EXPECT_EQ_UINT(rdr(0, 0x10200, 4), 0);
	vgic_model_set_line_level(&m, 0, 3, true); /* SGIs have no line */
	EXPECT_EQ_UINT(rdr(0, 0x10200, 4), 0);
}

TEST(vgic, conformance_v2_uniprocessor_itargetsr_raz_wi)
{
	setup(2, 1);
	EXPECT_EQ_UINT(rd2(0, 0x800), 0);
	EXPECT_EQ_INT(wr2b(0, 0x800 + SPI_UART, 0x01), VGIC_OK);
	EXPECT_EQ_UINT(rd2(0, 0x820), 0);
	EXPECT_EQ_UINT(vgic_model_target(&m, SPI_UART), 0); /* still the one vCPU */
}

/* GICv2 SPENDSGIR/CPENDSGIR see and cancel the sender of an SGI already listed. */
TEST(vgic, conformance_v2_sgi_pending_senders_while_listed)
{
	struct fake_cpu c = {.n = 0};

	setup(2, 2);
	EXPECT_EQ_INT(wr2(0, 0x100, 1u << 5), VGIC_OK);
	EXPECT_EQ_INT(wr2(0, 0x000, VGIC_CTLR_GRP0), VGIC_OK);
	EXPECT_EQ_INT(wr2b(0, 0xf20 + 5, 0x02), VGIC_OK); /* pending from CPU 1 */
	fake_sync(&c, 0, 4);
	EXPECT_EQ_UINT(c.n, 1);
	EXPECT_EQ_UINT((rd2(0, 0xf24) >> 8) & 0xffu, 0x02); /* SPENDSGIR1, SGI 5's byte */
	EXPECT_EQ_UINT((rd2(0, 0xf14) >> 8) & 0xffu, 0x02); /* CPENDSGIR1 reads the same */
	EXPECT_EQ_INT(wr2b(0, 0xf10 + 5, 0x02), VGIC_OK);   /* withdrawn */
	EXPECT_EQ_UINT((rd2(0, 0xf24) >> 8) & 0xffu, 0);
	EXPECT_EQ_UINT(rd2(0, 0x200) & (1u << 5), 0);
	fake_sync(&c, 0, 4);
	EXPECT_EQ_UINT(fake_ack(&c), 1023);
	/* Two senders, one listed: withdrawing the listed one leaves the other. */
	EXPECT_EQ_INT(wr2b(0, 0xf20 + 5, 0x03), VGIC_OK);
	fake_sync(&c, 0, 4);
	EXPECT_EQ_UINT((rd2(0, 0xf24) >> 8) & 0xffu, 0x03);
	EXPECT_EQ_INT(wr2b(0, 0xf10 + 5, 0x01), VGIC_OK);
	EXPECT_EQ_UINT((rd2(0, 0xf24) >> 8) & 0xffu, 0x02);
	fake_sync(&c, 0, 4);
	EXPECT_EQ_UINT(fake_ack(&c), 5);
	EXPECT_EQ_UINT(c.lrs[0].source, 1);
}

/* --- Level-sensitive virtual SPIs (virq_set_level) --- */

/* Owned SPI on GICv2 ready to be delivered to vCPU 0, nothing pending. */
static void ready2(u32 intid)
{
	EXPECT_EQ_INT(wr2b(0, 0x400 + intid, 0x80), VGIC_OK);
	EXPECT_EQ_INT(wr2(0, bit_reg(0x100, intid), 1u << (intid % 32u)), VGIC_OK);
	EXPECT_EQ_INT(wr2(0, 0x000, VGIC_CTLR_GRP0), VGIC_OK);
}

TEST(vgic, level_high_comes_again_until_it_drops)
{
	struct fake_cpu c = {0};

	setup(2, 1);
	ready2(SPI_UART);
	EXPECT_TRUE(vgic_model_set_level(&m, SPI_UART, true));
	EXPECT_TRUE(vgic_model_pending(&m, 0, SPI_UART));
	fake_sync(&c, 0, 4);
	EXPECT_EQ_UINT(c.n, 1);
	EXPECT_EQ_UINT(c.lrs[0].state, VGIC_LR_PENDING);
	EXPECT_TRUE(c.lrs[0].eoi_maint); /* its deactivation must come back to the model */
	EXPECT_EQ_UINT(fake_ack(&c), SPI_UART);
	/* Taken while the line stays high: active and pending, as a GIC's level interrupt. */
	fake_sync(&c, 0, 4);
	EXPECT_EQ_UINT(c.n, 1);
	EXPECT_EQ_UINT(c.lrs[0].state, VGIC_LR_ACTIVE | VGIC_LR_PENDING);
	fake_deactivate(&c, SPI_UART);
	EXPECT_EQ_UINT(fake_ack(&c), SPI_UART);
	/* The guest served the device: the line drops, only the active instance is left. */
	EXPECT_TRUE(vgic_model_set_level(&m, SPI_UART, false));
	EXPECT_TRUE(!vgic_model_pending(&m, 0, SPI_UART));
	fake_sync(&c, 0, 4);
	EXPECT_EQ_UINT(c.n, 1);
	EXPECT_EQ_UINT(c.lrs[0].state, VGIC_LR_ACTIVE);
	EXPECT_TRUE(!c.lrs[0].eoi_maint);
	fake_deactivate(&c, SPI_UART);
	fake_sync(&c, 0, 4);
	EXPECT_EQ_UINT(c.n, 0);
	EXPECT_TRUE(!vgic_model_pending(&m, 0, SPI_UART));
}

TEST(vgic, level_deactivated_while_high_is_pending_again)
{
	struct fake_cpu c = {0};

	setup(3, 1);
	EXPECT_EQ_INT(wr3(0x400 + SPI_UART, 1, 0x80), VGIC_OK);
	EXPECT_EQ_INT(wr3(0x100 + 4u * (SPI_UART / 32u), 4, 1u << (SPI_UART % 32u)), VGIC_OK);
	EXPECT_EQ_INT(wr3(0x000, 4, VGIC_CTLR_GRP0), VGIC_OK);
	EXPECT_TRUE(vgic_model_set_level(&m, SPI_UART, true));
	fake_sync(&c, 0, 4);
	EXPECT_EQ_UINT(fake_ack(&c), SPI_UART);
	/* Acknowledged and deactivated with no exit between (EOImode 0): the fold re-pends it. */
	fake_deactivate(&c, SPI_UART);
	fake_sync(&c, 0, 4);
	EXPECT_EQ_UINT(c.n, 1);
	EXPECT_EQ_UINT(c.lrs[0].state, VGIC_LR_PENDING);
	EXPECT_EQ_UINT(fake_ack(&c), SPI_UART);
}

TEST(vgic, level_dropping_withdraws_the_pending_state)
{
	struct fake_cpu c = {0};

	setup(2, 1);
	ready2(SPI_UART);
	EXPECT_TRUE(vgic_model_set_level(&m, SPI_UART, true));
	EXPECT_TRUE(vgic_model_set_level(&m, SPI_UART, false));
	EXPECT_TRUE(!vgic_model_pending(&m, 0, SPI_UART));
	fake_sync(&c, 0, 4);
	EXPECT_EQ_UINT(c.n, 0);
	/* Listed pending, not taken yet: the list register is withdrawn at the next sync. */
	EXPECT_TRUE(vgic_model_set_level(&m, SPI_UART, true));
	fake_sync(&c, 0, 4);
	EXPECT_EQ_UINT(c.n, 1);
	EXPECT_TRUE(vgic_model_set_level(&m, SPI_UART, false));
	EXPECT_TRUE(!vgic_model_pending(&m, 0, SPI_UART));
	fake_sync(&c, 0, 4);
	EXPECT_EQ_UINT(c.n, 0);
	EXPECT_EQ_UINT(fake_ack(&c), 1023);
}

TEST(vgic, level_survives_icpendr_and_edge_config_takes_only_rises)
{
	setup(2, 1);
	ready2(SPI_UART);
	EXPECT_TRUE(vgic_model_set_level(&m, SPI_UART, true));
	/* GICD_ICPENDR cannot clear a level interrupt whose line is asserted. */
	EXPECT_EQ_INT(wr2(0, bit_reg(0x280, SPI_UART), 1u << (SPI_UART % 32u)), VGIC_OK);
	EXPECT_TRUE(vgic_model_pending(&m, 0, SPI_UART));
	EXPECT_TRUE(vgic_model_set_level(&m, SPI_UART, false));
	/* Edge-triggered (GICD_ICFGR): a rise pends it, holding or dropping the line does not. */
	EXPECT_EQ_INT(wr2(0, 0xc00 + 4u * (SPI_UART / 16u), 2u << (2u * (SPI_UART % 16u))),
		      VGIC_OK);
	EXPECT_TRUE(vgic_model_set_level(&m, SPI_UART, true));
	EXPECT_TRUE(vgic_model_pending(&m, 0, SPI_UART));
	EXPECT_EQ_INT(wr2(0, bit_reg(0x280, SPI_UART), 1u << (SPI_UART % 32u)), VGIC_OK);
	EXPECT_TRUE(vgic_model_set_level(&m, SPI_UART, true));
	EXPECT_TRUE(!vgic_model_pending(&m, 0, SPI_UART));
	EXPECT_TRUE(vgic_model_set_level(&m, SPI_UART, false));
	EXPECT_TRUE(vgic_model_set_level(&m, SPI_UART, true));
	EXPECT_TRUE(vgic_model_set_level(&m, SPI_UART, false));
	EXPECT_TRUE(vgic_model_pending(&m, 0, SPI_UART));
}

TEST(vgic, level_refused_for_private_and_unowned_and_lowered_by_reset)
{
	setup(2, 1);
	EXPECT_TRUE(!vgic_model_set_level(&m, 27, true));
	EXPECT_TRUE(!vgic_model_set_level(&m, 35, true));
	EXPECT_TRUE(!vgic_model_set_level(&m, 1020, true));
	EXPECT_TRUE(!vgic_model_pending(&m, 0, 35));
	EXPECT_TRUE(vgic_model_set_level(&m, SPI_UART, true));
	vgic_model_reset(&m);
	EXPECT_TRUE(!vgic_model_pending(&m, 0, SPI_UART));
	ready2(SPI_UART);
	/* Written ICPENDR after reset: a line left high would keep it pending. */
	EXPECT_TRUE(vgic_model_raise(&m, 0, SPI_UART, 0));
	EXPECT_EQ_INT(wr2(0, bit_reg(0x280, SPI_UART), 1u << (SPI_UART % 32u)), VGIC_OK);
	EXPECT_TRUE(!vgic_model_pending(&m, 0, SPI_UART));
}

/*
 * Per-exit summaries (spi_live, release_words, rerouted_words): fill and the
 * take_* calls look only at words flagged there, so every change must flag
 * its word. Each case first lets fill narrow the summaries to nothing.
 */

/* GICv3, two vCPUs, group 1 on, SPI_UART, 64 and 100 in group 1 and enabled. */
static void summary_setup(struct fake_cpu *c0, struct fake_cpu *c1)
{
	setup(3, 2);
	EXPECT_EQ_INT(wr3(0x0, 4, VGIC_CTLR_GRP1), VGIC_OK);
	for (u64 word = 1; word <= 3; word++) {
		EXPECT_EQ_INT(wr3(0x080 + 4u * word, 4, ~0ull), VGIC_OK);
		EXPECT_EQ_INT(wr3(0x100 + 4u * word, 4, ~0ull), VGIC_OK);
	}
	fake_sync(c0, 0, 4);
	fake_sync(c1, 1, 4);
	EXPECT_EQ_UINT(c0->n + c1->n, 0);
}

TEST(vgic, summary_sees_pending_written_for_another_vcpu)
{
	struct fake_cpu c0 = {.n = 0}, c1 = {.n = 0};

	summary_setup(&c0, &c1);
	EXPECT_EQ_INT(wr3(0x6000 + 8u * 64u, 8, 1), VGIC_OK); /* IROUTER: vCPU 1 */
	EXPECT_EQ_UINT(vgic_model_take_rerouted(&m), 64);
	/* vCPU 0 sets it pending through GICD_ISPENDR; vCPU 0 refills first. */
	EXPECT_EQ_INT(wr3(bit_reg(0x200, 64), 4, 1u << (64u % 32u)), VGIC_OK);
	fake_sync(&c0, 0, 4);
	EXPECT_EQ_UINT(c0.n, 0);
	fake_sync(&c1, 1, 4);
	EXPECT_EQ_UINT(c1.n, 1);
	EXPECT_EQ_UINT(c1.lrs[0].intid, 64);
}

TEST(vgic, summary_follows_a_pending_spi_rerouted_to_another_vcpu)
{
	struct fake_cpu c0 = {.n = 0}, c1 = {.n = 0};

	summary_setup(&c0, &c1);
	EXPECT_TRUE(vgic_model_raise(&m, 0, 100, 0));
	fake_sync(&c0, 0, 4);
	EXPECT_EQ_UINT(c0.n, 1); /* listed on vCPU 0, not taken yet */
	EXPECT_EQ_INT(wr3(0x6000 + 8u * SPI_UART, 8, 1), VGIC_OK);
	EXPECT_EQ_INT(wr3(0x6000 + 8u * 100u, 8, 1), VGIC_OK);
	EXPECT_EQ_INT(wr3(0x6000 + 8u * 64u, 8, 1), VGIC_OK);
	/* Every rerouted SPI, across three words, lowest first. */
	EXPECT_EQ_UINT(vgic_model_take_rerouted(&m), SPI_UART);
	EXPECT_EQ_UINT(vgic_model_take_rerouted(&m), 64);
	EXPECT_EQ_UINT(vgic_model_take_rerouted(&m), 100);
	EXPECT_EQ_UINT(vgic_model_take_rerouted(&m), 0);
	fake_sync(&c0, 0, 4);
	EXPECT_EQ_UINT(c0.n, 0);
	fake_sync(&c1, 1, 4);
	EXPECT_EQ_UINT(c1.n, 1);
	EXPECT_EQ_UINT(c1.lrs[0].intid, 100);
}

TEST(vgic, summary_sees_level_lines_rise_and_drop)
{
	struct fake_cpu c0 = {.n = 0}, c1 = {.n = 0};

	summary_setup(&c0, &c1);
	/* A virtual line rises after vCPU 0 found nothing, and drops while listed. */
	EXPECT_TRUE(vgic_model_set_level(&m, 64, true));
	fake_sync(&c0, 0, 4);
	EXPECT_EQ_UINT(c0.n, 1);
	EXPECT_EQ_UINT(c0.lrs[0].intid, 64);
	EXPECT_TRUE(vgic_model_set_level(&m, 64, false));
	fake_sync(&c0, 0, 4);
	EXPECT_EQ_UINT(c0.n, 0);
	/* Physical lines in flight that drop: released, in two words, lowest first. */
	EXPECT_EQ_INT(wr3(0x180 + 4u * 2u, 4, ~0ull), VGIC_OK); /* ICENABLER: 64..95 wait */
	EXPECT_TRUE(vgic_model_inject_hw(&m, 0, 100));
	EXPECT_TRUE(vgic_model_inject_hw(&m, 0, 64));
	fake_sync(&c0, 0, 4);
	EXPECT_EQ_UINT(c0.n, 1); /* 100, listed HW; 64 waits disabled */
	EXPECT_TRUE(vgic_model_line_low(&m, 0, 64));
	EXPECT_EQ_UINT(vgic_model_take_spi_release(&m), 64);
	EXPECT_EQ_UINT(vgic_model_take_spi_release(&m), 0);
	EXPECT_TRUE(vgic_model_line_low(&m, 0, 100));
	EXPECT_EQ_UINT(vgic_model_take_spi_release(&m), 0); /* listed: when folded */
	fake_sync(&c0, 0, 4);
	EXPECT_EQ_UINT(c0.n, 0);
	EXPECT_EQ_UINT(vgic_model_take_spi_release(&m), 100);
	EXPECT_EQ_UINT(vgic_model_take_spi_release(&m), 0);
}

/* --- The one-interrupt path: a timer PPI straight into a free list register --- */

/* What the fake CPU's list registers hold after a direct listing into slot. */
static int fake_list_ppi(struct fake_cpu *c, unsigned int vcpu, u32 intid, unsigned int nr_lrs)
{
	int slot = vgic_model_list_private(&m, vcpu, intid, 0, c->lrs, c->n, nr_lrs);

	if (slot >= 0 && (unsigned int)slot == c->n)
		c->n++;
	return slot;
}

TEST(vgic, direct_timer_listing_matches_what_a_fill_would_list)
{
	for (unsigned int version = 2; version <= 3; version++) {
		for (int hw = 0; hw <= 1; hw++) {
			struct fake_cpu c = {.n = 0};

			timer_setup(version, hw);
			EXPECT_EQ_INT(fake_list_ppi(&c, 0, 27, 4), 0);
			EXPECT_EQ_UINT(c.n, 1);
			EXPECT_EQ_UINT(c.lrs[0].intid, 27);
			EXPECT_EQ_UINT(c.lrs[0].state, VGIC_LR_PENDING);
			EXPECT_TRUE(c.lrs[0].hw == (hw != 0));
			EXPECT_TRUE(c.lrs[0].release == !hw);
			EXPECT_TRUE(c.lrs[0].eoi_maint == !hw);
			/* The model sees it as a fill would have left it: listed, pending from its
			 * line. */
			EXPECT_TRUE(vgic_model_test(&m, 0, VGIC_F_LISTED, 27));
			EXPECT_TRUE(vgic_model_test(&m, 0, VGIC_F_LISTED_HW, 27));
			EXPECT_TRUE(!vgic_model_test(&m, 0, VGIC_F_PENDING, 27));
			EXPECT_TRUE(vgic_model_pending_from_line(&m, 0, 27));
			EXPECT_EQ_UINT(timer_pending_reg(version), 1u << 27);
			/* A sync before the guest took it keeps it listed, pending, in flight. */
			fake_sync(&c, 0, 4);
			EXPECT_EQ_UINT(c.n, 1);
			EXPECT_EQ_UINT(c.lrs[0].state, VGIC_LR_PENDING);
			EXPECT_EQ_UINT(fake_ack(&c), 27);
			fake_deactivate(&c, 27);
			fake_sync(&c, 0, 4);
			EXPECT_EQ_UINT(c.n, 0);
			/* HW: the guest's deactivation took it; a release entry is ours. */
			EXPECT_EQ_UINT(vgic_model_take_private_release(&m, 0), hw ? 0 : 1u << 27);
			EXPECT_TRUE(!vgic_model_test(&m, 0, VGIC_F_LISTED, 27));
			EXPECT_TRUE(!vgic_model_test(&m, 0, VGIC_F_HW, 27));
			EXPECT_EQ_UINT(timer_pending_reg(version), 0);
		}
	}
}

TEST(vgic, direct_timer_listing_reuses_the_entry_the_guest_finished)
{
	struct fake_cpu c = {.n = 0};

	timer_setup(3, true);
	EXPECT_EQ_INT(fake_list_ppi(&c, 0, 27, 4), 0);
	/* Taken but not finished: the entry is still the guest's. */
	EXPECT_EQ_UINT(fake_ack(&c), 27);
	EXPECT_EQ_INT(fake_list_ppi(&c, 0, 27, 4), -1);
	EXPECT_EQ_UINT(c.lrs[0].state, VGIC_LR_ACTIVE);
	/* Finished (HW: deactivated physically with it): the next expiry takes its place. */
	fake_deactivate(&c, 27);
	EXPECT_EQ_INT(fake_list_ppi(&c, 0, 27, 4), 0);
	EXPECT_EQ_UINT(c.n, 1);
	EXPECT_EQ_UINT(c.lrs[0].state, VGIC_LR_PENDING);
	EXPECT_TRUE(c.lrs[0].hw);
	EXPECT_TRUE(vgic_model_pending_from_line(&m, 0, 27));
	EXPECT_EQ_UINT(fake_ack(&c), 27);
	fake_deactivate(&c, 27);
	fake_sync(&c, 0, 4);
	EXPECT_EQ_UINT(c.n, 0);
	EXPECT_EQ_UINT(vgic_model_take_private_release(&m, 0), 0);
	EXPECT_TRUE(!vgic_model_test(&m, 0, VGIC_F_LISTED, 27));
	EXPECT_TRUE(!vgic_model_test(&m, 0, VGIC_F_LISTED_HW, 27));
}

TEST(vgic, direct_timer_listing_without_a_free_list_register)
{
	struct fake_cpu c = {.n = 0};

	timer_setup(3, true);
	EXPECT_EQ_INT(wrr(0, 0x10100, 4, (1u << 27) | 0xfu), VGIC_OK);
	EXPECT_EQ_INT(wr3(0x0, 4, VGIC_CTLR_GRP0), VGIC_OK);
	for (u32 sgi = 0; sgi < 4; sgi++)
		EXPECT_TRUE(vgic_model_raise(&m, 0, sgi, 0));
	fake_sync(&c, 0, 4);
	EXPECT_EQ_UINT(c.n, 4);
	/* Every list register busy: nothing changes, the long way follows. */
	EXPECT_EQ_INT(fake_list_ppi(&c, 0, 27, 4), -1);
	EXPECT_TRUE(!vgic_model_test(&m, 0, VGIC_F_LISTED, 27));
	EXPECT_TRUE(vgic_model_inject_hw(&m, 0, 27));
	fake_sync(&c, 0, 4);
	EXPECT_TRUE(c.overflow);
	/* The guest takes them in turn; the timer comes once a register is free. */
	for (unsigned int i = 0; i < 5; i++) {
		u32 intid = fake_ack(&c);

		EXPECT_TRUE(intid != 1023);
		fake_deactivate(&c, intid);
		fake_sync(&c, 0, 4);
	}
	EXPECT_EQ_UINT(c.n, 0);
	EXPECT_EQ_UINT(vgic_model_take_private_release(&m, 0), 0);
}

TEST(vgic, direct_timer_listing_refused_where_the_model_must_choose)
{
	struct fake_cpu c = {.n = 0};

	/* Disabled, or its group disabled: it stays with the model. */
	timer_setup(3, true);
	EXPECT_EQ_INT(wrr(0, 0x10180, 4, 1u << 27), VGIC_OK);
	EXPECT_EQ_INT(fake_list_ppi(&c, 0, 27, 4), -1);
	timer_setup(3, true);
	EXPECT_EQ_INT(wr3(0x0, 4, 0), VGIC_OK);
	EXPECT_EQ_INT(fake_list_ppi(&c, 0, 27, 4), -1);
	/* Already pending in the model, or pending there by the guest's own write. */
	timer_setup(3, true);
	EXPECT_TRUE(vgic_model_inject_hw(&m, 0, 27));
	EXPECT_EQ_INT(fake_list_ppi(&c, 0, 27, 4), -1);
	timer_setup(3, true);
	EXPECT_EQ_INT(wrr(0, 0x10200, 4, 1u << 27), VGIC_OK);
	EXPECT_EQ_INT(fake_list_ppi(&c, 0, 27, 4), -1);
	/* Listed, and the guest cleared it through the redistributor since. */
	timer_setup(3, true);
	c.n = 0;
	EXPECT_EQ_INT(fake_list_ppi(&c, 0, 27, 4), 0);
	EXPECT_EQ_INT(wrr(0, 0x10280, 4, 1u << 27), VGIC_OK);
	c.lrs[0].state = 0;
	EXPECT_EQ_INT(fake_list_ppi(&c, 0, 27, 4), -1);
	/* An SGI sender that cannot exist, not a private interrupt, not a vCPU. */
	EXPECT_EQ_INT(vgic_model_list_private(&m, 0, 3, 8, c.lrs, 0, 4), -1);
	EXPECT_EQ_INT(vgic_model_list_private(&m, 0, SPI_UART, 0, c.lrs, 0, 4), -1);
	EXPECT_EQ_INT(vgic_model_list_private(&m, 1, 27, 0, c.lrs, 0, 4), -1);
}

TEST(vgic, peek_changes_nothing_and_commit_lists_as_list_private_would)
{
	for (unsigned int version = 2; version <= 3; version++) {
		for (int hw = 0; hw <= 1; hw++) {
			struct fake_cpu c = {.n = 0};
			struct vgic_lr e;

			timer_setup(version, hw);
			EXPECT_EQ_INT(vgic_model_peek_private(&m, 0, 27, 0, c.lrs, c.n, 4, &e), 0);
			EXPECT_EQ_UINT(e.intid, 27);
			EXPECT_EQ_UINT(e.state, VGIC_LR_PENDING);
			EXPECT_TRUE(e.hw == (hw != 0));
			EXPECT_TRUE(e.release == !hw);
			/* Peeking lists nothing. */
			EXPECT_TRUE(!vgic_model_test(&m, 0, VGIC_F_LISTED, 27));
			EXPECT_TRUE(!vgic_model_test(&m, 0, VGIC_F_LISTED_HW, 27));
			c.lrs[0] = e;
			c.n = 1;
			vgic_model_commit_private(&m, 0, &e);
			EXPECT_TRUE(vgic_model_test(&m, 0, VGIC_F_LISTED, 27));
			EXPECT_TRUE(vgic_model_test(&m, 0, VGIC_F_LISTED_P, 27));
			EXPECT_TRUE(vgic_model_test(&m, 0, VGIC_F_LISTED_HW, 27));
			EXPECT_TRUE(!vgic_model_test(&m, 0, VGIC_F_LISTED_A, 27));
			EXPECT_TRUE(vgic_model_pending_from_line(&m, 0, 27));
			EXPECT_EQ_UINT(timer_pending_reg(version), 1u << 27);
			/* Listed and not finished: peek refuses, as list_private would. */
			EXPECT_EQ_INT(vgic_model_peek_private(&m, 0, 27, 0, c.lrs, c.n, 4, &e), -1);
			EXPECT_EQ_UINT(fake_ack(&c), 27);
			fake_deactivate(&c, 27);
			/* HW: the finished entry's place again, the same entry; a release entry
			 * waits. */
			EXPECT_EQ_INT(vgic_model_peek_private(&m, 0, 27, 0, c.lrs, c.n, 4, &e),
				      hw ? 0 : -1);
			if (hw) {
				c.lrs[0] = e;
				vgic_model_commit_private(&m, 0, &e);
				EXPECT_EQ_UINT(fake_ack(&c), 27);
				fake_deactivate(&c, 27);
			}
			fake_sync(&c, 0, 4);
			EXPECT_EQ_UINT(c.n, 0);
			EXPECT_EQ_UINT(vgic_model_take_private_release(&m, 0), hw ? 0 : 1u << 27);
			EXPECT_TRUE(!vgic_model_test(&m, 0, VGIC_F_LISTED, 27));
			EXPECT_EQ_UINT(timer_pending_reg(version), 0);
		}
	}
	/* Disabled: refused. */
	timer_setup(3, true);
	{
		struct fake_cpu c = {.n = 0};
		struct vgic_lr e;

		EXPECT_EQ_INT(wrr(0, 0x10180, 4, 1u << 27), VGIC_OK);
		EXPECT_EQ_INT(vgic_model_peek_private(&m, 0, 27, 0, c.lrs, 0, 4, &e), -1);
		EXPECT_EQ_INT(vgic_model_peek_private(&m, 0, 3, 8, c.lrs, 0, 4, &e), -1);
	}
}
