/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GIC conformance from the specifications (IHI 0048 for GICv2, IHI 0069 for
 * GICv3): ID registers, interrupts GICD_TYPER does not implement and
 * reserved offsets read as zero and ignore 32-bit writes, every bank treats
 * an interrupt as implemented or not consistently, set/clear semantics,
 * priority bytes, ICFGR, ITARGETSR / IROUTER, SGI pending registers, and
 * the CPU interface's idle and running priorities. Runs natively on QEMU's
 * GIC (which proves the checks) and in a VM. Documentation/conformance.md
 * lists what each check covers.
 */
#include "arch.h"
#include "gic.h"
#include "sysreg.h"
#include "test.h"
#include "trap.h"

#define GICD_TYPER	 0x004
#define GICD_IIDR	 0x008
#define GICD_ISACTIVER	 0x300
#define GICD_ICACTIVER	 0x380
#define GICD_ICFGR	 0xc00
#define GICD_CPENDSGIR	 0xf10
#define GICD_SPENDSGIR	 0xf20
#define GICD_V2_PIDR2	 0xfe8
#define GICD_V3_PIDR2	 0xffe8
#define GICR_CTLR	 0x000
#define GICR_TYPER	 0x008
#define GICR_PIDR2	 0xffe8
#define GICC_BPR	 0x008
#define GICC_RPR	 0x014
#define GICC_HPPIR	 0x018
#define GICD_CTLR_ARE	 (1U << 4)
#define GICR_TYPER_LAST	 (1UL << 4)
#define GICR_TYPER_PLPIS (1UL << 0)
#define IROUTER_IRM	 (1U << 31)
#define INTID_SPURIOUS	 1023

#define CONF_PPI      22 /* enable and active: no device uses it on QEMU virt */
#define CONF_SGI      7	 /* pending */
#define CONF_SGI_SEND 9	 /* sent to itself and left pending */
#define CONF_SGI_RUN  10 /* taken, to read the running priority */
#define CONF_PRIO_RUN 0x80

/* Plain loads and stores (no writeback forms): what a hypervisor can emulate on MMIO. */
static uint32_t r32(unsigned long addr)
{
	return mmio_read32(addr);
}

static uint8_t r8(unsigned long addr)
{
	return mmio_read8(addr);
}

static void w32(unsigned long addr, uint32_t v)
{
	mmio_write32(addr, v);
}

static void w8(unsigned long addr, uint8_t v)
{
	mmio_write8(addr, v);
}

static bool v3(void)
{
	return gic_version() == 3;
}

static unsigned long rd_frame(unsigned long cpu)
{
	return GICR_BASE + GICR_STRIDE * cpu;
}

/* Where this CPU's SGI and PPI bits live. */
static unsigned long private_base(void)
{
	return v3() ? rd_frame(this_hart()) + GICR_SGI_BASE : GICD_BASE;
}

/* INTIDs GICD_TYPER.ITLinesNumber says exist (at most 1020 usable). */
static unsigned int nr_intids(void)
{
	return 32 * ((r32(GICD_BASE + GICD_TYPER) & 0x1f) + 1);
}

/* A 32-bit store that must not fault, and the value read back (which must not fault either). */
static bool store_ignored_reads(unsigned long addr, uint32_t value, unsigned long *back)
{
	struct fault_info st = probe_store(addr, 4, value);
	struct fault_info ld = probe_load(addr, 4, back);

	return !st.taken && !ld.taken;
}

/* Stores must not fault and read back zero. */
static void check_raz_wi(unsigned long addr, uint32_t value, const char *what)
{
	unsigned long back = ~0UL;
	bool ok = store_ignored_reads(addr, value, &back);

	report(ok && back == 0, "%s at 0x%lx: RAZ/WI (no fault: %d, reads 0x%lx)", what, addr, ok,
	       back);
}

/* The CPU interface's idle and running priority, highest pending INTID. */
static uint32_t cpu_rpr(void)
{
	return v3() ? (uint32_t)read_sysreg(ICC_RPR_EL1) & 0xff : r32(GICC_BASE + GICC_RPR);
}

