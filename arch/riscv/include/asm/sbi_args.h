/* SPDX-License-Identifier: Apache-2.0 */
/* Pure decoding and checks of guest SBI call arguments, for the SBI files and unit tests. */
#ifndef ASM_SBI_ARGS_H
#define ASM_SBI_ARGS_H

#include <bulwark/types.h>
#include <asm/sbi.h>

/* The SBI version this implementation conforms to (Documentation/conformance-sbi.md). */
#define SBI_SPEC_MAJOR 3UL
#define SBI_SPEC_MINOR 0UL

/* BASE get_spec_version: minor in bits 23:0, major in 30:24, the rest zero. */
static inline unsigned long sbi_spec_version(unsigned long major, unsigned long minor)
{
	return ((major & 0x7fUL) << 24) | (minor & 0xffffffUL);
}

/* A uint32_t argument: the SBI says its upper register bits are ignored on RV64. */
static inline u32 sbi_u32(unsigned long reg)
{
	return (u32)reg;
}

/* A 64-bit value (set_timer's time, a DBTR address): lo alone on RV64; lo and hi on RV32. */
static inline u64 sbi_u64_arg(unsigned long lo, unsigned long hi)
{
#if defined(__riscv_xlen) && __riscv_xlen == 32
	return ((u64)hi << 32) | lo;
#else
	(void)hi;
	return lo;
#endif
}

enum sbi_suspend_kind {
	SBI_SUSPEND_RETENTIVE,
	SBI_SUSPEND_NON_RETENTIVE,
	SBI_SUSPEND_INVALID, /* reserved, or platform specific and not implemented */
};

/* HSM hart_suspend's suspend_type (32 bits): only the two default types exist here. */
enum sbi_suspend_kind sbi_hsm_suspend_kind(unsigned long suspend_type);

/* SRST system_reset: SBI_SUCCESS for a type and reason this implements, else INVALID_PARAM. */
long sbi_srst_check(unsigned long reset_type, unsigned long reset_reason);

/* SUSP system_suspend's sleep_type: SBI_SUCCESS for SUSPEND_TO_RAM, else INVALID_PARAM. */
long sbi_susp_check(unsigned long sleep_type);

/*
 * The harts a (hart_mask, hart_mask_base) pair names among nr_harts harts
 * numbered from 0, as a bit mask; false when it names one that does not
 * exist. A base of -1 means every hart.
 */
bool sbi_hart_mask_decode(unsigned long mask, unsigned long base, unsigned int nr_harts, u64 *out);

/* henvcfg fields behind the FWFT features a VM's S-mode can be given. */
#define HENVCFG_LPE	    (1ULL << 2)
#define HENVCFG_SSE	    (1ULL << 3)
#define HENVCFG_PMM_SHIFT   32
#define HENVCFG_PMM	    (3ULL << HENVCFG_PMM_SHIFT)
#define HENVCFG_PMM_PMLEN7  (2ULL << HENVCFG_PMM_SHIFT)
#define HENVCFG_PMM_PMLEN16 (3ULL << HENVCFG_PMM_SHIFT)
#define HENVCFG_DTE	    (1ULL << 59)
#define HENVCFG_ADUE	    (1ULL << 61)

enum sbi_fwft_kind {
	SBI_FWFT_RESERVED,	/* reserved or platform specific: DENIED */
	SBI_FWFT_FIRMWARE_ONLY, /* decided by the firmware below us */
	SBI_FWFT_HENVCFG,	/* a henvcfg field of the VM's hart */
};

/* What a FWFT feature id (32 bits) is here; for henvcfg ones, the field. */
enum sbi_fwft_kind sbi_fwft_feature(unsigned long feature, u64 *field);

/*
 * The henvcfg value of a henvcfg feature's field for a FWFT value, or
 * false when the value is not one the feature defines.
 */
bool sbi_fwft_encode(unsigned long feature, unsigned long value, u64 *bits);

/* The FWFT value that a henvcfg field's bits stand for. */
unsigned long sbi_fwft_decode(unsigned long feature, u64 henvcfg);

#endif /* ASM_SBI_ARGS_H */
