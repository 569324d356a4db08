/* SPDX-License-Identifier: Apache-2.0 */
/* Priority storm: 16 SGIs pending at once are delivered by priority, then INTID. */
#include <stdint.h>
#include "arch.h"
#include "gic.h"
#include "test.h"
#include "trap.h"

static volatile unsigned int order[GIC_NR_SGIS];
static volatile unsigned long delivered;
static uint8_t prio[GIC_NR_SGIS];
static unsigned int expected[GIC_NR_SGIS];

static void record(void)
{
	if (delivered < GIC_NR_SGIS)
		order[delivered] = irq_current();
	delivered++;
}

/*
 * Gives the SGIs distinct priorities in a scrambled order, as many as the
 * implemented priority bits allow below the idle priority mask, and computes
 * the order they must come in: by priority, then by INTID.
 */
static void assign_priorities(uint8_t step, uint8_t mask_level)
{
	unsigned int i, j, n = 0;

	for (i = 0; i < GIC_NR_SGIS; i++) {
		unsigned int level = (i * 7 + 5) % GIC_NR_SGIS;
		unsigned int value = level * step;

		/* Too few levels: the lowest ones share the last usable priority. */
		while (value >= mask_level)
			value -= step;
		prio[i] = (uint8_t)value;
		gic_set_priority(i, prio[i]);
		irq_set_handler(i, record);
		gic_enable(i, true);
	}
	for (j = 0; j <= 0xff; j++) {
		for (i = 0; i < GIC_NR_SGIS; i++) {
			if (prio[i] == j)
				expected[n++] = i;
		}
	}
}

static void check_order(const char *how)
{
	unsigned int i, first_wrong = GIC_NR_SGIS;

	report_eq(delivered, GIC_NR_SGIS, "%s: SGIs delivered", how);
	for (i = 0; i < GIC_NR_SGIS && i < delivered; i++) {
		if (order[i] != expected[i] && first_wrong == GIC_NR_SGIS)
			first_wrong = i;
	}
	if (!report_eq(first_wrong, GIC_NR_SGIS, "%s: first delivery out of priority order", how))
		report_info("position %u: expected SGI %u (priority 0x%x), got SGI %u", first_wrong,
			    expected[first_wrong], prio[expected[first_wrong]], order[first_wrong]);
}

static void send_all(void)
{
	unsigned int i;

	/* Highest INTID first, so sending order says nothing about the expected order. */
	for (i = GIC_NR_SGIS; i > 0; i--)
		gic_send_sgi(this_hart(), i - 1);
}

TEST_CASE(gic_priority)
{
	uint8_t implemented, idle, step;
	unsigned int i;

	gic_set_priority(0, 0xff);
	implemented = gic_priority(0);
	idle = gic_pmr();
	/*
	 * Steps of 0x10 use the 4 priority bits every GIC has (and a virtual CPU
	 * interface keeps), unless even those are not all implemented.
	 */
	step = (uint8_t)(implemented & -implemented);
	if (step && step < 0x10)
		step = 0x10;
	report_info("GICv%u: priority bits 0x%x, idle priority mask 0x%x", gic_version(),
		    implemented, idle);
	if (!report(step != 0 && idle != 0, "priority field and mask are implemented"))
		return;
	assign_priorities(step, idle);

	/* Masked by PSTATE.I: all 16 pend, then come one by one as the CPU takes them. */
	delivered = 0;
	send_all();
	delay_ms(1);
	report_eq(delivered, 0, "no SGI taken while PSTATE.I is set");
	local_irq_enable();
	delay_ms(10);
	local_irq_disable();
	check_order("masked by PSTATE.I");

	/* Masked by the priority mask with interrupts on: the same once the mask opens. */
	delivered = 0;
	gic_set_pmr(0);
	local_irq_enable();
	send_all();
	delay_ms(1);
	report_eq(delivered, 0, "no SGI taken while the priority mask is 0");
	gic_set_pmr(idle);
	delay_ms(10);
	local_irq_disable();
	check_order("masked by the priority mask");

	for (i = 0; i < GIC_NR_SGIS; i++) {
		irq_set_handler(i, NULL);
		gic_set_priority(i, 0);
	}
	/* SGI 1 is the IPI of other cases; leave the others as they were found. */
	for (i = 2; i < GIC_NR_SGIS; i++)
		gic_enable(i, false);
}
