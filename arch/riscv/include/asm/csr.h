/* SPDX-License-Identifier: Apache-2.0 */
/* RISC-V control and status register numbers, fields and accessors. */
#ifndef ASM_CSR_H
#define ASM_CSR_H

#include <bulwark/compiler.h>

/*
 * CSRs are named by number so the assembler accepts them whatever -march
 * says; the H-extension ones would otherwise need "h" in the ISA string.
 */
#define CSR_SSTATUS    0x100
#define CSR_SIE	       0x104
#define CSR_STVEC      0x105
#define CSR_SCOUNTEREN 0x106
#define CSR_SSCRATCH   0x140
#define CSR_SEPC       0x141
#define CSR_SCAUSE     0x142
#define CSR_STVAL      0x143
#define CSR_SIP	       0x144
#define CSR_SATP       0x180
#define CSR_HSTATUS    0x600
#define CSR_HEDELEG    0x602
#define CSR_HIDELEG    0x603
#define CSR_HIE	       0x604
#define CSR_HCOUNTEREN 0x606
#define CSR_HGEIE      0x607
#define CSR_HTVAL      0x643
#define CSR_HIP	       0x644
#define CSR_HVIP       0x645
#define CSR_HTINST     0x64a
#define CSR_HGATP      0x680
#define CSR_HGEIP      0xe12
#define CSR_TIME       0xc01
#define CSR_TIMEH      0xc81

/* Constants usable from both C and assembly. */
#ifdef __ASSEMBLY__
#define _UL(x) x
#else
#define _UL(x) x##UL
#endif

#define SSTATUS_SIE  (_UL(1) << 1)
#define SSTATUS_SPIE (_UL(1) << 5)
#define SSTATUS_SPP  (_UL(1) << 8)

/* scause: the top bit says interrupt, the rest is the code. */
#define SCAUSE_INTERRUPT	   (_UL(1) << (__riscv_xlen - 1))
#define EXC_INSN_MISALIGNED	   0
#define EXC_INSN_ACCESS		   1
#define EXC_ILLEGAL_INSN	   2
#define EXC_BREAKPOINT		   3
#define EXC_LOAD_MISALIGNED	   4
#define EXC_LOAD_ACCESS		   5
#define EXC_STORE_MISALIGNED	   6
#define EXC_STORE_ACCESS	   7
#define EXC_ECALL_U		   8
#define EXC_ECALL_HS		   9
#define EXC_ECALL_VS		   10
#define EXC_ECALL_M		   11
#define EXC_INSN_PAGE_FAULT	   12
#define EXC_LOAD_PAGE_FAULT	   13
#define EXC_STORE_PAGE_FAULT	   15
#define EXC_INSN_GUEST_PAGE_FAULT  20
#define EXC_LOAD_GUEST_PAGE_FAULT  21
#define EXC_VIRTUAL_INSN	   22
#define EXC_STORE_GUEST_PAGE_FAULT 23

#ifndef __ASSEMBLY__

#define csr_read(csr)                                                                              \
	({                                                                                         \
		unsigned long __v;                                                                 \
		__asm__ __volatile__("csrr %0, " __stringify(csr) : "=r"(__v) : : "memory");       \
		__v;                                                                               \
	})

#define csr_write(csr, val)                                                                        \
	({                                                                                         \
		unsigned long __v = (unsigned long)(val);                                          \
		__asm__ __volatile__("csrw " __stringify(csr) ", %0" : : "rK"(__v) : "memory");    \
	})

#define csr_set(csr, bits)                                                                         \
	({                                                                                         \
		unsigned long __v = (unsigned long)(bits);                                         \
		__asm__ __volatile__("csrs " __stringify(csr) ", %0" : : "rK"(__v) : "memory");    \
	})

#define csr_clear(csr, bits)                                                                       \
	({                                                                                         \
		unsigned long __v = (unsigned long)(bits);                                         \
		__asm__ __volatile__("csrc " __stringify(csr) ", %0" : : "rK"(__v) : "memory");    \
	})

#endif /* !__ASSEMBLY__ */

#endif /* ASM_CSR_H */
