/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Emulated MMIO: guest accesses that fault in stage 2 and fall inside a
 * registered window are handed to its model (virtual interrupt
 * controller, virtual UART, GPIO doorbells: include/bulwark/vdev.h).
 * Everything else is a containment fault.
 */
#ifndef BULWARK_MMIO_H
#define BULWARK_MMIO_H

#include <bulwark/types.h>

struct vcpu;

/* One decoded guest access: width in bytes (1, 2, 4, 8). */
struct mmio_access {
	u64 addr;   /* guest-physical */
	u64 offset; /* from the window's base */
	unsigned int width;
	bool is_write;
	u64 value; /* written value, or where a read puts its result */
};

/* What a model answers. */
enum mmio_result {
	MMIO_OK = 0,
	MMIO_DENIED,	 /* the guest touched something it does not own: contain it */
	MMIO_BAD_ACCESS, /* width or alignment the device does not support */
};

struct mmio_window {
	const char *name;
	u64 base;
	u64 size;
	enum mmio_result (*access)(struct vcpu *v, struct mmio_access *a, void *ctx);
	void *ctx;
};

/*
 * Registers a window for one VM, at boot. Returns 0, or -ENOSPC past the
 * VM's share of the table (the layout tool's count of what its models need).
 */
int mmio_register(unsigned int vm_id, const struct mmio_window *w);

/* How many windows VM vm_id has room for (the layout tool's count). */
unsigned int mmio_capacity(unsigned int vm_id);

/* The window of VM vm_id that holds addr, or NULL. */
const struct mmio_window *mmio_find(unsigned int vm_id, u64 addr);

#endif /* BULWARK_MMIO_H */
