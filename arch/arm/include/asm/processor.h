/* SPDX-License-Identifier: Apache-2.0 */
/* Small per-CPU helpers: relax in spin loops, wait for interrupt. */
#ifndef ASM_PROCESSOR_H
#define ASM_PROCESSOR_H

static inline void cpu_relax(void)
{
	__asm__ __volatile__("yield" ::: "memory");
}

static inline void cpu_wait_for_interrupt(void)
{
	__asm__ __volatile__("wfi" ::: "memory");
}

#endif /* ASM_PROCESSOR_H */
