/* SPDX-License-Identifier: Apache-2.0 */
/* Dispatching hypercalls by id. */
#include <bulwark/hypercall.h>
#include <bulwark/printk.h>
#include <bulwark/virq.h>
#include <bulwark/vm.h>

/*
 * IPC notify: ipc is the caller's index of an IPC object among its shared
 * memory mappings; every other VM that maps the object gets its doorbell
 * interrupt for event.
 */
static long ipc_notify(struct vcpu *v, unsigned long ipc, unsigned long event)
{
	const struct vmconf_vm *d = v->vm->desc;
	const struct vmconf_shmem_map *mine;

	if (ipc >= d->nr_shmem_maps || !d->shmem_maps[ipc].nr_doorbells)
		return HC_INVALID_ARG;
	mine = &d->shmem_maps[ipc];
	if (event >= mine->nr_doorbells)
		return HC_INVALID_ARG;
	for (unsigned int id = 0; id < vm_count(); id++) {
		struct vm *peer = vm_by_id(id);

		if (peer == v->vm || peer->state != VM_RUNNING)
			continue;
		for (u32 m = 0; m < peer->desc->nr_shmem_maps; m++) {
			const struct vmconf_shmem_map *theirs = &peer->desc->shmem_maps[m];

			if (theirs->shmem_id == mine->shmem_id && event < theirs->nr_doorbells)
				virq_raise(peer, theirs->doorbells[event]);
		}
	}
	return HC_SUCCESS;
}

long hypercall(struct vcpu *v, unsigned long id, unsigned long arg0, unsigned long arg1,
	       unsigned long arg2)
{
	(void)arg2;
	switch (id) {
	case HC_IPC_NOTIFY:
		return ipc_notify(v, arg0, arg1);
	default:
		pr_debug("vm '%s' vCPU %u: unknown hypercall %lu", v->vm->desc->name, v->index, id);
		return HC_INVALID_ID;
	}
}
