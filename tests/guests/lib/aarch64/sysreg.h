/* SPDX-License-Identifier: Apache-2.0 */
/* AArch64 system register access, barriers, and the exception syndrome values the runtime uses. */
#ifndef GUEST_AARCH64_SYSREG_H
#define GUEST_AARCH64_SYSREG_H

#include <stdint.h>

/* GICv3 CPU interface registers by encoding, so any assembler takes them. */
#define ICC_PMR_EL1	S3_0_C4_C6_0
#define ICC_SGI1R_EL1	S3_0_C12_C11_5
#define ICC_IAR1_EL1	S3_0_C12_C12_0
#define ICC_EOIR1_EL1	S3_0_C12_C12_1
#define ICC_CTLR_EL1	S3_0_C12_C12_4
#define ICC_SRE_EL1	S3_0_C12_C12_5
#define ICC_IGRPEN1_EL1 S3_0_C12_C12_7

#define ESR_EC_SHIFT	   26
#define ESR_EC_UNKNOWN	   0x00
#define ESR_EC_DABT_CUR_EL 0x25
#define ESR_WNR		   (1UL << 6)

#define CNT_CTL_ENABLE	(1UL << 0)
#define CNT_CTL_IMASK	(1UL << 1)
#define CNT_CTL_ISTATUS (1UL << 2)

#define STRINGIFY_(x) #x
#define STRINGIFY(x)  STRINGIFY_(x)

#define read_sysreg(reg)                                                                           \
	({                                                                                         \
		unsigned long v_;                                                                  \
		__asm__ volatile("mrs %0, " STRINGIFY(reg) : "=r"(v_)::"memory");                  \
		v_;                                                                                \
	})
#define write_sysreg(reg, v)                                                                       \
	__asm__ volatile("msr " STRINGIFY(reg) ", %0" ::"r"((unsigned long)(v)) : "memory")

/* Single loads and stores of one width, no writeback forms: what a hypervisor can emulate. */
static inline uint32_t mmio_read32(unsigned long addr)
{
	uint32_t v;

	__asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline uint8_t mmio_read8(unsigned long addr)
{
	uint32_t v;

	__asm__ volatile("ldrb %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return (uint8_t)v;
}

static inline void mmio_write32(unsigned long addr, uint32_t v)
{
	__asm__ volatile("str %w0, [%1]" : : "r"(v), "r"(addr) : "memory");
}

static inline void mmio_write8(unsigned long addr, uint8_t v)
{
	__asm__ volatile("strb %w0, [%1]" : : "r"((uint32_t)v), "r"(addr) : "memory");
}

static inline void isb(void)
{
	__asm__ volatile("isb" ::: "memory");
}

static inline unsigned long mpidr_cpu(void)
{
	return read_sysreg(mpidr_el1) & 0xff;
}

#endif
