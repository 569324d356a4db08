/* SPDX-License-Identifier: Apache-2.0 */
/* The layout walk: a VM's layout as runs of host memory, for mapping it and for copying into it. */
#include <bulwark/compiler.h>
#include <bulwark/errno.h>
#include <bulwark/string.h>
#include <bulwark/vm_map.h>
#include <generated/board.h>

/* The modulus of the color rule; 1 on a board without colors, where nothing is colored. */
#define COLOR_MODULUS (BOARD_NR_COLORS ? BOARD_NR_COLORS : 1)

/* Consecutive memory of one color (board.py derives it; a page unless pages are grouped). */
#ifndef BOARD_COLOR_SIZE
#define BOARD_COLOR_SIZE BOARD_PAGE_SIZE
#endif
#define PAGES_PER_COLOR (BOARD_COLOR_SIZE / BOARD_PAGE_SIZE)

/* The color iterator: a colored region's stretches of consecutive host pages of its colors. */
struct color_runs {
	hpa_t next; /* first host page not looked at yet */
	u64 left;   /* bytes of the region not handed out yet */
	u32 mask;
};

u32 vm_color_of(hpa_t pa)
{
	return (u32)((pa / BOARD_COLOR_SIZE) % COLOR_MODULUS);
}

static bool page_has_color(hpa_t pa, u32 mask)
{
	return (mask >> vm_color_of(pa)) & 1;
}

/* The next stretch: its size (0 once the region is done), its first host address in *pa. */
static u64 color_runs_next(struct color_runs *it, hpa_t *pa)
{
	u64 size = 0;

	if (!it->left)
		return 0;
	while (!page_has_color(it->next, it->mask))
		it->next += BOARD_PAGE_SIZE;
	*pa = it->next;
	while (size < it->left && page_has_color(it->next, it->mask)) {
		size += MIN((u64)BOARD_PAGE_SIZE, it->left - size);
		it->next += BOARD_PAGE_SIZE;
	}
	it->left -= size;
	return size;
}

/* How many of the board's colors the mask holds. */
static u32 colors_in(u32 mask)
{
	u32 n = 0;

	for (u32 c = 0; c < COLOR_MODULUS; c++)
		n += (mask >> c) & 1;
	return n;
}

/*
 * A region's runs in ascending guest addresses, from skip bytes into it (a
 * multiple of BOARD_PAGE_SIZE below its size): itself, or its colors'
 * stretches. Whole cycles of colors are stepped over at once, so a range
 * deep in a colored region costs no more than one near its start.
 */
static int walk_region(const struct vmconf_region *r, u64 skip, vm_map_fn fn, void *ctx)
{
	struct color_runs it = {
	    .next = r->phys_base, .left = r->size - skip, .mask = r->color_mask};
	gpa_t gpa = r->guest_base + skip;
	u64 pages = skip / BOARD_PAGE_SIZE;
	u32 per_cycle;
	hpa_t pa = 0;
	u64 size;
	int ret = 0;

	if (!r->color_mask || !BOARD_NR_COLORS)
		return fn(ctx, gpa, r->phys_base + skip, r->size - skip, r->access, VM_MAP_NORMAL);
	/* The layout tool refuses colors the board lacks; without one the walk would not end. */
	per_cycle = colors_in(it.mask) * (u32)PAGES_PER_COLOR;
	if (!per_cycle)
		return -EINVAL;
	it.next += pages / per_cycle * COLOR_MODULUS * BOARD_COLOR_SIZE;
	for (pages %= per_cycle; pages; it.next += BOARD_PAGE_SIZE)
		if (page_has_color(it.next, it.mask))
			pages--;
	while (!ret && (size = color_runs_next(&it, &pa)) != 0) {
		ret = fn(ctx, gpa, pa, size, r->access, VM_MAP_NORMAL);
		gpa += size;
	}
	return ret;
}

int vm_map_region(const struct vmconf_region *r, vm_map_fn map, void *ctx)
{
	return walk_region(r, 0, map, ctx);
}

