/* SPDX-License-Identifier: Apache-2.0 */
/* Which colored page each page of the hypervisor's image moves to (include/bulwark/hyp_recolor.h).
 */
#include <bulwark/hyp_recolor.h>
#include <bulwark/printk.h>
#include <bulwark/vm_map.h>
#include <generated/board.h>

#ifdef VMCONF_HYP_COLORED_BASE

#define PAGE	   HYP_RECOLOR_PAGE
#define COPY_PAGES (VMCONF_HYP_COLORED_SIZE / PAGE)

static u64 page_pa[COPY_PAGES];
static u64 nr_pages;

static int take_run(void *ctx, gpa_t va, hpa_t pa, u64 size, u32 access, enum vm_map_kind kind)
{
	u64 *n = ctx;

	(void)va;
	(void)access;
	(void)kind;
	for (u64 off = 0; off < size && *n < nr_pages; off += PAGE)
		page_pa[(*n)++] = pa + off;
	return *n == nr_pages ? 1 : 0;
}

u64 hyp_recolor_plan(void)
{
	const struct vmconf_region copy = {.guest_base = 0,
					   .phys_base = VMCONF_HYP_COLORED_BASE,
					   .size = VMCONF_HYP_COLORED_SIZE,
					   .access = VMCONF_ACCESS_READ,
					   .color_mask = VMCONF_HYP_COLORS};
	u64 n = 0;

	nr_pages = (hyp_image_va(__recolor_end) - hyp_image_va(__image_start)) / PAGE;
	vm_map_region(&copy, take_run, &n);
	return nr_pages;
}

u64 hyp_recolor_moved(u64 va)
{
	u64 start = hyp_image_va(__image_start);

	if (va < start || va >= start + nr_pages * PAGE)
		return va;
	return page_pa[(va - start) / PAGE] + (va & (PAGE - 1));
}

u64 hyp_recolor_page(u64 i)
{
	return page_pa[i];
}

void hyp_recolor_stack(unsigned int cpu, u64 *stack_pa, u64 pages)
{
	u64 first = (hyp_image_va(__cpu_stacks_start) - hyp_image_va(__image_start)) / PAGE;

	for (u64 i = 0; i < pages; i++)
		stack_pa[i] = page_pa[first + cpu * pages + i];
}

void hyp_recolor_report(void)
{
	u64 start = hyp_image_va(__image_start);

	pr_info("hypervisor: moved to cache colors 0x%x: %llu pages of its image (0x%llx-0x%llx) "
		"now in 0x%llx-0x%llx",
		VMCONF_HYP_COLORS, (unsigned long long)nr_pages, (unsigned long long)start,
		(unsigned long long)(start + nr_pages * PAGE - 1), (unsigned long long)page_pa[0],
		(unsigned long long)(page_pa[nr_pages - 1] + PAGE - 1));
}

#endif
