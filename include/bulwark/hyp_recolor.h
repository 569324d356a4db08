/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The arch-neutral half of the hypervisor moving its image to its cache
 * colors (arch_hyp_recolor): which colored page each page of the image
 * goes to. Each arch builds its own map from it and switches.
 */
#ifndef BULWARK_HYP_RECOLOR_H
#define BULWARK_HYP_RECOLOR_H

#include <bulwark/types.h>

#define HYP_RECOLOR_PAGE 0x1000ULL

extern char __image_start[], __recolor_end[], __cpu_stacks_start[];

static inline u64 hyp_image_va(const void *p)
{
	return (u64)(uintptr_t)p;
}

/*
 * Takes the colored copy's pages in order, by the layout walk's color rule
 * (vm_map_region), one for each page of [__image_start, __recolor_end);
 * returns how many.
 */
u64 hyp_recolor_plan(void);
/* Where the byte at va of the image lives once moved; other addresses stay. */
u64 hyp_recolor_moved(u64 va);
/* The colored page the image's page i goes to. */
u64 hyp_recolor_page(u64 i);
/* The colored pages of cpu's stack, in order. */
void hyp_recolor_stack(unsigned int cpu, u64 *stack_pa, u64 pages);
/* Says where the image went. */
void hyp_recolor_report(void);

#endif