static uint32_t cpu_hppir(void)
{
	return v3() ? (uint32_t)read_sysreg(ICC_HPPIR1_EL1) & 0xffffff
		    : r32(GICC_BASE + GICC_HPPIR) & 0x3ff;
}

static unsigned int ones(uint32_t v)
{
	unsigned int n = 0;

	for (; v; v &= v - 1)
		n++;
	return n;
}

/* Priority values implemented: the top bits set when 0xff is written, at least 4 (16 levels). */
static bool priority_bits_ok(uint32_t readback)
{
	for (unsigned int k = 0; k <= 4; k++)
		if (readback == ((0xffU << k) & 0xffU))
			return true;
	return false;
}

TEST_CASE(gic_conformance_ids)
{
	uint32_t typer = r32(GICD_BASE + GICD_TYPER);
	unsigned int nr = nr_intids();
	unsigned long pidr2 = r32(GICD_BASE + (v3() ? GICD_V3_PIDR2 : GICD_V2_PIDR2));

	report_info("GICv%u, GICD_TYPER 0x%x (%u INTIDs), GICD_IIDR 0x%x", gic_version(), typer, nr,
		    r32(GICD_BASE + GICD_IIDR));
	report(nr >= 64 && nr <= 1024, "GICD_TYPER.ITLinesNumber names 64..1024 INTIDs (%u)", nr);
	report_eq((pidr2 >> 4) & 0xf, gic_version(), "GICD_PIDR2.ArchRev is the GIC version");
	if (!v3()) {
		/* A uniprocessor GIC's ITARGETSRs are RAZ/WI. */
		uint32_t self = (typer >> 5) & 7 ? 1U << this_hart() : 0;

		/* ITARGETSR0-7 are read-only, each byte the reading CPU's own interface. */
		report_eqx(r32(GICD_BASE + GICD_ITARGETSR), self * 0x01010101U,
			   "GICD_ITARGETSR0 names this CPU in every byte");
		w32(GICD_BASE + GICD_ITARGETSR + 4, 0);
		report_eqx(r32(GICD_BASE + GICD_ITARGETSR + 4), self * 0x01010101U,
			   "GICD_ITARGETSR1 ignores writes");
		return;
	}
	report(r32(GICD_BASE + GICD_CTLR) & GICD_CTLR_ARE, "GICD_CTLR.ARE reads 1 once set");
	{
		uint64_t mpidr = read_sysreg(mpidr_el1), typer_r = 0;
		uint64_t want = (mpidr & 0xffffffU) | ((mpidr >> 32) & 0xff) << 24;
		unsigned long found = ~0UL, frames = 0;

		/* The walk an OS does: frame after frame until GICR_TYPER.Last. */
		for (unsigned long n = 0; n < 64; n++) {
			typer_r = r32(rd_frame(n) + GICR_TYPER) |
				  (uint64_t)r32(rd_frame(n) + GICR_TYPER + 4) << 32;
			frames = n + 1;
			if ((typer_r >> 32) == want)
				found = n;
			if (typer_r & GICR_TYPER_LAST)
				break;
		}
		report(typer_r & GICR_TYPER_LAST, "GICR_TYPER.Last ends the walk (%lu frames)",
		       frames);
		report_eq(found, this_hart(),
			  "GICR_TYPER.Affinity of this CPU's frame is its MPIDR");
		report_eq((r32(rd_frame(this_hart()) + GICR_PIDR2) >> 4) & 0xf, 3,
			  "GICR_PIDR2.ArchRev is 3");
		report_eqx(r32(rd_frame(this_hart()) + GICR_WAKER) & 6, 0,
			   "GICR_WAKER: ProcessorSleep and ChildrenAsleep clear after waking");
		if (!(r32(rd_frame(this_hart()) + GICR_TYPER) & GICR_TYPER_PLPIS))
			check_raz_wi(rd_frame(this_hart()) + GICR_CTLR, 1,
				     "GICR_CTLR.EnableLPIs without LPIs");
		else
			report_skip("GICR_CTLR.EnableLPIs: this GIC implements LPIs");
	}
}

