/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The physical RISC-V AIA in MSI mode: the APLIC's supervisor domain turns
 * wired sources into MSIs, and each hart's supervisor-level IMSIC file takes
 * the hypervisor's own (the console's); the guest files belong to vCPUs.
 */
#include <bulwark/irqchip.h>
#include <bulwark/printk.h>
#include <asm/csr.h>
#include <generated/board.h>

#include "aplic.h"
#include "imsic.h"

/* Indirect register numbers of an interrupt file (siselect / vsiselect), AIA specification. */
#define IMSIC_EIDELIVERY  0x70u
#define IMSIC_EITHRESHOLD 0x72u
#define IMSIC_EIP0	  0x80u
#define IMSIC_EIE0	  0xc0u
/* *topei: the identity in bits 26:16. */
#define IMSIC_TOPEI_ID_SH 16u
#define IMSIC_TOPEI_ID	  0x7ffu

/* eipN / eieN are XLEN bits wide; on RV64 only the even numbers exist. */
#define IMSIC_REG_BITS ((unsigned int)__riscv_xlen)
#define IMSIC_REG_STEP (IMSIC_REG_BITS / 32u)
#define IMSIC_NR_REGS  ((IMSIC_NR_IDS + IMSIC_REG_BITS - 1u) / IMSIC_REG_BITS)

_Static_assert(BOARD_IRQ_MAX < IMSIC_NR_IDS,
	       "the hypervisor's own sources use their source number as identity");

static void s_file_write(unsigned long reg, unsigned long value)
{
	csr_write(CSR_SISELECT, reg);
	csr_write(CSR_SIREG, value);
}

static void guest_file_write(unsigned long reg, unsigned long value)
{
	csr_write(CSR_VSISELECT, reg);
	csr_write(CSR_VSIREG, value);
}

void imsic_guest_file_reset(void)
{
	guest_file_write(IMSIC_EIDELIVERY, 0);
	guest_file_write(IMSIC_EITHRESHOLD, 0);
	for (unsigned int i = 0; i < IMSIC_NR_REGS; i++) {
		guest_file_write(IMSIC_EIE0 + i * IMSIC_REG_STEP, 0);
		guest_file_write(IMSIC_EIP0 + i * IMSIC_REG_STEP, 0);
	}
}

void irqchip_init(void)
{
	aplic_domain_init(true);
}

void irqchip_cpu_init(unsigned int cpu)
{
	(void)cpu;
	/*
	 * The S-level file: every identity enabled (the APLIC sends this hart
	 * only what irqchip_route aimed here), none pending, no threshold.
	 */
	s_file_write(IMSIC_EIDELIVERY, 0);
	for (unsigned int i = 0; i < IMSIC_NR_REGS; i++) {
		s_file_write(IMSIC_EIP0 + i * IMSIC_REG_STEP, 0);
		s_file_write(IMSIC_EIE0 + i * IMSIC_REG_STEP, ~0UL);
	}
	s_file_write(IMSIC_EITHRESHOLD, 0);
	s_file_write(IMSIC_EIDELIVERY, 1);
	/*
	 * The vCPU of this hart uses guest file IMSIC_VGEIN: its external
	 * interrupts and its siselect/sireg/stopei go there without an exit.
	 * No hgeie bit: the hart runs that vCPU alone, so a guest interrupt
	 * while the hypervisor runs waits for the return to the guest.
	 */
	csr_clear(CSR_HSTATUS, HSTATUS_VGEIN);
	csr_set(CSR_HSTATUS, (unsigned long)IMSIC_VGEIN << HSTATUS_VGEIN_SHIFT);
	csr_write(CSR_HGEIE, 0);
	imsic_guest_file_reset();
}

void irqchip_route(u32 irq, unsigned int cpu)
{
	if (irq == 0 || irq > BOARD_IRQ_MAX || cpu >= BOARD_NR_CPUS) {
		pr_err("imsic: cannot route source %u to CPU %u (sources 1..%u, %u CPUs)", irq, cpu,
		       (unsigned int)BOARD_IRQ_MAX, (unsigned int)BOARD_NR_CPUS);
		return;
	}
	/* To the hart's S-level file (guest index 0), identity = source number. */
	if (!aplic_source_setup(irq, APLIC_SM_LEVEL1,
				APLIC_MSI_TARGET(BOARD_IMSIC_HART_INDEX(cpu), 0u, irq), true))
		pr_err("imsic: APLIC source %u is not delegated to the supervisor domain", irq);
}

u32 irqchip_claim(unsigned int cpu)
{
	unsigned long topei;

	(void)cpu;
	/* Reading and writing stopei at once claims the top identity. */
	__asm__ __volatile__("csrrw %0, " __stringify(CSR_STOPEI) ", zero"
			     : "=r"(topei)
			     :
			     : "memory");
	topei = (topei >> IMSIC_TOPEI_ID_SH) & IMSIC_TOPEI_ID;
	return topei ? (u32)topei : IRQCHIP_NONE;
}

void irqchip_complete(unsigned int cpu, u32 irq)
{
	(void)cpu;
	/*
	 * In MSI mode a level source sends one MSI per rising edge: if the
	 * device still asserts it, ask again (setipnum) or it is lost.
	 */
	if (aplic_source_asserted(irq))
		aplic_source_set_pending(irq);
}

bool irqchip_handle_private(unsigned int cpu, u32 irq)
{
	(void)cpu;
	(void)irq;
	return false;
}
