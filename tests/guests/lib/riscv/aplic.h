/* SPDX-License-Identifier: Apache-2.0 */
/* The supervisor-level APLIC domain of QEMU virt (aia=aplic), direct delivery, from supervisor
 * mode. */
#ifndef GUEST_RISCV_APLIC_H
#define GUEST_RISCV_APLIC_H

#include <stdbool.h>
#include <stdint.h>

#ifndef APLIC_BASE
#define APLIC_BASE 0x0d000000UL
#endif

#define APLIC_DOMAINCFG	       (APLIC_BASE + 0x0000UL)
#define APLIC_SOURCECFG(src)   (APLIC_BASE + 4UL * (src))
#define APLIC_SETIP(src)       (APLIC_BASE + 0x1c00UL + 4UL * ((src) / 32))
#define APLIC_SETIPNUM	       (APLIC_BASE + 0x1cdcUL)
#define APLIC_IN_CLRIP(src)    (APLIC_BASE + 0x1d00UL + 4UL * ((src) / 32))
#define APLIC_CLRIPNUM	       (APLIC_BASE + 0x1ddcUL)
#define APLIC_SETIE(src)       (APLIC_BASE + 0x1e00UL + 4UL * ((src) / 32))
#define APLIC_SETIENUM	       (APLIC_BASE + 0x1edcUL)
#define APLIC_CLRIENUM	       (APLIC_BASE + 0x1fdcUL)
#define APLIC_TARGET(src)      (APLIC_BASE + 0x3000UL + 4UL * (src))
#define APLIC_IDC(hart)	       (APLIC_BASE + 0x4000UL + 32UL * (hart))
#define APLIC_IDELIVERY(hart)  (APLIC_IDC(hart) + 0x00UL)
#define APLIC_IFORCE(hart)     (APLIC_IDC(hart) + 0x04UL)
#define APLIC_ITHRESHOLD(hart) (APLIC_IDC(hart) + 0x08UL)
#define APLIC_TOPI(hart)       (APLIC_IDC(hart) + 0x18UL)
#define APLIC_CLAIMI(hart)     (APLIC_IDC(hart) + 0x1cUL)

#define APLIC_DOMAINCFG_IE (1U << 8)
#define APLIC_SM_INACTIVE  0U
#define APLIC_SM_DETACHED  1U
#define APLIC_SM_EDGE1	   4U
#define APLIC_SM_LEVEL1	   6U

static inline uint32_t aplic_read(unsigned long addr)
{
	return *(volatile uint32_t *)addr;
}

static inline void aplic_write(unsigned long addr, uint32_t value)
{
	*(volatile uint32_t *)addr = value;
}

/* Domain on, this hart's IDC delivering with no threshold. */
void aplic_hart_init(unsigned long hart);
/* Source active in mode sm, aimed at hart with priority number prio (1 is the most urgent). */
void aplic_source(unsigned int src, uint32_t sm, unsigned long hart, uint32_t prio);
void aplic_enable(unsigned int src, bool on);
bool aplic_enabled(unsigned int src);
bool aplic_pending(unsigned int src);
uint32_t aplic_priority(unsigned int src);
/* The source number of this hart's claim (0: nothing). */
uint32_t aplic_claim(unsigned long hart);

#endif