TEST_CASE(gic_conformance_unimplemented)
{
	unsigned int nr = nr_intids();
	unsigned long word = GICD_BASE + 4 * (nr / 32);

	/* What ITLinesNumber leaves out: every field of those INTIDs is RAZ/WI. */
	if (nr >= 1024) {
		report_skip("GICD_TYPER implements every INTID");
	} else {
		check_raz_wi(word + GICD_ISENABLER, ~0U, "ISENABLER beyond GICD_TYPER");
		check_raz_wi(word + GICD_ISPENDR, ~0U, "ISPENDR beyond GICD_TYPER");
		check_raz_wi(word + GICD_ISACTIVER, ~0U, "ISACTIVER beyond GICD_TYPER");
		check_raz_wi(GICD_BASE + GICD_IPRIORITYR + nr, ~0U, "IPRIORITYR beyond GICD_TYPER");
		check_raz_wi(GICD_BASE + GICD_ICFGR + nr / 4, 0xaaaaaaaaU,
			     "ICFGR beyond GICD_TYPER");
		if (v3())
			check_raz_wi(GICD_BASE + GICD_IROUTER + 8UL * nr, IROUTER_IRM,
				     "IROUTER beyond GICD_TYPER");
		else
			check_raz_wi(GICD_BASE + GICD_ITARGETSR + nr, 0x01010101U,
				     "ITARGETSR beyond GICD_TYPER");
	}
	/* Reserved offsets of each frame. */
	if (v3()) {
		check_raz_wi(GICD_BASE + 0x0044, ~0U, "reserved GICD offset");
		check_raz_wi(GICD_BASE + 0x5000, ~0U, "reserved GICD offset");
		check_raz_wi(GICD_BASE + GICD_IROUTER + 8 * 5, ~0U, "GICD_IROUTER of an SGI");
		check_raz_wi(GICD_BASE + GICD_ISENABLER, ~0U, "GICD_ISENABLER0 under ARE");
		check_raz_wi(rd_frame(this_hart()) + 0x0800, ~0U, "reserved GICR RD_base offset");
		check_raz_wi(private_base() + 0x0900, ~0U, "reserved GICR SGI_base offset");
	} else {
		check_raz_wi(GICD_BASE + 0x00c, ~0U, "reserved GICD offset");
		check_raz_wi(GICD_BASE + 0x040, ~0U, "reserved GICD offset");
		check_raz_wi(GICD_BASE + 0xf04, ~0U, "reserved GICD offset");
	}
}

static uint32_t byte_mask(uint32_t bits, unsigned int first)
{
	uint32_t mask = 0;

	for (unsigned int i = 0; i < 4; i++)
		if (bits & (1U << (first + i)))
			mask |= 0xffU << (8 * i);
	return mask;
}

/*
 * SPIs 32..63: whatever ISENABLER1 shows implemented is implemented in every
 * bank, and nothing else is. Interrupts stay masked (PSTATE.I and a
 * priority mask of 0) and every register is put back.
 */
