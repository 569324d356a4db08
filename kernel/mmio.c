/* SPDX-License-Identifier: Apache-2.0 */
/* The per-VM registry of emulated MMIO windows, filled at boot. */
#include <bulwark/errno.h>
#include <bulwark/mmio.h>
#include <generated/board.h>

/* A VM has its interrupt controller and perhaps a UART model. */
#define MMIO_WINDOWS_PER_VM 4

static struct mmio_window windows[VMCONF_NR_VMS][MMIO_WINDOWS_PER_VM];
static unsigned int nr_windows[VMCONF_NR_VMS];

int mmio_register(unsigned int vm_id, const struct mmio_window *w)
{
	if (vm_id >= VMCONF_NR_VMS || nr_windows[vm_id] == MMIO_WINDOWS_PER_VM)
		return -ENOSPC;
	windows[vm_id][nr_windows[vm_id]++] = *w;
	return 0;
}

const struct mmio_window *mmio_find(unsigned int vm_id, u64 addr)
{
	if (vm_id >= VMCONF_NR_VMS)
		return NULL;
	for (unsigned int i = 0; i < nr_windows[vm_id]; i++) {
		const struct mmio_window *w = &windows[vm_id][i];

		if (addr >= w->base && addr - w->base < w->size)
			return w;
	}
	return NULL;
}
