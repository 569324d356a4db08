/* SPDX-License-Identifier: Apache-2.0 */
/* The physical RISC-V PLIC, driven through each hart's S-mode context. */
#include <bulwark/addr.h>
#include <bulwark/irqchip.h>
#include <bulwark/printk.h>
#include <bulwark/spinlock.h>
#include <generated/board.h>

/* The register map's bound: source ids 1..1023 (0 means "none"). */
#define PLIC_MAX_SOURCES 1024u

/*
 * Highest source id the board implements. The layout tool does not generate
 * it yet; QEMU virt has sources 1..95 (board.hw: irqs = 1-95).
 */
#ifndef BOARD_IRQ_MAX
#define BOARD_IRQ_MAX 95u
#endif
_Static_assert(BOARD_IRQ_MAX < PLIC_MAX_SOURCES, "the PLIC names sources 1..1023 only");

/*
 * The hypervisor runs in HS-mode, so it uses the hart's S-mode context. On
 * QEMU virt hart n has context 2n (M-mode) and 2n+1 (S-mode); a board with
 * another wiring defines BOARD_PLIC_S_CONTEXT. CPU index = hart id here.
 */
#ifndef BOARD_PLIC_S_CONTEXT
#define BOARD_PLIC_S_CONTEXT(cpu) (2u * (cpu) + 1u)
#endif

#define PLIC_PRIORITY(src)	 (0x0u + 4u * (src))
#define PLIC_ENABLE(ctx, word)	 (0x2000u + 0x80u * (ctx) + 4u * (word))
#define PLIC_THRESHOLD(ctx)	 (0x200000u + 0x1000u * (ctx))
#define PLIC_CLAIM_COMPLETE(ctx) (0x200004u + 0x1000u * (ctx))

/* Enable words are shared by 32 sources: routing two at once must not race. */
static spinlock_t plic_enable_lock = SPINLOCK_INIT;

static volatile u32 *plic_reg(unsigned long offset)
{
	return (volatile u32 *)hpa_to_mmio(BOARD_DEV_PLIC_BASE + offset);
}

static unsigned int plic_context(unsigned int cpu)
{
	return BOARD_PLIC_S_CONTEXT(cpu);
}

void irqchip_init(void)
{
	for (u32 src = 1; src <= BOARD_IRQ_MAX; src++)
		*plic_reg(PLIC_PRIORITY(src)) = 0;
	for (unsigned int cpu = 0; cpu < BOARD_NR_CPUS; cpu++) {
		unsigned int ctx = plic_context(cpu);

		for (u32 word = 0; word <= BOARD_IRQ_MAX / 32u; word++)
			*plic_reg(PLIC_ENABLE(ctx, word)) = 0;
		*plic_reg(PLIC_THRESHOLD(ctx)) = 0;
	}
}

void irqchip_cpu_init(unsigned int cpu)
{
	/* Threshold 0: every enabled source with priority 1 or more gets through. */
	*plic_reg(PLIC_THRESHOLD(plic_context(cpu))) = 0;
}

void irqchip_route(u32 irq, unsigned int cpu)
{
	volatile u32 *enable;

	if (irq == 0 || irq > BOARD_IRQ_MAX || cpu >= BOARD_NR_CPUS) {
		/* The layout checker should have refused this: say so rather than guess. */
		pr_err("plic: cannot route source %u to CPU %u (sources 1..%u, %u CPUs)", irq, cpu,
		       (unsigned int)BOARD_IRQ_MAX, (unsigned int)BOARD_NR_CPUS);
		return;
	}
	/* All sources share one priority: the guest's virtual PLIC orders them. */
	*plic_reg(PLIC_PRIORITY(irq)) = 1;
	enable = plic_reg(PLIC_ENABLE(plic_context(cpu), irq / 32u));
	spin_lock(&plic_enable_lock);
	*enable |= 1u << (irq % 32u);
	spin_unlock(&plic_enable_lock);
}

u32 irqchip_claim(unsigned int cpu)
{
	u32 irq = *plic_reg(PLIC_CLAIM_COMPLETE(plic_context(cpu)));

	/* Source 0 does not exist: the PLIC's way of saying nothing is pending. */
	return irq ? irq : IRQCHIP_NONE;
}

void irqchip_complete(unsigned int cpu, u32 irq)
{
	/*
	 * Any hart may write another context's completion register; the PLIC
	 * only needs the source to be enabled there, which routing left it.
	 */
	*plic_reg(PLIC_CLAIM_COMPLETE(plic_context(cpu))) = irq;
}

bool irqchip_handle_private(unsigned int cpu, u32 irq)
{
	/* The PLIC has no per-CPU interrupts: everything is a wired source. */
	(void)cpu;
	(void)irq;
	return false;
}