TEST_CASE(gic_conformance_implemented_is_consistent)
{
	unsigned long d = GICD_BASE;
	uint32_t old_enable = r32(d + GICD_ISENABLER + 4), old_group = r32(d + GICD_IGROUPR + 4);
	uint32_t old_prio[8], old_cfg[2], old_route[32], impl, bad;
	uint8_t pmr = gic_pmr();
	unsigned int i;

	local_irq_disable();
	gic_set_pmr(0);
	for (i = 0; i < 8; i++)
		old_prio[i] = r32(d + GICD_IPRIORITYR + 32 + 4 * i);
	for (i = 0; i < 2; i++)
		old_cfg[i] = r32(d + GICD_ICFGR + 8 + 4 * i);
	for (i = 0; i < 32; i++)
		old_route[i] =
		    v3() ? r32(d + GICD_IROUTER + 8 * (32 + i)) : r8(d + GICD_ITARGETSR + 32 + i);

	/* To this CPU first: QEMU's GICv2 keeps an SPI's pending state per target. */
	for (i = 0; i < 32 && !v3(); i++)
		w8(d + GICD_ITARGETSR + 32 + i, (uint8_t)(1U << this_hart()));
	w32(d + GICD_ISENABLER + 4, ~0U);
	impl = r32(d + GICD_ISENABLER + 4);
	report_info("SPIs 32..63 implemented for this guest: 0x%08x", impl);
	report(impl != 0, "some SPI of 32..63 is implemented (the UART's)");
	report_eqx(r32(d + GICD_ICENABLER + 4), impl, "ICENABLER1 reads the enables");
	w32(d + GICD_ISPENDR + 4, ~0U);
	report_eqx(r32(d + GICD_ISPENDR + 4), impl, "ISPENDR1 of all ones: the implemented");
	w32(d + GICD_ICPENDR + 4, ~0U);
	report_eqx(r32(d + GICD_ISPENDR + 4), 0, "ICPENDR1 of all ones clears them");
	w32(d + GICD_ISACTIVER + 4, ~0U);
	report_eqx(r32(d + GICD_ICACTIVER + 4), impl, "ISACTIVER1 of all ones: the implemented");
	w32(d + GICD_ICACTIVER + 4, ~0U);
	report_eqx(r32(d + GICD_ISACTIVER + 4), 0, "ICACTIVER1 of all ones clears them");
	w32(d + GICD_ICENABLER + 4, ~0U);
	report_eqx(r32(d + GICD_ISENABLER + 4), 0, "ICENABLER1 of all ones clears them");
	w32(d + GICD_IGROUPR + 4, ~0U);
	report_eqx(r32(d + GICD_IGROUPR + 4), impl, "IGROUPR1 of all ones: the implemented");
	w32(d + GICD_IGROUPR + 4, old_group);

	bad = 0;
	for (i = 0; i < 8; i++) {
		uint32_t got;

		w32(d + GICD_IPRIORITYR + 32 + 4 * i, ~0U);
		got = r32(d + GICD_IPRIORITYR + 32 + 4 * i);
		if (got & ~byte_mask(impl, 4 * i))
			bad++;
		if (!priority_bits_ok(got & 0xff) && (impl & (1U << (4 * i))))
			bad++;
	}
	report_eq(bad, 0, "IPRIORITYR words: bytes of implemented SPIs only, >= 4 bits each");

	bad = 0;
	for (i = 0; i < 2; i++) {
		uint32_t got;

		w32(d + GICD_ICFGR + 8 + 4 * i, 0xaaaaaaaaU);
		got = r32(d + GICD_ICFGR + 8 + 4 * i);
		for (unsigned int f = 0; f < 16; f++)
			if (!(impl & (1U << (16 * i + f))) && ((got >> (2 * f)) & 3))
				bad++;
	}
	report_eq(bad, 0, "ICFGR2-3: fields of unimplemented SPIs read 0");

	bad = 0;
	for (i = 0; i < 32; i++) {
		bool mine = impl & (1U << i);

		if (v3()) {
			w32(d + GICD_IROUTER + 8 * (32 + i), IROUTER_IRM);
			if (!!(r32(d + GICD_IROUTER + 8 * (32 + i)) & IROUTER_IRM) != mine)
				bad++;
		} else {
			uint8_t self = (uint8_t)(1U << this_hart());
			/* A uniprocessor GIC's ITARGETSRs are RAZ/WI. */
			bool up = ((r32(d + GICD_TYPER) >> 5) & 7) == 0;

			w8(d + GICD_ITARGETSR + 32 + i, self);
			if (r8(d + GICD_ITARGETSR + 32 + i) != (mine && !up ? self : 0))
				bad++;
		}
	}
	report_eq(bad, 0,
		  v3() ? "IROUTER.IRM sticks for implemented SPIs only"
		       : "ITARGETSR byte lanes: implemented SPIs only");

	for (i = 0; i < 32; i++) {
		if (v3())
			w32(d + GICD_IROUTER + 8 * (32 + i), old_route[i]);
		else
			w8(d + GICD_ITARGETSR + 32 + i, (uint8_t)old_route[i]);
	}
	for (i = 0; i < 2; i++)
		w32(d + GICD_ICFGR + 8 + 4 * i, old_cfg[i]);
	for (i = 0; i < 8; i++)
		w32(d + GICD_IPRIORITYR + 32 + 4 * i, old_prio[i]);
	w32(d + GICD_ISENABLER + 4, old_enable);
	gic_set_pmr(pmr);
}

