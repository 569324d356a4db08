/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Delivering IPC events from one VM to the peers that map the same object.
 * The ringing VM's CPU only sets bits in the peer's incoming words and
 * interrupts one of the peer's CPUs, which delivers them into its own
 * virtual interrupt controller or GPIO doorbells under its own locks: a VM
 * ringing in a loop never waits for, nor holds, a lock its peer needs.
 * (An interrupt model that can deliver a doorbell lock-free, the AIA's
 * MSI into a guest file, does so from the ringing CPU: virq_raise_now.)
 */
#include <bulwark/atomic.h>
#include <bulwark/cpu_event.h>
#include <bulwark/hypercall.h>
#include <bulwark/ipc.h>
#include <bulwark/vdev.h>
#include <bulwark/virq.h>
#include <bulwark/vm.h>

_Static_assert(IPC_MAX_EVENTS <= sizeof(unsigned long) * 8, "an event is a bit of a word");

/* Events rung and not yet delivered, per VM (by id) and per mapping. */
static volatile unsigned long incoming[CONFIG_NR_CPUS][IPC_MAX_MAPS];

/* The peer's own way of hearing event e: a model that carries the mapping, or its doorbell. */
static void deliver(struct vm *peer, u32 ipc, u32 event)
{
	const struct vmconf_shmem_map *map = &peer->desc->shmem_maps[ipc];

	if (event >= map->nr_events)
		return;
	for (unsigned int i = 0; i < vdev_nr_models(); i++) {
		const struct vdev_model *m = vdev_model(i);

		if (m->ipc_event && m->ipc_event(peer, ipc, event))
			return;
	}
	virq_raise(peer, map->doorbells[event]);
}

void ipc_receive(struct vm *vm)
{
	for (u32 m = 0; m < vm->desc->nr_shmem_maps && m < IPC_MAX_MAPS; m++) {
		unsigned long rung;

		if (!incoming[vm->id][m])
			continue;
		rung = arch_atomic_swap_ulong(&incoming[vm->id][m], 0);
		if (vm->state != VM_RUNNING)
			continue; /* it stopped or restarts: what was rung is gone */
		for (u32 event = 0; rung; event++, rung >>= 1)
			if (rung & 1)
				deliver(vm, m, event);
	}
}

/*
 * Delivers event to the peer from here when its interrupt model can without
 * a lock (a plain doorbell: no device model carries the mapping), else
 * leaves it for the peer's own CPU to deliver.
 */
static void ring(struct vm *peer, u32 m, u32 event)
{
	const struct vmconf_shmem_map *map;

	if (m >= IPC_MAX_MAPS || event >= IPC_MAX_EVENTS || peer->id >= CONFIG_NR_CPUS)
		return; /* the layout checker refuses such layouts */
	map = &peer->desc->shmem_maps[m];
	if (!map->gpio_base && event < map->nr_doorbells && event < map->nr_events &&
	    virq_raise_now(peer, map->doorbells[event]))
		return;
	arch_atomic_or_ulong(&incoming[peer->id][m], 1UL << event);
	cpu_event_post(peer->vcpus[0]->cpu, CPU_EVENT_IPC);
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
				ring(peer, m, event);
	}
	return HC_SUCCESS;
}
