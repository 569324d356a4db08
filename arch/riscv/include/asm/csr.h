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
#define CSR_HENVCFG    0x60a
#define CSR_HTIMEDELTA 0x605
#define CSR_VSSTATUS   0x200
#define CSR_VSIE       0x204
#define CSR_VSTVEC     0x205
#define CSR_VSSCRATCH  0x240
#define CSR_VSEPC      0x241
#define CSR_VSCAUSE    0x242
#define CSR_VSTVAL     0x243
#define CSR_VSIP       0x244
#define CSR_VSATP      0x280
#define CSR_STIMECMP   0x14d
#define CSR_VSTIMECMP  0x24d
#define CSR_TIME       0xc01
#define CSR_TIMEH      0xc81
/* RV32: the upper halves of the 64-bit CSRs above. */
#define CSR_HENVCFGH	0x61a
#define CSR_HTIMEDELTAH 0x615
#define CSR_STIMECMPH	0x15d
#define CSR_VSTIMECMPH	0x25d
/* AIA: indirect access to the interrupt files, and their top external interrupt. */
#define CSR_SISELECT  0x150
#define CSR_SIREG     0x151
#define CSR_STOPEI    0x15c
#define CSR_VSISELECT 0x250
#define CSR_VSIREG    0x251
#define CSR_VSTOPEI   0x25c

/* Constants usable from both C and assembly. */
#ifdef __ASSEMBLY__
#define _UL(x) x
#else
#define _UL(x) x##UL
#endif

#define SSTATUS_SIE  (_UL(1) << 1)
#define SSTATUS_SPIE (_UL(1) << 5)
#define SSTATUS_SPP  (_UL(1) << 8)

#define SSTATUS_FS (_UL(3) << 13)

/* hstatus */
#define HSTATUS_GVA  (_UL(1) << 6)
#define HSTATUS_SPV  (_UL(1) << 7)
#define HSTATUS_SPVP (_UL(1) << 8)
#define HSTATUS_VTW  (_UL(1) << 21)
/* The guest interrupt file VS-level external interrupts and vs* AIA CSRs use. */
#define HSTATUS_VGEIN_SHIFT 12
#define HSTATUS_VGEIN	    (_UL(0x3f) << HSTATUS_VGEIN_SHIFT)

/* Interrupt bits of sie/sip, and their VS-level copies in hvip/hideleg. */
#define IRQ_S_SOFT   1
#define IRQ_VS_SOFT  2
#define IRQ_S_TIMER  5
#define IRQ_VS_TIMER 6
#define IRQ_S_EXT    9
#define IRQ_VS_EXT   10
#define SIP_SSIP     (_UL(1) << IRQ_S_SOFT)
#define SIP_STIP     (_UL(1) << IRQ_S_TIMER)
#define SIP_SEIP     (_UL(1) << IRQ_S_EXT)
#define HVIP_VSSIP   (_UL(1) << IRQ_VS_SOFT)
#define HVIP_VSTIP   (_UL(1) << IRQ_VS_TIMER)
#define HVIP_VSEIP   (_UL(1) << IRQ_VS_EXT)

/* henvcfg (64 bits, csr_read64): Sstc for the guest (vstimecmp). */
#define HENVCFG_STCE (1ULL << 63)

/*
 * hgatp: Sv39x4 with a 14-bit VMID on RV64, Sv32x4 with a 7-bit VMID on
 * RV32; the root's PPN in the low bits either way.
 */
#if __riscv_xlen == 64
#define HGATP_MODE	 (_UL(8) << 60)
#define HGATP_VMID_SHIFT 44
#define HGATP_VMID_MASK	 (_UL(0x3fff) << HGATP_VMID_SHIFT)
#else
#define HGATP_MODE	 (_UL(1) << 31)
#define HGATP_VMID_SHIFT 22
#define HGATP_VMID_MASK	 (_UL(0x7f) << HGATP_VMID_SHIFT)
#endif

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

#include <bulwark/types.h>

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

/*
 * The 64-bit CSRs (henvcfg, htimedelta, the time compare registers): one
 * CSR on RV64, a low and a high one (csrh) on RV32. csr_write64 writes the
 * low half first: QEMU 10 clears henvcfg's upper half (Sstc's STCE among
 * it) on a write of the lower one.
 */
#if __riscv_xlen == 64
#define csr_read64(csr, csrh)	    ((u64)csr_read(csr))
#define csr_write64(csr, csrh, val) csr_write(csr, (u64)(val))
#else
#define csr_read64(csr, csrh)                                                                      \
	({                                                                                         \
		unsigned long __hi, __lo;                                                          \
		do {                                                                               \
			__hi = csr_read(csrh);                                                     \
			__lo = csr_read(csr);                                                      \
		} while (__hi != csr_read(csrh));                                                  \
		((u64)__hi << 32) | __lo;                                                          \
	})
#define csr_write64(csr, csrh, val)                                                                \
	({                                                                                         \
		u64 __w = (val);                                                                   \
		csr_write(csr, (unsigned long)__w);                                                \
		csr_write(csrh, (unsigned long)(__w >> 32));                                       \
	})
#endif

/*
 * A time compare register (stimecmp, vstimecmp) on RV32: the low half goes
 * to all ones first, so no moment between the two writes holds a deadline
 * earlier than both the old and the new one.
 */
#if __riscv_xlen == 64
#define csr_write_timecmp(csr, csrh, val) csr_write(csr, (u64)(val))
#else
#define csr_write_timecmp(csr, csrh, val)                                                          \
	({                                                                                         \
		u64 __t = (val);                                                                   \
		csr_write(csr, ~0UL);                                                              \
		csr_write(csrh, (unsigned long)(__t >> 32));                                       \
		csr_write(csr, (unsigned long)__t);                                                \
	})
#endif

/*
 * Hypervisor fences over all addresses and ids, encoded by hand: the
 * toolchain's -march has no H extension.
 */
static inline void hfence_vvma_all(void)
{
	__asm__ __volatile__(".insn r 0x73, 0, 0x11, x0, x0, x0" ::: "memory");
}

static inline void hfence_gvma_all(void)
{
	__asm__ __volatile__(".insn r 0x73, 0, 0x31, x0, x0, x0" ::: "memory");
}

#endif /* !__ASSEMBLY__ */

#endif /* ASM_CSR_H */
