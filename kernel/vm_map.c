/* SPDX-License-Identifier: Apache-2.0 */
/* The walk over a VM's layout that every memory back end builds its mappings from. */
#include <bulwark/vm_map.h>

/* The layout tool's rule: page n of host memory has color n mod the color count. */
static bool page_has_color(u64 pa, u64 color_page, u32 nr_colors, u32 color_mask)
{
	return (color_mask >> ((pa / color_page) % nr_colors)) & 1;
}

/* Colored regions take, in order, the pages of their colors from phys_base up. */
static int map_colored(const struct vmconf_region *r, u64 page_size, u64 color_page, u32 nr_colors,
		       vm_map_fn map, void *ctx)
{
	u64 pa = r->phys_base;

	for (u64 off = 0; off < r->size; off += page_size) {
		int err;

		while (!page_has_color(pa, color_page, nr_colors, r->color_mask))
			pa += page_size;
		err = map(ctx, r->guest_base + off, pa, page_size, r->access, VM_MAP_NORMAL);
		if (err)
			return err;
		pa += page_size;
	}
	return 0;
}

int vm_map_layout(const struct vmconf_vm *d, u64 page_size, u64 color_page, u32 nr_colors,
		  vm_map_fn map, void *ctx)
{
	int err = 0;

	for (u32 i = 0; i < d->nr_regions && !err; i++) {
		const struct vmconf_region *r = &d->regions[i];

		if (r->color_mask && nr_colors)
			err = map_colored(r, page_size, color_page, nr_colors, map, ctx);
		else
			err = map(ctx, r->guest_base, r->phys_base, r->size, r->access,
				  VM_MAP_NORMAL);
	}
	for (u32 i = 0; i < d->nr_devices && !err; i++) {
		const struct vmconf_device *dev = &d->devices[i];

		err = map(ctx, dev->guest_base, dev->phys_base, dev->size,
			  VMCONF_ACCESS_READ | VMCONF_ACCESS_WRITE, VM_MAP_DEVICE);
	}
	for (u32 i = 0; i < d->nr_shmem_maps && !err; i++) {
		const struct vmconf_shmem_map *m = &d->shmem_maps[i];
		const struct vmconf_shmem *obj = &vmconf_shmems[m->shmem_id];

		err = map(ctx, m->guest_base, obj->phys_base, obj->size, m->access, VM_MAP_NORMAL);
	}
	return err;
}
