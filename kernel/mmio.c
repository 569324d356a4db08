/* SPDX-License-Identifier: Apache-2.0 */
/* The per-VM registry of emulated MMIO windows, filled at boot. */
#include <bulwark/errno.h>
#include <bulwark/mmio.h>
#include <generated/board.h>

/*
 * One table for every VM, each VM's share sized by the layout tool from what
 * its device models ask for (tools/vmconf/vmconflib/vdev.py): the first
 * window of each VM and how many it has room for.
 */
static const u16 first_window[VMCONF_NR_VMS] = VMCONF_MMIO_FIRST_WINDOW;
static const u16 windows_of_vm[VMCONF_NR_VMS] = VMCONF_MMIO_WINDOWS_OF_VM;
static struct mmio_window windows[VMCONF_NR_MMIO_WINDOWS];
static unsigned int nr_windows[VMCONF_NR_VMS];
/* Each VM's window found last: the next access most likely hits it again (one device at a time). */
static const struct mmio_window *volatile last_found[VMCONF_NR_VMS];

unsigned int mmio_capacity(unsigned int vm_id)
{
	return vm_id < VMCONF_NR_VMS ? windows_of_vm[vm_id] : 0;
}

int mmio_register(unsigned int vm_id, const struct mmio_window *w)
{
	if (vm_id >= VMCONF_NR_VMS || nr_windows[vm_id] >= windows_of_vm[vm_id])
		return -ENOSPC;
	windows[first_window[vm_id] + nr_windows[vm_id]++] = *w;
	return 0;
}

const struct mmio_window *mmio_find(unsigned int vm_id, u64 addr)
{
	const struct mmio_window *mine;
	const struct mmio_window *last;

	if (vm_id >= VMCONF_NR_VMS)
		return NULL;
	last = last_found[vm_id];
	if (last && addr >= last->base && addr - last->base < last->size)
		return last;
	/* Another device than last time: its VM's few windows (what its models registered). */
	mine = &windows[first_window[vm_id]];
	for (unsigned int i = 0; i < nr_windows[vm_id]; i++) {
		const struct mmio_window *w = &mine[i];

		if (addr >= w->base && addr - w->base < w->size) {
			last_found[vm_id] = w;
			return w;
		}
	}
	return NULL;
}