/* SGIs and PPIs of this CPU: set/clear pairs, SGI configuration, pending SGIs, priority bytes. */
TEST_CASE(gic_conformance_private)
{
	unsigned long p = private_base();
	const uint32_t ppi = 1U << CONF_PPI, bit = 1U << CONF_SGI, send = 1U << CONF_SGI_SEND;
	uint32_t old_prio[4], written = 0, got, pbits;
	uint8_t pmr = gic_pmr();
	unsigned int i;

	local_irq_disable();
	gic_set_pmr(0);
	/* (Whether GICv2 SGIs can be disabled at all is IMPLEMENTATION DEFINED: a PPI here.) */
	w32(p + GICD_ISENABLER, ppi);
	report((r32(p + GICD_ISENABLER) & ppi) && (r32(p + GICD_ICENABLER) & ppi),
	       "PPI %d: ISENABLER0 sets, both enable registers read it", CONF_PPI);
	w32(p + GICD_ICENABLER, ppi);
	report(!(r32(p + GICD_ISENABLER) & ppi), "PPI %d: ICENABLER0 clears", CONF_PPI);
	w32(p + GICD_ISACTIVER, ppi);
	report((r32(p + GICD_ISACTIVER) & ppi) && (r32(p + GICD_ICACTIVER) & ppi),
	       "PPI %d: ISACTIVER0 sets, both active registers read it", CONF_PPI);
	w32(p + GICD_ICACTIVER, ppi);
	report(!(r32(p + GICD_ISACTIVER) & ppi), "PPI %d: ICACTIVER0 clears", CONF_PPI);
	w32(p + GICD_ICFGR, 0);
	report_eqx(r32(p + GICD_ICFGR), 0xaaaaaaaaU, "ICFGR0: SGIs are edge-triggered, read-only");

	if (v3()) {
		w32(p + GICD_ISPENDR, bit);
		report(r32(p + GICD_ISPENDR) & bit, "SGI %d: GICR_ISPENDR0 sets", CONF_SGI);
		w32(p + GICD_ICPENDR, bit);
		report(!(r32(p + GICD_ISPENDR) & bit), "SGI %d: GICR_ICPENDR0 clears", CONF_SGI);
		gic_send_sgi(this_hart(), CONF_SGI_SEND);
		report(r32(p + GICD_ISPENDR) & send, "ICC_SGI1R_EL1 to itself: SGI %d pending",
		       CONF_SGI_SEND);
		w32(p + GICD_ICPENDR, send);
	} else {
		unsigned long self = 1UL << this_hart();

		/* GICv2: SGI pending bits move through SPENDSGIR/CPENDSGIR only. */
		w32(p + GICD_ISPENDR, bit);
		report(!(r32(p + GICD_ISPENDR) & bit), "SGI %d: ISPENDR0 bit ignored", CONF_SGI);
		/* Enabled (masked by PMR 0), so a hypervisor may have listed it already. */
		gic_enable(CONF_SGI, true);
		w8(p + GICD_SPENDSGIR + CONF_SGI, (uint8_t)self);
		report(r32(p + GICD_ISPENDR) & bit, "SGI %d: SPENDSGIR makes it pending", CONF_SGI);
		report_eqx(r8(p + GICD_SPENDSGIR + CONF_SGI), self,
			   "SGI %d: SPENDSGIR reads this CPU as its sender", CONF_SGI);
		w8(p + GICD_CPENDSGIR + CONF_SGI, (uint8_t)self);
		report(!(r32(p + GICD_ISPENDR) & bit), "SGI %d: CPENDSGIR clears it", CONF_SGI);
		gic_enable(CONF_SGI, false);
		w32(p + GICD_SGIR, (2U << 24) | CONF_SGI_SEND); /* TargetListFilter: itself */
		report(r32(p + GICD_ISPENDR) & send, "GICD_SGIR to itself: SGI %d pending",
		       CONF_SGI_SEND);
		w8(p + GICD_CPENDSGIR + CONF_SGI_SEND, 0xff);
	}
	report(!(r32(p + GICD_ISPENDR) & send), "SGI %d cleared again", CONF_SGI_SEND);

	/* Priority bytes: the implemented bits, then each lane on its own. */
	for (i = 0; i < 4; i++)
		old_prio[i] = r32(p + GICD_IPRIORITYR + 4 * i);
	w8(p + GICD_IPRIORITYR, 0xff);
	pbits = r8(p + GICD_IPRIORITYR);
	report(priority_bits_ok(pbits), "IPRIORITYR: 0xff reads back 0x%x, 16 or more levels",
	       pbits);
	for (i = 0; i < 4; i++) {
		uint8_t v = (uint8_t)((0x10 * (3 - i) + 0x40) & pbits);

		w8(p + GICD_IPRIORITYR + 4 + i, v);
		written |= (uint32_t)v << (8 * i);
	}
	got = r32(p + GICD_IPRIORITYR + 4);
	report_eqx(got, written, "IPRIORITYR1 word reads the four bytes written one by one");
	for (i = 0; i < 4; i++)
		w32(p + GICD_IPRIORITYR + 4 * i, old_prio[i]);
	gic_set_pmr(pmr);
}

