/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Decoding the syndrome of a trap from a guest (ESR_EL2 on AArch64, HSR on
 * AArch32: the same EC, IL and ISS fields; in a data abort AArch32 leaves
 * SF and the top bit of SRT zero), and building the syndrome of an
 * exception injected into an AArch64 guest. Pure code: the host unit tests
 * run it as is.
 */
#ifndef ASM_ESR_H
#define ASM_ESR_H

#include <bulwark/types.h>

#define ESR_EC_SHIFT 26
#define ESR_IL	     (1ULL << 25)
#define ESR_ISS_MASK 0x1ffffffULL

/* Exception classes. */
#define ESR_EC_UNKNOWN	0x00
#define ESR_EC_WFX	0x01
#define ESR_EC_CP15_32	0x03 /* AArch32 MCR/MRC */
#define ESR_EC_CP15_64	0x04 /* AArch32 MCRR/MRRC */
#define ESR_EC_HVC32	0x12
#define ESR_EC_SMC32	0x13
#define ESR_EC_HVC64	0x16
#define ESR_EC_SMC64	0x17
#define ESR_EC_SYSREG	0x18
#define ESR_EC_IABT_LOW 0x20
#define ESR_EC_IABT_CUR 0x21
#define ESR_EC_DABT_LOW 0x24
#define ESR_EC_DABT_CUR 0x25

/* Fault status codes (DFSC/IFSC), by kind; the low two bits give the level. */
/* A data abort's ISS fields, for a decoder that reads only some (esr_decode_data_abort: all). */
#define ESR_DABT_ISV	   (1ULL << 24)
#define ESR_DABT_SAS_SHIFT 22
#define ESR_DABT_SSE	   (1ULL << 21)
#define ESR_DABT_SRT_SHIFT 16
#define ESR_DABT_SF	   (1ULL << 15)
#define ESR_DABT_S1PTW	   (1ULL << 7)
#define ESR_DABT_WNR	   (1ULL << 6)

#define ESR_FSC_KIND_MASK     0x3c
#define ESR_FSC_TRANSLATION   0x04
#define ESR_FSC_ACCESS_FLAG   0x08
#define ESR_FSC_PERMISSION    0x0c
#define ESR_FSC_SYNC_EXTERNAL 0x10

static inline unsigned int esr_ec(u64 esr)
{
	return (unsigned int)((esr >> ESR_EC_SHIFT) & 0x3f);
}

/* A data abort's syndrome. */
struct esr_data_abort {
	bool valid;	    /* ISV: the fields below describe the access */
	bool is_write;	    /* WnR */
	bool sign_extend;   /* SSE */
	bool reg64;	    /* SF: the register is 64 bits wide (else 32) */
	bool s1ptw;	    /* the fault hit the guest's own stage-1 table walk */
	unsigned int width; /* bytes: 1, 2, 4 or 8 */
	unsigned int reg;   /* SRT: 0..30, or 31 for the zero register */
	unsigned int fsc;   /* DFSC */
};

void esr_decode_data_abort(u64 esr, struct esr_data_abort *out);

/*
 * The value a load of an emulated device puts into its register: raw is
 * the device's value (only the access's width counts), sign-extended when
 * SSE says so and cut to 32 bits for a W register.
 */
u64 esr_load_value(const struct esr_data_abort *a, u64 raw);

/* A trapped MSR/MRS (EC 0x18). */
struct esr_sysreg {
	unsigned int op0, op1, crn, crm, op2;
	unsigned int reg; /* Rt */
	bool is_read;	  /* MRS */
};

void esr_decode_sysreg(u64 esr, struct esr_sysreg *out);

/* One number per system register, for switch statements. */
#define SYSREG_ID(op0, op1, crn, crm, op2)                                                         \
	(((op0) << 14) | ((op1) << 11) | ((crn) << 7) | ((crm) << 3) | (op2))
#define SYSREG_ICC_SGI1R_EL1  SYSREG_ID(3, 0, 12, 11, 5)
#define SYSREG_ICC_ASGI1R_EL1 SYSREG_ID(3, 0, 12, 11, 6)
#define SYSREG_ICC_SGI0R_EL1  SYSREG_ID(3, 0, 12, 11, 7)

static inline unsigned int esr_sysreg_id(const struct esr_sysreg *s)
{
	return SYSREG_ID(s->op0, s->op1, s->crn, s->crm, s->op2);
}

/*
 * Syndrome of a synchronous external abort injected into the guest for a
 * data access (is_write tells the direction) or an instruction fetch that
 * the hypervisor refused, taken to EL1 from EL1 or, when from_el0, from EL0.
 */
u64 esr_guest_abort(bool instruction, bool is_write, bool from_el0);

/* Syndrome of an undefined instruction injected into the guest. */
u64 esr_guest_undefined(void);

#endif /* ASM_ESR_H */
