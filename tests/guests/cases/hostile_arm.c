/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Arm half of the hostile guest: QEMU virt map, vGIC, PSCI/SMCCC calls, and
 * the registers of the hypervisor's level (AArch64 EL2 and EL3, AArch32 PL2
 * and Secure state).
 */
#include <stdint.h>
#include "arch.h"
#include "gic.h"
#include "hostile.h"
#include "printf.h"
#include "psci.h"
#include "sysreg.h"

#ifndef HOSTILE_CPUS
#define HOSTILE_CPUS 1UL
#endif
#define GICD_SIZE	 0x10000UL
#define GICV2_CPU_SIZE	 0x2000UL /* the GICV frame mapped at the GICC address */
#define UART_BASE	 0x09000000UL
#define PAGE		 0x1000UL
#define GICR_REGION_END	 0x09000000UL
#define GICD_ICENABLER_N 0x180
#define GICD_ICPENDR_N	 0x280
#define GICD_ICACTIVER_N 0x380
#define GICC_APR0	 0x0d0

unsigned int hostile_own_devices(struct hostile_range *out, unsigned int max)
{
	unsigned int n = 0;

	if (max < 3)
		return 0;
	out[n++] = (struct hostile_range){GICD_BASE, GICD_SIZE, "vGIC distributor"};
	if (gic_version() == 3)
		out[n++] = (struct hostile_range){GICR_BASE, GICR_STRIDE * HOSTILE_CPUS,
						  "vGIC redistributors"};
	else
		out[n++] = (struct hostile_range){GICC_BASE, GICV2_CPU_SIZE, "GICv2 CPU interface"};
	out[n++] = (struct hostile_range){UART_BASE, PAGE, "virtual PL011"};
	return n;
}

unsigned int hostile_targets(struct hostile_range *out, unsigned int max)
{
	static const struct hostile_range targets[] = {
	    {0x00000000UL, 0x08000000UL, "flash"},
	    {0x08010000UL, 0x10000UL, "GIC CPU interface (physical)"},
	    {0x08030000UL, 0x10000UL, "GICH (hypervisor control)"},
	    {0x08040000UL, 0x10000UL, "GICV (the hypervisor's view)"},
	    {0x08080000UL, 0x20000UL, "GIC ITS"},
	    {GICR_BASE + GICR_STRIDE * HOSTILE_CPUS, 0x20000UL, "another CPU's redistributor"},
	    {GICR_REGION_END - 0x20000UL, 0x20000UL, "the last redistributor"},
	    {0x09010000UL, PAGE, "PL031 RTC"},
	    {0x09020000UL, PAGE, "fw_cfg"},
	    {0x09030000UL, PAGE, "PL061 GPIO"},
	    {0x0a000000UL, 0x4000UL, "virtio-mmio"},
	    {0x0c000000UL, 0x2000000UL, "platform bus"},
	    {0x10000000UL, 0x2eff0000UL, "PCIe MMIO"},
	    {0x3f000000UL, 0x1000000UL, "PCIe ECAM"},
	    {0x40200000UL, 0xe00000UL, "the hypervisor's range beyond the VM's RAM"},
	    {0x41000000UL, 0x3f000000UL, "host RAM of the hypervisor and other VMs"},
#ifdef __aarch64__
	    {0x4010000000UL, 0x10000000UL, "PCIe high ECAM"},
#endif
	};
	unsigned int n = 0;

	for (unsigned int i = 0; i < sizeof(targets) / sizeof(targets[0]) && n < max; i++) {
		/* GICv2 has no redistributors, GICv3 on QEMU no GICC frame: either way not the
		 * VM's. */
		out[n++] = targets[i];
	}
	return n;
}

#ifdef __aarch64__
uint64_t hostile_ipa_end(void)
{
	static const unsigned int bits[] = {32, 36, 40, 42, 44, 48, 52};
	unsigned long range = read_sysreg(id_aa64mmfr0_el1) & 0xf;
	unsigned int b = range < 7 ? bits[range] : 48;

	/* The hypervisor builds stage-2 tables for at most 48 bits. */
	return 1ULL << (b > 48 ? 48 : b);
}
#else
uint64_t hostile_ipa_end(void)
{
	/*
	 * Stage 2 translates 40 bits, but with its MMU off an AArch32 guest's
	 * addresses are its 32-bit virtual ones: the first 4 GiB is all it can
	 * reach (and the stage-2 walker refuses whatever lies above).
	 */
	return 1ULL << 32;
}
#endif

