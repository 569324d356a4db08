/* SPDX-License-Identifier: Apache-2.0 */
/* A VM's G-stage tables and VMID, built once at boot from its layout. */
#include <bulwark/arch.h>
#include <bulwark/errno.h>
#include <bulwark/printk.h>
#include <asm/csr.h>
#include <asm/gstage.h>
#include <asm/virt.h>
#include <generated/board.h>

#define POOL_PAGES CONFIG_RISCV_GSTAGE_POOL_PAGES

static u8 gstage_pools[VMCONF_NR_VMS][POOL_PAGES][GSTAGE_PAGE_SIZE] __aligned(4 * GSTAGE_PAGE_SIZE);
static struct gstage gstages[VMCONF_NR_VMS];

static unsigned int access_to_perms(u32 access)
{
	return ((access & VMCONF_ACCESS_READ) ? GSTAGE_R : 0) |
	       ((access & VMCONF_ACCESS_WRITE) ? GSTAGE_W : 0) |
	       ((access & VMCONF_ACCESS_EXEC) ? GSTAGE_X : 0);
}

/* The layout tool's rule: page n of host memory has color n mod the color count. */
static bool page_has_color(u64 pa, u32 color_mask)
{
	const u64 nr_colors = BOARD_NR_COLORS ? BOARD_NR_COLORS : 1;

	return (color_mask >> ((pa / BOARD_PAGE_SIZE) % nr_colors)) & 1;
}

/* Colored regions take, in order, the pages of their colors from phys_base up. */
static int map_colored(struct gstage *gs, const struct vmconf_region *r)
{
	u64 pa = r->phys_base;

	for (u64 off = 0; off < r->size; off += GSTAGE_PAGE_SIZE) {
		int err;

		while (!page_has_color(pa, r->color_mask))
			pa += GSTAGE_PAGE_SIZE;
		err = gstage_map(gs, r->guest_base + off, pa, GSTAGE_PAGE_SIZE,
				 access_to_perms(r->access));
		if (err)
			return err;
		pa += GSTAGE_PAGE_SIZE;
	}
	return 0;
}

static int map_layout(struct gstage *gs, const struct vmconf_vm *d)
{
	int err = 0;

	for (u32 i = 0; i < d->nr_regions && !err; i++) {
		const struct vmconf_region *r = &d->regions[i];

		if (r->color_mask && BOARD_NR_COLORS)
			err = map_colored(gs, r);
		else
			err = gstage_map(gs, r->guest_base, r->phys_base, r->size,
					 access_to_perms(r->access));
	}
	for (u32 i = 0; i < d->nr_devices && !err; i++) {
		const struct vmconf_device *dev = &d->devices[i];

		err =
		    gstage_map(gs, dev->guest_base, dev->phys_base, dev->size, GSTAGE_R | GSTAGE_W);
	}
	for (u32 i = 0; i < d->nr_shmem_maps && !err; i++) {
		const struct vmconf_shmem_map *m = &d->shmem_maps[i];
		const struct vmconf_shmem *obj = &vmconf_shmems[m->shmem_id];

		err = gstage_map(gs, m->guest_base, obj->phys_base, obj->size,
				 access_to_perms(m->access));
	}
	return err;
}

/* Width of the VMID field this hart implements. */
static unsigned long vmid_mask(void)
{
	unsigned long mask;

	csr_write(CSR_HGATP, HGATP_MODE_SV39X4 | HGATP_VMID_MASK);
	mask = (csr_read(CSR_HGATP) & HGATP_VMID_MASK) >> HGATP_VMID_SHIFT;
	csr_write(CSR_HGATP, 0);
	return mask;
}

int arch_vm_init(struct vm *vm)
{
	struct gstage *gs = &gstages[vm->id];
	unsigned long vmid = (vm->id + 1UL) & vmid_mask();
	int err = gstage_init(gs, gstage_pools[vm->id], POOL_PAGES);

	if (!err)
		err = map_layout(gs, vm->desc);
	if (err == -ENOMEM)
		pr_err("vm '%s': its G-stage tables need more than %u pages: raise "
		       "CONFIG_RISCV_GSTAGE_POOL_PAGES",
		       vm->desc->name, POOL_PAGES);
	if (err)
		return err;
	vm->arch.root = gs->root;
	vm->arch.hgatp =
	    HGATP_MODE_SV39X4 | (vmid << HGATP_VMID_SHIFT) | ((u64)(uintptr_t)gs->root >> 12);
	pr_debug("vm '%s': G-stage %u pages, VMID %lu", vm->desc->name, gs->used, vmid);
	return 0;
}
