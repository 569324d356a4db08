/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Moves the hypervisor's own image to pages of the layout's hypervisor
 * colors (cache coloring): a new EL2 map sends the image's addresses to the
 * colored copy tools/vmconf set aside, the boot CPU copies the image there
 * and switches, and CPUs started later turn their MMU on with that map.
 */
#include <bulwark/arch.h>
#include <bulwark/hyp_recolor.h>
#include <bulwark/printk.h>
#include <bulwark/string.h>
#include <bulwark/vm_map.h>
#include <generated/board.h>

#ifdef VMCONF_HYP_COLORED_BASE

#define PAGE	    0x1000ULL
#define BLOCK_2M    0x200000ULL
#define ENTRIES	    512
#define ADDR_BITS   0x0000fffffffff000ULL
#define DESC_TABLE  0x3ULL
#define DESC_PAGE   0x2ULL /* with the block's bit 0: a page at level 3 */
#define L3_TABLES   (VMCONF_HYP_COLORED_SIZE / BLOCK_2M + 1)
#define STACK_PAGES (CONFIG_CPU_STACK_SIZE / PAGE)

extern u64 arm64_hyp_table[ENTRIES];
extern u64 arm64_hyp_ttbr;
void arm64_hyp_switch(u64 ttbr, const void *stack, const u64 *stack_pa, u64 pages);

static u64 new_root[ENTRIES] __aligned(PAGE);
static u64 new_l2[ENTRIES] __aligned(PAGE);
static u64 new_l3[L3_TABLES][ENTRIES] __aligned(PAGE);
static u64 stack_pa[STACK_PAGES];
static u64 nr_pages;

_Static_assert(CONFIG_CPU_STACK_SIZE % PAGE == 0, "stacks are whole pages");

static void build_map(void)
{
	u64 start = hyp_image_va(__image_start), end = start + nr_pages * PAGE;
	u64 gib = start >> 30;
	u64 attrs = arm64_hyp_table[gib] & ~ADDR_BITS;
	u64 first_2m = start & ~(BLOCK_2M - 1);

	memcpy(new_root, arm64_hyp_table, sizeof(new_root));
	new_root[gib] = hyp_recolor_moved(hyp_image_va(new_l2)) | DESC_TABLE;
	for (u64 i = 0; i < ENTRIES; i++) {
		u64 base = (gib << 30) + i * BLOCK_2M;

		if (base + BLOCK_2M <= start || base >= end) {
			new_l2[i] = base | attrs;
			continue;
		}
		new_l2[i] = hyp_recolor_moved(hyp_image_va(new_l3[(base - first_2m) / BLOCK_2M])) |
			    DESC_TABLE;
		for (u64 j = 0; j < ENTRIES; j++)
			new_l3[(base - first_2m) / BLOCK_2M][j] =
			    hyp_recolor_moved(base + j * PAGE) | attrs | DESC_PAGE;
	}
}

static void clean_range(u64 va, u64 size)
{
	for (u64 p = va & ~63ULL; p < va + size; p += 64)
		__asm__ __volatile__("dc civac, %0" ::"r"(p) : "memory");
}

void arch_hyp_recolor(unsigned int cpu)
{
	u64 start = hyp_image_va(__image_start);

	nr_pages = hyp_recolor_plan();
	build_map();
	hyp_recolor_stack(cpu, stack_pa, STACK_PAGES);
	/* CPUs started later read it with their MMU off, from the image where it was loaded. */
	arm64_hyp_ttbr = hyp_recolor_moved(hyp_image_va(new_root));
	__asm__ __volatile__("dsb sy" ::: "memory");
	clean_range(hyp_image_va(&arm64_hyp_ttbr), sizeof(arm64_hyp_ttbr));
	/* From here on nothing but this CPU's stack changes until the switch. */
	for (u64 i = 0; i < nr_pages; i++) {
		memcpy(hpa_to_ptr(hyp_recolor_page(i)), __image_start + i * PAGE, PAGE);
		clean_range(hyp_recolor_page(i), PAGE);
	}
	__asm__ __volatile__("dsb ish\n\tic iallu\n\tdsb ish\n\tisb" ::: "memory");
	arm64_hyp_switch(arm64_hyp_ttbr, __cpu_stacks_start + (u64)cpu * CONFIG_CPU_STACK_SIZE,
			 stack_pa, STACK_PAGES);
	hyp_recolor_report();
	if (IS_ENABLED(CONFIG_DEBUG_MEM_DUMP))
		for (u64 i = 0; i < nr_pages; i++)
			pr_info("mem-dump hyp: 0x%llx 0x%llx",
				(unsigned long long)(start + i * PAGE),
				(unsigned long long)(new_l3[(start + i * PAGE -
							     (start & ~(BLOCK_2M - 1))) /
							    BLOCK_2M]
							   [((start + i * PAGE) >> 12) & 511] &
						     ADDR_BITS));
}

#else

void arch_hyp_recolor(unsigned int cpu)
{
	(void)cpu;
}

#endif
