/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The layout walk: a VM's layout as runs (guest address, host-physical
 * address, length, rights, kind), the one place that knows how regions,
 * cache colors, devices and shared memory sit in host memory. Mapping a VM,
 * copying its images in and the reboot copy all go through it.
 */
#ifndef BULWARK_VM_MAP_H
#define BULWARK_VM_MAP_H

#include <bulwark/addr.h>
#include <bulwark/types.h>
#include <bulwark/vmconf.h>

/* What a mapping holds: guest RAM and shared memory, or a device's registers. */
enum vm_map_kind {
	VM_MAP_NORMAL,
	VM_MAP_DEVICE,
};

/*
 * The rights a run is mapped with: its VMCONF_ACCESS_* bits, minus execute
 * for device registers. Every memory back end maps with these.
 */
static inline u32 vm_map_rights(u32 access, enum vm_map_kind kind)
{
	return kind == VM_MAP_DEVICE ? access & ~VMCONF_ACCESS_EXEC : access;
}

/*
 * One run: guest [gpa, gpa + size) is host [pa, pa + size), with the given
 * VMCONF_ACCESS_* rights. Returns 0 to go on, a negative errno to stop the
 * walk with that error, or a positive value to stop it early (the walk
 * returns that value).
 */
typedef int (*vm_map_fn)(void *ctx, gpa_t gpa, hpa_t pa, u64 size, u32 access,
			 enum vm_map_kind kind);

/*
 * Calls map for every run of d: its regions, its devices (read-write), its
 * shared-memory mappings, in that order, each in layout order and a region
 * in ascending guest addresses. A region is one run; a colored region
 * (color_mask, on a board with BOARD_NR_COLORS colors) is one run per
 * stretch of consecutive host pages of its colors, from phys_base up, with
 * the layout tool's rule and page (tools/vmconf/vmconflib/alloc.py,
 * colored_runs): the page at host address pa has color vm_color_of(pa).
 * A colored shared-memory object is walked the same way. Stops at the first nonzero value map
 * returns and returns it, else 0.
 */
int vm_map_layout(const struct vmconf_vm *d, vm_map_fn map, void *ctx);

/* Calls map for the runs of one region alone, as vm_map_layout() does for each. */
int vm_map_region(const struct vmconf_region *r, vm_map_fn map, void *ctx);

/*
 * The cache color of the page at host address pa: (pa / BOARD_COLOR_SIZE)
 * mod BOARD_NR_COLORS, the numbers tools/vmconf derives from the board's
 * cache (vmconflib/board.py) and writes to generated/board.h; 0 on a board
 * without colors.
 */
u32 vm_color_of(hpa_t pa);

/*
 * One host-contiguous piece of a range of guest RAM: host points at it,
 * offset is its distance from the start of the range. Returns as vm_map_fn.
 */
typedef int (*vm_ram_fn)(void *ctx, u8 *host, u64 offset, u64 size);

/*
 * Calls fn for each host-contiguous piece of guest RAM [gpa, gpa + size),
 * which must lie in one of d's regions, in ascending guest addresses (one
 * piece unless the region is colored). Returns 0 when every byte was
 * handed out, -EINVAL (calling fn for nothing) when the range is not in
 * one region or is empty, or the first nonzero value fn returned.
 */
int vm_layout_ram(const struct vmconf_vm *d, gpa_t gpa, u64 size, vm_ram_fn fn, void *ctx);

/*
 * Copies size bytes from src to guest RAM at gpa, which must lie in one
 * region (colored or not). Returns 0 or -EINVAL.
 */
int vm_layout_copy_in(const struct vmconf_vm *d, gpa_t gpa, const void *src, u64 size);

/*
 * The hypervisor's pointer to guest RAM [gpa, gpa + size) when it is one
 * host-contiguous piece of one region, else NULL: for a small buffer a
 * guest names (an SBI console buffer, a shared-memory word). In a colored
 * region that is so only within one stretch of consecutive pages of its
 * colors; code that handles larger ranges uses vm_layout_ram.
 */
void *vm_layout_ram_ptr(const struct vmconf_vm *d, gpa_t gpa, u64 size);

#endif /* BULWARK_VM_MAP_H */