int vm_map_layout(const struct vmconf_vm *d, vm_map_fn map, void *ctx)
{
	int ret = 0;

	for (u32 i = 0; i < d->nr_regions && !ret; i++)
		ret = walk_region(&d->regions[i], 0, map, ctx);
	for (u32 i = 0; i < d->nr_devices && !ret; i++) {
		const struct vmconf_device *dev = &d->devices[i];

		ret = map(ctx, dev->guest_base, dev->phys_base, dev->size,
			  VMCONF_ACCESS_READ | VMCONF_ACCESS_WRITE, VM_MAP_DEVICE);
	}
	for (u32 i = 0; i < d->nr_shmem_maps && !ret; i++) {
		const struct vmconf_shmem_map *m = &d->shmem_maps[i];
		const struct vmconf_shmem *obj = &vmconf_shmems[m->shmem_id];
		/* A colored object is mapped from its colors' pages, as a region is. */
		const struct vmconf_region as_region = {.guest_base = m->guest_base,
							.phys_base = obj->phys_base,
							.size = obj->size,
							.access = m->access,
							.color_mask = obj->color_mask};

		ret = walk_region(&as_region, 0, map, ctx);
	}
	return ret;
}

/* A range of guest RAM being handed out piece by piece from its region's runs. */
struct ram_range {
	gpa_t gpa;
	u64 size;
	vm_ram_fn fn;
	void *ctx;
	bool complete;
};

static int ram_piece(void *ctx, gpa_t gpa, hpa_t pa, u64 size, u32 access, enum vm_map_kind kind)
{
	struct ram_range *range = ctx;
	gpa_t end = range->gpa + range->size;
	gpa_t from = MAX(gpa, range->gpa);
	gpa_t to = MIN(gpa + size, end);
	int ret;

	(void)access;
	(void)kind;
	if (from >= to)
		return 0;
	ret = range->fn(range->ctx, hpa_to_ptr(pa + (from - gpa)), from - range->gpa, to - from);
	if (ret)
		return ret;
	/* Runs come in ascending guest addresses: the rest of the region is past the range. */
	range->complete = to == end;
	return range->complete ? 1 : 0;
}

int vm_layout_ram(const struct vmconf_vm *d, gpa_t gpa, u64 size, vm_ram_fn fn, void *ctx)
{
	struct ram_range range = {.gpa = gpa, .size = size, .fn = fn, .ctx = ctx};

	for (u32 i = 0; i < d->nr_regions; i++) {
		const struct vmconf_region *r = &d->regions[i];
		int ret;

		if (!size || gpa < r->guest_base || size > r->size ||
		    gpa - r->guest_base > r->size - size)
			continue;
		ret = walk_region(r, (gpa - r->guest_base) / BOARD_PAGE_SIZE * BOARD_PAGE_SIZE,
				  ram_piece, &range);
		if (range.complete)
			return 0;
		return ret ? ret : -EINVAL;
	}
	return -EINVAL;
}

struct copy_source {
	const u8 *bytes;
};

static int copy_piece(void *ctx, u8 *host, u64 offset, u64 size)
{
	const struct copy_source *src = ctx;

	memcpy(host, src->bytes + offset, (size_t)size);
	return 0;
}

int vm_layout_copy_in(const struct vmconf_vm *d, gpa_t gpa, const void *src, u64 size)
{
	struct copy_source source = {src};

	return vm_layout_ram(d, gpa, size, copy_piece, &source);
}

/* The first piece of a range, and whether it is the whole range. */
struct first_piece {
	u8 *host;
	u64 size;
};

static int take_first_piece(void *ctx, u8 *host, u64 offset, u64 size)
{
	struct first_piece *first = ctx;

	(void)offset;
	first->host = host;
	first->size = size;
	return 1;
}

void *vm_layout_ram_ptr(const struct vmconf_vm *d, gpa_t gpa, u64 size)
{
	struct first_piece first = {NULL, 0};
	/* An empty buffer must still be the VM's. */
	u64 want = size ? size : 1;
	int ret = vm_layout_ram(d, gpa, want, take_first_piece, &first);

	return (ret == 0 || ret == 1) && first.size == want ? first.host : NULL;
}
