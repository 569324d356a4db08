/* SPDX-License-Identifier: Apache-2.0 */
/* Supervisor CSR access and the bit and cause numbers the guest runtime uses. */
#ifndef GUEST_RISCV_CSR_H
#define GUEST_RISCV_CSR_H

#define CSR_STIMECMP  0x14d
#define CSR_STIMECMPH 0x15d /* RV32: the upper half */

#define SSTATUS_SIE (1UL << 1)
#define SIE_SSIE    (1UL << 1)
#define SIE_STIE    (1UL << 5)
#define SIE_SEIE    (1UL << 9)
#define SIP_SSIP    SIE_SSIE
#define SIP_STIP    SIE_STIE
#define SIP_SEIP    SIE_SEIE

#define IRQ_S_SOFT  1
#define IRQ_S_TIMER 5
#define IRQ_S_EXT   9
#define NR_IRQS	    16

#define CAUSE_INTERRUPT	       (1UL << (__riscv_xlen - 1))
#define CAUSE_ILLEGAL_INSN     2
#define CAUSE_LOAD_ACCESS      5
#define CAUSE_STORE_ACCESS     7
#define CAUSE_LOAD_PAGE_FAULT  13
#define CAUSE_STORE_PAGE_FAULT 15

#ifndef __ASSEMBLER__
#define csr_read(csr)                                                                              \
	({                                                                                         \
		unsigned long v_;                                                                  \
		__asm__ volatile("csrr %0, " #csr : "=r"(v_)::"memory");                           \
		v_;                                                                                \
	})
#define csr_write(csr, v) __asm__ volatile("csrw " #csr ", %0" ::"r"(v) : "memory")
#define csr_set(csr, v)	  __asm__ volatile("csrs " #csr ", %0" ::"r"(v) : "memory")
#define csr_clear(csr, v) __asm__ volatile("csrc " #csr ", %0" ::"r"(v) : "memory")

static inline void local_irq_enable(void)
{
	csr_set(sstatus, SSTATUS_SIE);
}

static inline void local_irq_disable(void)
{
	csr_clear(sstatus, SSTATUS_SIE);
}

static inline void wait_for_interrupt(void)
{
	__asm__ volatile("wfi" ::: "memory");
}
#endif

#endif
