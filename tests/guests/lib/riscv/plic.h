/* SPDX-License-Identifier: Apache-2.0 */
/* The PLIC of QEMU virt as seen from supervisor mode. */
#ifndef GUEST_RISCV_PLIC_H
#define GUEST_RISCV_PLIC_H

#include <stdbool.h>
#include <stdint.h>

#ifndef PLIC_BASE
#define PLIC_BASE 0x0c000000UL
#endif

/* The S-mode context of a hart on QEMU virt. */
static inline unsigned int plic_s_context(unsigned long hart)
{
	return (unsigned int)(2 * hart + 1);
}

void plic_set_priority(unsigned int src, uint32_t prio);
uint32_t plic_priority(unsigned int src);
void plic_enable(unsigned int ctx, unsigned int src, bool on);
/* Address of the enable word that holds src's bit in context ctx. */
unsigned long plic_enable_addr(unsigned int ctx, unsigned int src);
bool plic_enabled(unsigned int ctx, unsigned int src);
void plic_set_threshold(unsigned int ctx, uint32_t threshold);
bool plic_pending(unsigned int src);
uint32_t plic_claim(unsigned int ctx);
void plic_complete(unsigned int ctx, unsigned int src);

#endif
