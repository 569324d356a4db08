/* SPDX-License-Identifier: Apache-2.0 */
/* Delivering IPC events from one VM to the peers that map the same object. */
#include <bulwark/hypercall.h>
#include <bulwark/ipc.h>
#include <bulwark/virq.h>
#include <bulwark/vm.h>

/* The peer's own way of hearing event e: its doorbell, or its GPIO line. */
static void deliver(struct vm *peer, u32 ipc, u32 event)
{
	const struct vmconf_shmem_map *map = &peer->desc->shmem_maps[ipc];

	if (event >= map->nr_events)
		return;
	if (IS_ENABLED(CONFIG_IPC_GPIO) && map->gpio_base)
		ipc_gpio_event(peer, ipc, event);
	else
		virq_raise(peer, map->doorbells[event]);
}

long ipc_notify(struct vm *vm, u32 ipc, u32 event)
{
	const struct vmconf_vm *d = vm->desc;
	const struct vmconf_shmem_map *mine;

	if (ipc >= d->nr_shmem_maps || !d->shmem_maps[ipc].nr_doorbells)
		return HC_INVALID_ARG;
	mine = &d->shmem_maps[ipc];
	if (event >= mine->nr_events)
		return HC_INVALID_ARG;
	for (unsigned int id = 0; id < vm_count(); id++) {
		struct vm *peer = vm_by_id(id);

		if (peer == vm || peer->state != VM_RUNNING)
			continue;
		for (u32 m = 0; m < peer->desc->nr_shmem_maps; m++)
			if (peer->desc->shmem_maps[m].shmem_id == mine->shmem_id)
				deliver(peer, m, event);
	}
	return HC_SUCCESS;
}
