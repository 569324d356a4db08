/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Addresses of the two worlds: guest-physical (what a VM's stage 2 or
 * G-stage translates) and host-physical (what the bus sees). They are
 * kept apart by name, and a host-physical address becomes a pointer only
 * here: the hypervisor runs with its address space mapped one to one, so
 * the conversion is the identity, but on a 32-bit arch a physical address
 * may be wider than a pointer and the one helper is where that is decided.
 */
#ifndef BULWARK_ADDR_H
#define BULWARK_ADDR_H

#include <bulwark/types.h>

typedef u64 gpa_t; /* guest-physical address */
typedef u64 hpa_t; /* host-physical address */

/* The hypervisor's pointer to host-physical address pa (memory it may touch). */
static inline void *hpa_to_ptr(hpa_t pa)
{
	return (void *)(uintptr_t)pa;
}

/* A device register at host-physical address pa. */
static inline volatile void *hpa_to_mmio(hpa_t pa)
{
	return (volatile void *)(uintptr_t)pa;
}

/* The host-physical address of the hypervisor's own object at p. */
static inline hpa_t ptr_to_hpa(const volatile void *p)
{
	return (hpa_t)(uintptr_t)p;
}

#endif /* BULWARK_ADDR_H */