static volatile uint32_t running_priority, running_hppir;
static volatile unsigned long taken;

static void run_handler(void)
{
	running_priority = cpu_rpr();
	running_hppir = cpu_hppir();
	taken++;
}

TEST_CASE(gic_conformance_cpu_interface)
{
	uint8_t pmr = gic_pmr(), prio = gic_priority(CONF_SGI_RUN), pbits;
	unsigned long end;

	local_irq_disable();
	gic_set_pmr(0xff);
	pbits = gic_pmr();
	report(priority_bits_ok(pbits), "priority mask: 0xff reads back 0x%x, 16 or more levels",
	       pbits);
	if (v3()) {
		unsigned long ctlr = read_sysreg(ICC_CTLR_EL1);
		unsigned int bits = (unsigned int)((ctlr >> 8) & 7) + 1;

		report_eq(ones(pbits), bits, "ICC_PMR_EL1 bits match ICC_CTLR_EL1.PRIbits");
	}
	report_eqx(cpu_rpr(), 0xff, "running priority is idle (0xff) with nothing active");
	report_eq(cpu_hppir(), INTID_SPURIOUS, "highest pending is 1023 with nothing pending");

	taken = 0;
	irq_set_handler(CONF_SGI_RUN, run_handler);
	gic_set_priority(CONF_SGI_RUN, CONF_PRIO_RUN);
	gic_enable(CONF_SGI_RUN, true);
	gic_send_sgi(this_hart(), CONF_SGI_RUN);
	end = time_now() + 100 * TICKS_PER_MS;
	local_irq_enable();
	while (!taken && time_now() < end)
		;
	local_irq_disable();
	report_eq(taken, 1, "SGI %d taken once", CONF_SGI_RUN);
	report_eqx(running_priority, CONF_PRIO_RUN & pbits,
		   "running priority in the handler is the SGI's");
	report_eq(running_hppir, INTID_SPURIOUS, "nothing else pending in the handler");
	report_eqx(cpu_rpr(), 0xff, "running priority idle again after EOI");
	gic_enable(CONF_SGI_RUN, false);
	gic_set_priority(CONF_SGI_RUN, prio);
	irq_set_handler(CONF_SGI_RUN, NULL);
	gic_set_pmr(pmr);
}
