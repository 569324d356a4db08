/* SPDX-License-Identifier: Apache-2.0 */
/* AArch32 cp15 access for the guest runtime: the generic timer, MPIDR, fault registers. */
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

static inline void isb(void)
{
	__asm__ volatile("isb" ::: "memory");
}

static inline unsigned long mpidr_cpu(void)
{
	return CP15_READ(0, c0, c0, 5) & 0xff;
}

#endif
