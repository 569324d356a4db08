/* SPDX-License-Identifier: Apache-2.0 */
/* Small per-hart helpers: relax in spin loops, wait for interrupt. */
#ifndef ASM_PROCESSOR_H
#define ASM_PROCESSOR_H

static inline void cpu_relax(void)
{
	/*
	 * "pause" (Zihintpause) is a hint encoded as a fence, so it runs as a
	 * no-op on harts without the extension.
	 */
	__asm__ __volatile__(".4byte 0x0100000f" ::: "memory");
}

static inline void cpu_wait_for_interrupt(void)
{
	__asm__ __volatile__("wfi" ::: "memory");
}

#endif /* ASM_PROCESSOR_H */
