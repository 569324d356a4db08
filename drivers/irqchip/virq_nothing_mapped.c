/* SPDX-License-Identifier: Apache-2.0 */
/*
 * virq_vm_map of the controllers the guest reaches only through their
 * trapped window (the vPLIC, the vAPLIC in direct mode): nothing to map.
 */
#include <bulwark/virq.h>

int virq_vm_map(struct vm *vm, vm_map_fn map, void *ctx)
{
	(void)vm;
	(void)map;
	(void)ctx;
	return 0;
}
