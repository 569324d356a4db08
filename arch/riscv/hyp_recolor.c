/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Moves the hypervisor's own image to pages of the layout's hypervisor
 * colors (cache coloring) on RV64: the hypervisor, which otherwise runs
 * with translation off, gets an Sv39 map that is the identity except for
 * its image, whose addresses go to the colored copy tools/vmconf set aside.
 * The boot hart copies the image there and turns the map on; harts started
 * later turn it on first thing (boot.S, riscv_hyp_satp).
 */
#include <bulwark/arch.h>
#include <bulwark/hyp_recolor.h>
#include <bulwark/printk.h>
#include <bulwark/string.h>
#include <bulwark/vm_map.h>
#include <generated/board.h>

#if IS_ENABLED(CONFIG_ARCH_HYP_RECOLOR)
#ifdef VMCONF_HYP_COLORED_BASE

#define PAGE	    0x1000ULL
#define MEGA	    0x200000ULL
#define GIGA	    0x40000000ULL
#define ENTRIES	    512
#define ROOT_USED   256 /* Sv39: the lower half of the address space, 256 GiB */
#define PTE_V	    0x1ULL
#define PTE_LEAF    0xcfULL /* V, R, W, X, A, D: a supervisor page, never a user one */
#define PTE_PPN(pa) (((pa) >> 12) << 10)
#define SATP_SV39   (8ULL << 60)
#define L0_TABLES   (VMCONF_HYP_COLORED_SIZE / MEGA + 1)
#define STACK_PAGES (CONFIG_CPU_STACK_SIZE / PAGE)

extern u64 riscv_hyp_satp;
void riscv_hyp_switch(u64 satp, const void *stack, const u64 *stack_pa, u64 pages);

static u64 root[ENTRIES] __aligned(PAGE);
static u64 l1[ENTRIES] __aligned(PAGE);
static u64 l0[L0_TABLES][ENTRIES] __aligned(PAGE);
static u64 stack_pa[STACK_PAGES];
static u64 nr_pages;

_Static_assert(CONFIG_CPU_STACK_SIZE % PAGE == 0, "stacks are whole pages");

static void build_map(void)
{
	u64 start = hyp_image_va(__image_start), end = start + nr_pages * PAGE;
	u64 giga = start / GIGA;
	u64 first_mega = start & ~(MEGA - 1);

	for (u64 i = 0; i < ROOT_USED; i++)
		root[i] = PTE_PPN(i * GIGA) | PTE_LEAF;
	root[giga] = PTE_PPN(hyp_recolor_moved(hyp_image_va(l1))) | PTE_V;
	for (u64 i = 0; i < ENTRIES; i++) {
		u64 base = giga * GIGA + i * MEGA;
		u64 *table;

		if (base + MEGA <= start || base >= end) {
			l1[i] = PTE_PPN(base) | PTE_LEAF;
			continue;
		}
		table = l0[(base - first_mega) / MEGA];
		l1[i] = PTE_PPN(hyp_recolor_moved(hyp_image_va(table))) | PTE_V;
		for (u64 j = 0; j < ENTRIES; j++)
			table[j] = PTE_PPN(hyp_recolor_moved(base + j * PAGE)) | PTE_LEAF;
	}
}

void arch_hyp_recolor(unsigned int cpu)
{
	u64 start = hyp_image_va(__image_start);

	nr_pages = hyp_recolor_plan();
	build_map();
	hyp_recolor_stack(cpu, stack_pa, STACK_PAGES);
	/* Harts started later read it with translation off, from the image where it was loaded. */
	riscv_hyp_satp = SATP_SV39 | (hyp_recolor_moved(hyp_image_va(root)) >> 12);
	/* From here on nothing but this hart's stack changes until the switch. */
	for (u64 i = 0; i < nr_pages; i++)
		memcpy(hpa_to_ptr(hyp_recolor_page(i)), __image_start + i * PAGE, PAGE);
	riscv_hyp_switch(riscv_hyp_satp, __cpu_stacks_start + (u64)cpu * CONFIG_CPU_STACK_SIZE,
			 stack_pa, STACK_PAGES);
	hyp_recolor_report();
	if (IS_ENABLED(CONFIG_DEBUG_MEM_DUMP))
		for (u64 i = 0; i < nr_pages; i++) {
			u64 va = start + i * PAGE;
			u64 pte = l0[(va - (start & ~(MEGA - 1))) / MEGA][(va >> 12) & 511];

			pr_info("mem-dump hyp: 0x%llx 0x%llx", (unsigned long long)va,
				(unsigned long long)((pte >> 10) << 12));
		}
}

#else

void arch_hyp_recolor(unsigned int cpu)
{
	(void)cpu;
}

#endif
#endif /* CONFIG_ARCH_HYP_RECOLOR */