unsigned int hostile_ic_windows(struct hostile_range *out, unsigned int max)
{
	unsigned int n = 0;

	if (max < 2)
		return 0;
	out[n++] = (struct hostile_range){GICD_BASE, GICD_SIZE, "GICD"};
	if (gic_version() == 3)
		out[n++] = (struct hostile_range){GICR_BASE, GICR_STRIDE * HOSTILE_CPUS, "GICR"};
	else
		out[n++] = (struct hostile_range){GICC_BASE, GICV2_CPU_SIZE, "GICC"};
	return n;
}

#define GICD_CPENDSGIR 0xf10

/* A store that may fault (a vGIC that still refuses it): recovery goes on regardless. */
static void write32(unsigned long addr, uint32_t v)
{
	(void)probe_store(addr, 4, v);
}

/* SGIs and SPIs the scribble left pending are the guest's own doing: taken and dropped. */
static volatile unsigned long strays;

static void stray(void)
{
	strays++;
}

static void stray_dev(unsigned int id)
{
	(void)id;
	strays++;
}

void hostile_ic_recover(void)
{
	unsigned long sgi = gic_version() == 3 ? GICR_BASE + GICR_SGI_BASE : GICD_BASE;

	/* Every interrupt disabled, not pending, not active; then the runtime's own setup. */
	for (unsigned int i = 0; i < 32; i++) {
		unsigned long base = i == 0 ? sgi : GICD_BASE;

		write32(base + GICD_ICENABLER_N + 4 * i, ~0U);
		write32(base + GICD_ICPENDR_N + 4 * i, ~0U);
		write32(base + GICD_ICACTIVER_N + 4 * i, ~0U);
	}
	/* Every priority back to one PMR 0xff lets through, and every group to the one enabled. */
	for (unsigned int i = 0; i < 256; i++)
		write32((i < 8 ? sgi : GICD_BASE) + GICD_IPRIORITYR + 4 * i, 0xa0a0a0a0U);
	for (unsigned int i = 0; i < 32; i++)
		write32((i == 0 ? sgi : GICD_BASE) + GICD_IGROUPR + 4 * i,
			gic_version() == 3 ? ~0U : 0U);
	if (gic_version() == 2) {
		for (unsigned int i = 0; i < 4; i++) {
			write32(GICD_BASE + GICD_CPENDSGIR + 4 * i, ~0U);
			write32(GICC_BASE + GICC_APR0 + 4 * i, 0);
		}
	}
	write32(GICD_BASE + GICD_CTLR, 0);
	for (unsigned int i = 0; i < 32; i++)
		if (i != IRQ_TIMER)
			irq_set_handler(i, stray);
	arch_dev_irq_set_handler(stray_dev);
	gic_init();
	arch_irq_enable(IRQ_TIMER);
}

/* PSCI functions that would stop, suspend or reset the caller: never called at random. */
static bool psci_stops(uint32_t w0)
{
	switch (w0 & ~0x40000000U) {
	case 0x84000001: /* CPU_SUSPEND */
	case 0x84000002: /* CPU_OFF */
	case 0x84000008: /* SYSTEM_OFF */
	case 0x84000009: /* SYSTEM_RESET */
	case 0x8400000b: /* CPU_FREEZE */
	case 0x8400000c: /* CPU_DEFAULT_SUSPEND */
	case 0x8400000e: /* SYSTEM_SUSPEND */
	case 0x84000012: /* SYSTEM_RESET2 */
	case 0x84000015: /* SYSTEM_OFF2 */
		return true;
	default:
		return false;
	}
}

void hostile_bad_call(void)
{
	uint64_t r = hostile_random();
	unsigned long fn;

	switch (r & 7) {
	case 0:
	case 1:
	case 2: /* PSCI, SMC32 or SMC64 */
		fn = 0x84000000UL | (r >> 8 & 0x1f) | (r & 0x10000 ? 0x40000000UL : 0);
		break;
	case 3: /* SMCCC architecture calls */
		fn = 0x80000000UL | (r >> 8 & 0xffff);
		break;
	case 4: /* the vendor hypervisor range: Bulwark's calls */
		fn = 0x86000000UL | (r >> 8 & 0x3f) | (r & 0x10000 ? 0x40000000UL : 0);
		break;
	case 5: /* any function id, junk in the upper half of x0 */
		fn = (unsigned long)hostile_random();
		break;
	default: /* any 32-bit function id */
		fn = (uint32_t)hostile_random();
		break;
	}
	if (psci_stops((uint32_t)fn))
		return;
	(void)psci_call(r & 0x20000 ? PSCI_SMC : PSCI_HVC, fn, hostile_random(),
			r & 0x40000 ? hostile_random() & 0xff : hostile_random(), hostile_random());
}

