/* SPDX-License-Identifier: Apache-2.0 */
/* Turning a VM's layout into the calls that build its stage-2 / G-stage mappings. */
#ifndef BULWARK_VM_MAP_H
#define BULWARK_VM_MAP_H

#include <bulwark/types.h>
#include <bulwark/vmconf.h>

/* What a mapping holds: guest RAM and shared memory, or a device's registers. */
enum vm_map_kind {
	VM_MAP_NORMAL,
	VM_MAP_DEVICE,
};

/*
 * Maps [gpa, gpa + size) of the guest to [pa, pa + size) with the given
 * VMCONF_ACCESS_* rights. Returns 0 or a negative errno.
 */
typedef int (*vm_map_fn)(void *ctx, u64 gpa, u64 pa, u64 size, u32 access, enum vm_map_kind kind);

/*
 * Calls map for every region, device and shared-memory mapping of d, in that
 * order, stopping at the first error, which it returns. A colored region is
 * mapped one page_size page at a time, each from the next host page of one of
 * its colors (nr_colors colors, each color_page bytes, as the layout tool
 * counts them; nr_colors 0 means the board has no coloring). Devices are
 * mapped read-write.
 */
int vm_map_layout(const struct vmconf_vm *d, u64 page_size, u64 color_page, u32 nr_colors,
		  vm_map_fn map, void *ctx);

#endif /* BULWARK_VM_MAP_H */
