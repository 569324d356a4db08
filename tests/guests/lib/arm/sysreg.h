/* SPDX-License-Identifier: Apache-2.0 */
/*
 * AArch32 cp15 access for the guest runtime: the generic timer, MPIDR, fault
 * registers, the GICv3 CPU interface; single-width MMIO accesses.
 */
#ifndef GUEST_ARM_SYSREG_H
#define GUEST_ARM_SYSREG_H

#include <stdint.h>

#define CNT_CTL_ENABLE	(1UL << 0)
#define CNT_CTL_IMASK	(1UL << 1)
#define CNT_CTL_ISTATUS (1UL << 2)

/* DFSR.WnR: the abort was a store. */
#define DFSR_WNR (1UL << 11)

/* "opc1, %0, CRn, CRm, opc2" of the 32-bit registers used, "opc1, %Q0, %R0, CRm" of 64-bit ones. */
#define CP15_READ(op1, crn, crm, op2)                                                              \
	({                                                                                         \
		uint32_t v_;                                                                       \
		__asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2                \
				 : "=r"(v_)                                                        \
				 :                                                                 \
				 : "memory");                                                      \
		v_;                                                                                \
	})
#define CP15_WRITE(v, op1, crn, crm, op2)                                                          \
	__asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 ::"r"((uint32_t)(v))   \
			 : "memory")
#define CP15_READ64(op1, crm)                                                                      \
	({                                                                                         \
		uint64_t v_;                                                                       \
		__asm__ volatile("mrrc p15, " #op1 ", %Q0, %R0, " #crm : "=r"(v_) : : "memory");   \
		v_;                                                                                \
	})
#define CP15_WRITE64(v, op1, crm)                                                                  \
	__asm__ volatile("mcrr p15, " #op1 ", %Q0, %R0, " #crm ::"r"((uint64_t)(v)) : "memory")

/*
 * read_sysreg(NAME) / write_sysreg(NAME, v) with the AArch64 names the shared
 * GIC code (../aarch64/gic.c) uses: each is the AArch32 form of that
 * register (GICv3 CPU interface through cp15; ICC_SGI1R is 64-bit, MCRR).
 */
#define read_sysreg(reg)     read_sysreg_##reg()
#define write_sysreg(reg, v) write_sysreg_##reg(v)

/* ID_AA64PFR0_EL1.GIC (bits 27:24) from ID_PFR1.GIC (bits 31:28): GICv3 system registers. */
static inline unsigned long read_sysreg_id_aa64pfr0_el1(void)
{
	return (unsigned long)((CP15_READ(0, c0, c1, 1) >> 28) & 0xf) << 24;
}

static inline unsigned long read_sysreg_ICC_SRE_EL1(void)
{
	return CP15_READ(0, c12, c12, 5);
}

static inline void write_sysreg_ICC_SRE_EL1(unsigned long v)
{
	CP15_WRITE(v, 0, c12, c12, 5);
}

static inline unsigned long read_sysreg_ICC_PMR_EL1(void)
{
	return CP15_READ(0, c4, c6, 0);
}

static inline void write_sysreg_ICC_PMR_EL1(unsigned long v)
{
	CP15_WRITE(v, 0, c4, c6, 0);
}

static inline void write_sysreg_ICC_IGRPEN1_EL1(unsigned long v)
{
	CP15_WRITE(v, 0, c12, c12, 7);
}

static inline unsigned long read_sysreg_ICC_IAR1_EL1(void)
{
	return CP15_READ(0, c12, c12, 0);
}

static inline void write_sysreg_ICC_EOIR1_EL1(unsigned long v)
{
	CP15_WRITE(v, 0, c12, c12, 1);
}

/* The target list, INTID and affinity fields fit the low word for CPUs 0..15. */
static inline void write_sysreg_ICC_SGI1R_EL1(unsigned long v)
{
	CP15_WRITE64((uint64_t)v, 0, c12);
}

static inline unsigned long read_sysreg_ICC_CTLR_EL1(void)
{
	return CP15_READ(0, c12, c12, 4);
}

static inline unsigned long read_sysreg_ICC_RPR_EL1(void)
{
	return CP15_READ(0, c12, c11, 3);
}

static inline unsigned long read_sysreg_ICC_HPPIR1_EL1(void)
{
	return CP15_READ(0, c12, c12, 2);
}

/* MPIDR: AArch32 has no Aff3 (bits 39:32 of MPIDR_EL1), read as 0. */
static inline uint64_t read_sysreg_mpidr_el1(void)
{
	return CP15_READ(0, c0, c0, 5);
}

/* The PL1 virtual timer's control (CNTV_CTL) and deadline (CNTV_CVAL). */
static inline unsigned long read_sysreg_cntv_ctl_el0(void)
{
	return CP15_READ(0, c14, c3, 1);
}

static inline void write_sysreg_cntv_ctl_el0(unsigned long v)
{
	CP15_WRITE(v, 0, c14, c3, 1);
}

/* timer.c: the counter value at a time_now() reading (the runtime counts in 16-tick units). */
uint64_t timer_counter_at(unsigned long t);

/*
 * v in time_now()'s units, as cases write it on AArch64 where time_now()
 * is CNTVCT_EL0 itself: the deadline the AArch64 code means.
 */
static inline void write_sysreg_cntv_cval_el0(unsigned long v)
{
	CP15_WRITE64(timer_counter_at(v), 3, c14);
}

/*
 * Single loads and stores of one width, no writeback forms: what a
 * hypervisor can emulate on MMIO (the same on AArch64's sysreg.h).
 */
static inline uint32_t mmio_read32(unsigned long addr)
{
	uint32_t v;

	__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline uint8_t mmio_read8(unsigned long addr)
{
	uint32_t v;

	__asm__ volatile("ldrb %0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return (uint8_t)v;
}

static inline void mmio_write32(unsigned long addr, uint32_t v)
{
	__asm__ volatile("str %0, [%1]" : : "r"(v), "r"(addr) : "memory");
}

static inline void mmio_write8(unsigned long addr, uint8_t v)
{
	__asm__ volatile("strb %0, [%1]" : : "r"((uint32_t)v), "r"(addr) : "memory");
}

static inline void isb(void)
{
	__asm__ volatile("isb" ::: "memory");
}

static inline unsigned long mpidr_cpu(void)
{
	return CP15_READ(0, c0, c0, 5) & 0xff;
}

#endif