void hostile_calls_cleanup(void)
{
}

unsigned long hostile_valid_calls(void)
{
	unsigned long wrong = 0;

	for (int c = PSCI_HVC; c <= PSCI_SMC; c++) {
		wrong +=
		    hostile_expect(psci_call(c, PSCI_VERSION, 0, 0, 0), 0x10001, "PSCI_VERSION");
		wrong += hostile_expect(psci_call(c, PSCI_FEATURES, PSCI_AFFINITY_INFO, 0, 0), 0,
					"PSCI_FEATURES(AFFINITY_INFO)");
		wrong += hostile_expect(psci_call(c, PSCI_FEATURES, PSCI_UNASSIGNED, 0, 0),
					PSCI_NOT_SUPPORTED, "PSCI_FEATURES(unassigned)");
		wrong += hostile_expect(psci_call(c, PSCI_AFFINITY_INFO, 0, 0, 0), PSCI_AFFINITY_ON,
					"AFFINITY_INFO(self)");
		wrong += hostile_expect(psci_call(c, PSCI_AFFINITY_INFO, 7, 0, 0),
					PSCI_INVALID_PARAMETERS, "AFFINITY_INFO(cpu 7)");
		wrong += hostile_expect(
		    psci_call(c, PSCI_CPU_ON, 0, (unsigned long)psci_secondary_entry, 0),
		    PSCI_ALREADY_ON, "CPU_ON(self)");
	}
	return wrong;
}

#ifdef __aarch64__
/*
 * EL2 and EL3 registers and instructions: from EL1 each is UNDEFINED (EC 0,
 * taken at EL1), or trapped to EL2 and answered the same way.
 */
#define PRIV_REG(name, enc)                                                                        \
	static void read_##name(void)                                                              \
	{                                                                                          \
		unsigned long v;                                                                   \
		__asm__ volatile("mrs %0, " #enc : "=r"(v)::"memory");                             \
		(void)v;                                                                           \
	}                                                                                          \
	static void write_##name(void)                                                             \
	{                                                                                          \
		__asm__ volatile("msr " #enc ", xzr" ::: "memory");                                \
	}

PRIV_REG(hcr_el2, S3_4_C1_C1_0)
PRIV_REG(sctlr_el2, S3_4_C1_C0_0)
PRIV_REG(vttbr_el2, S3_4_C2_C1_0)
PRIV_REG(vtcr_el2, S3_4_C2_C1_2)
PRIV_REG(vbar_el2, S3_4_C12_C0_0)
PRIV_REG(esr_el2, S3_4_C5_C2_0)
PRIV_REG(elr_el2, S3_4_C4_C0_1)
PRIV_REG(vmpidr_el2, S3_4_C0_C0_5)
PRIV_REG(cnthctl_el2, S3_4_C14_C1_0)
PRIV_REG(cntvoff_el2, S3_4_C14_C0_3)
PRIV_REG(ich_hcr_el2, S3_4_C12_C11_0)
PRIV_REG(ich_lr0_el2, S3_4_C12_C12_0)
PRIV_REG(icc_sre_el2, S3_4_C12_C9_5)
PRIV_REG(scr_el3, S3_6_C1_C1_0)
PRIV_REG(sctlr_el3, S3_6_C1_C0_0)

static void at_s12e1r(void)
{
	__asm__ volatile("sys #4, c7, c8, #4, xzr" ::: "memory");
}

static void tlbi_alle2(void)
{
	__asm__ volatile("sys #4, c8, c7, #0, xzr" ::: "memory");
}

static void tlbi_vmalls12e1(void)
{
	__asm__ volatile("sys #4, c8, c7, #6, xzr" ::: "memory");
}

const struct priv_op hostile_priv_ops[] = {
    PRIV_REG_OPS(hcr_el2),     PRIV_REG_OPS(sctlr_el2),	   PRIV_REG_OPS(vttbr_el2),
    PRIV_REG_OPS(vtcr_el2),    PRIV_REG_OPS(vbar_el2),	   PRIV_REG_OPS(esr_el2),
    PRIV_REG_OPS(elr_el2),     PRIV_REG_OPS(vmpidr_el2),   PRIV_REG_OPS(cnthctl_el2),
    PRIV_REG_OPS(cntvoff_el2), PRIV_REG_OPS(ich_hcr_el2),  PRIV_REG_OPS(ich_lr0_el2),
    PRIV_REG_OPS(icc_sre_el2), PRIV_REG_OPS(scr_el3),	   PRIV_REG_OPS(sctlr_el3),
    {"AT S12E1R", at_s12e1r},  {"TLBI ALLE2", tlbi_alle2}, {"TLBI VMALLS12E1", tlbi_vmalls12e1},
};

const unsigned int hostile_nr_priv_ops = sizeof(hostile_priv_ops) / sizeof(hostile_priv_ops[0]);
const unsigned long hostile_undef_cause = ESR_EC_UNKNOWN;

void hostile_undef_insn(void)
{
	__asm__ volatile("udf #0" ::: "memory");
}
#else
/*
 * PL2 (Hyp) and Secure-only cp15 registers and operations: from Non-secure
 * PL1 each is UNDEFINED, taken in the VM's own Undefined mode.
 */
#define PRIV_CP15(name, op1, crn, crm, op2)                                                        \
	static void read_##name(void)                                                              \
	{                                                                                          \
		uint32_t v;                                                                        \
		__asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2                \
				 : "=r"(v)::"memory");                                             \
		(void)v;                                                                           \
	}                                                                                          \
	static void write_##name(void)                                                             \
	{                                                                                          \
		__asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 ::"r"(0)       \
				 : "memory");                                                      \
	}
