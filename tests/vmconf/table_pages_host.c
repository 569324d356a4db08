/* SPDX-License-Identifier: Apache-2.0 */
/* Host program: builds each generated VM's tables with the hypervisor's code, prints pages used. */
/*
 * Built with a layout's generated vmconf.c and board.h, kernel/vm_map.c,
 * kernel/lib/pgtable.c and both arches' formats (tests/vmconf/test_table_pages.py)
 * so that what tools/vmconf/vmconflib/pgtables.py counts is compared with what
 * the C walker takes. Usage:
 *   table_pages_host arm IPA_BITS|worst [gicv2]
 *   table_pages_host lpae [gicv2]        (AArch32: arch/arm/mem_stage2.c's shape)
 *   table_pages_host riscv
 * prints "NAME PAGES" per VM, or "NAME error ERRNO" when a mapping fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bulwark/vm_map.h>
#include <asm/gstage.h>
#include <asm/stage2.h>
#include <generated/board.h>

/* As much as either Kconfig pool option allows: the count is never capped. */
#define POOL_PAGES 4096u
#define PAGE	   4096ULL
/* arch/arm64: the GICv2 CPU interface (GICV) at the guest's GICC. */
#define GICV2_CPU_IF_SIZE 0x2000ULL

#ifdef VM_MAP_LAYOUT_OLD /* the walk before it read the page and colors from board.h */
#define walk_layout(d, fn, ctx) vm_map_layout(d, PAGE, BOARD_PAGE_SIZE, BOARD_NR_COLORS, fn, ctx)
#else
#define walk_layout(d, fn, ctx) vm_map_layout(d, fn, ctx)
#endif

static int map_stage2(void *ctx, u64 gpa, u64 pa, u64 size, u32 access, enum vm_map_kind kind)
{
	(void)access;
	return stage2_map(ctx, gpa, pa, size, STAGE2_R | STAGE2_W,
			  kind == VM_MAP_DEVICE ? STAGE2_DEVICE : STAGE2_NORMAL);
}

static int map_lpae(void *ctx, u64 gpa, u64 pa, u64 size, u32 access, enum vm_map_kind kind)
{
	(void)access;
	return pgtable_map(ctx, gpa, pa, size, PGTABLE_R | PGTABLE_W,
			   kind == VM_MAP_DEVICE ? PGTABLE_DEVICE : PGTABLE_NORMAL);
}

static int map_gstage(void *ctx, u64 gpa, u64 pa, u64 size, u32 access, enum vm_map_kind kind)
{
	(void)access;
	(void)kind;
	return gstage_map(ctx, gpa, pa, size, GSTAGE_R | GSTAGE_W);
}

/* Pages the Arm tables of d take for one input size; a negative errno if they cannot be built. */
static long arm_pages(const struct vmconf_vm *d, void *pool, unsigned int ipa_bits, bool gicv2)
{
	struct stage2 s2;
	int err;

	memset(pool, 0, (size_t)POOL_PAGES * PAGE);
	err = stage2_init(&s2, pool, POOL_PAGES, ipa_bits);
	if (!err)
		err = walk_layout(d, map_stage2, &s2);
#if defined(BOARD_DEV_GICC_BASE) && defined(BOARD_DEV_GICV_BASE)
	if (!err && gicv2)
		err = stage2_map(&s2, BOARD_DEV_GICC_BASE, BOARD_DEV_GICV_BASE, GICV2_CPU_IF_SIZE,
				 STAGE2_R | STAGE2_W, STAGE2_DEVICE);
#else
	(void)gicv2;
#endif
	return err ? err : (long)s2.used;
}

/* AArch32: LPAE stage 2, a 40-bit IPA from the first level (arch/arm/mem_stage2.c). */
static long lpae_pages(const struct vmconf_vm *d, void *pool, bool gicv2)
{
	struct pgtable pt;
	int err;

	memset(pool, 0, (size_t)POOL_PAGES * PAGE);
	/* A physical address the format accepts: the walker finds its tables through the pool. */
	err = pgtable_init(&pt, &stage2_format_lpae, pool, 0x40000000ULL, POOL_PAGES, 40, 0);
	if (!err)
		err = walk_layout(d, map_lpae, &pt);
#if defined(BOARD_DEV_GICC_BASE) && defined(BOARD_DEV_GICV_BASE)
	if (!err && gicv2)
		err = pgtable_map(&pt, BOARD_DEV_GICC_BASE, BOARD_DEV_GICV_BASE, GICV2_CPU_IF_SIZE,
				  PGTABLE_R | PGTABLE_W, PGTABLE_DEVICE);
#else
	(void)gicv2;
#endif
	return err ? err : (long)pt.used;
}

static long riscv_pages(const struct vmconf_vm *d, void *pool)
{
	struct gstage gs;
	int err;

	memset(pool, 0, (size_t)POOL_PAGES * PAGE);
	err = gstage_init(&gs, pool, POOL_PAGES);
	if (!err)
		err = walk_layout(d, map_gstage, &gs);
	return err ? err : (long)gs.used;
}

int main(int argc, char **argv)
{
	bool arm = argc >= 3 && !strcmp(argv[1], "arm");
	bool lpae = argc >= 2 && !strcmp(argv[1], "lpae");
	bool gicv2 = (arm && argc >= 4 && !strcmp(argv[3], "gicv2")) ||
		     (lpae && argc >= 3 && !strcmp(argv[2], "gicv2"));
	void *pool = aligned_alloc(16 * PAGE, (size_t)POOL_PAGES * PAGE);
	unsigned int ipa_bits = 0;

	if (argc < 2 || !pool)
		return 2;
	if (arm && strcmp(argv[2], "worst"))
		ipa_bits = (unsigned int)strtoul(argv[2], NULL, 0);
	for (u32 i = 0; i < vmconf_nr_vms; i++) {
		const struct vmconf_vm *d = &vmconf_vms[i];
		long pages = -1;

		if (lpae) {
			pages = lpae_pages(d, pool, gicv2);
		} else if (!arm) {
			pages = riscv_pages(d, pool);
		} else if (ipa_bits) {
			pages = arm_pages(d, pool, ipa_bits, gicv2);
		} else {
			/* The size is read at boot: the most that any fitting size takes. */
			for (unsigned int bits = STAGE2_MIN_IPA_BITS; bits <= STAGE2_MAX_IPA_BITS;
			     bits++) {
				long n = arm_pages(d, pool, bits, gicv2);

				if (n > pages)
					pages = n;
			}
		}
		if (pages < 0)
			printf("%s error %ld\n", d->name, pages);
		else
			printf("%s %ld\n", d->name, pages);
	}
	free(pool);
	return 0;
}