#define PRIV_CP15_64(name, op1, crm)                                                               \
	static void read_##name(void)                                                              \
	{                                                                                          \
		uint64_t v;                                                                        \
		__asm__ volatile("mrrc p15, " #op1 ", %Q0, %R0, " #crm : "=r"(v)::"memory");       \
		(void)v;                                                                           \
	}                                                                                          \
	static void write_##name(void)                                                             \
	{                                                                                          \
		__asm__ volatile("mcrr p15, " #op1 ", %Q0, %R0, " #crm ::"r"(0ULL) : "memory");    \
	}

PRIV_CP15(hcr, 4, c1, c1, 0)
PRIV_CP15(hsctlr, 4, c1, c0, 0)
PRIV_CP15_64(vttbr, 6, c2)
PRIV_CP15(vtcr, 4, c2, c1, 2)
PRIV_CP15(hvbar, 4, c12, c0, 0)
PRIV_CP15(hsr, 4, c5, c2, 0)
PRIV_CP15(vmpidr, 4, c0, c0, 5)
PRIV_CP15(cnthctl, 4, c14, c1, 0)
PRIV_CP15_64(cntvoff, 4, c14)
PRIV_CP15_64(httbr, 4, c2)
PRIV_CP15(ich_hcr, 4, c12, c11, 0)
PRIV_CP15(ich_lr0, 4, c12, c12, 0)
PRIV_CP15(icc_hsre, 4, c12, c9, 5)
PRIV_CP15(scr, 0, c1, c1, 0)
PRIV_CP15(mvbar, 0, c12, c0, 1)

static void ats1hr(void)
{
	__asm__ volatile("mcr p15, 4, %0, c7, c8, 0" ::"r"(0) : "memory");
}

static void tlbiallh(void)
{
	__asm__ volatile("mcr p15, 4, %0, c8, c7, 0" ::"r"(0) : "memory");
}

static void tlbiallnsnh(void)
{
	__asm__ volatile("mcr p15, 4, %0, c8, c7, 4" ::"r"(0) : "memory");
}

const struct priv_op hostile_priv_ops[] = {
    PRIV_REG_OPS(hcr),	    PRIV_REG_OPS(hsctlr),   PRIV_REG_OPS(vttbr),
    PRIV_REG_OPS(vtcr),	    PRIV_REG_OPS(hvbar),    PRIV_REG_OPS(hsr),
    PRIV_REG_OPS(vmpidr),   PRIV_REG_OPS(cnthctl),  PRIV_REG_OPS(cntvoff),
    PRIV_REG_OPS(httbr),    PRIV_REG_OPS(ich_hcr),  PRIV_REG_OPS(ich_lr0),
    PRIV_REG_OPS(icc_hsre), PRIV_REG_OPS(scr),	    PRIV_REG_OPS(mvbar),
    {"ATS1HR", ats1hr},	    {"TLBIALLH", tlbiallh}, {"TLBIALLNSNH", tlbiallnsnh},
};

const unsigned int hostile_nr_priv_ops = sizeof(hostile_priv_ops) / sizeof(hostile_priv_ops[0]);
/* The runtime's vector number for an undefined instruction (lib/arm/trap.c). */
const unsigned long hostile_undef_cause = 1;

void hostile_undef_insn(void)
{
	__asm__ volatile("udf #0" ::: "memory");
}
#endif
