/* SPDX-License-Identifier: Apache-2.0 */
/*
 * IPC objects: shared memory plus events. A VM rings an event with the
 * hypercall or, from user space, through a GPIO doorbell controller; its
 * peers get it as a doorbell interrupt or as a GPIO line edge.
 */
#ifndef BULWARK_IPC_H
#define BULWARK_IPC_H

#include <bulwark/types.h>

struct vm;

/*
 * Rings event on the caller's IPC object ipc (its index among the VM's
 * shared-memory mappings): every other running VM that maps the object gets
 * it. Returns a HC_* code: HC_INVALID_ARG for an ipc or event it lacks.
 */
long ipc_notify(struct vm *vm, u32 ipc, u32 event);

/*
 * Limits the layout checker enforces: the IPC mappings of one VM, and the
 * events (doorbells) of one IPC object.
 */
#define IPC_MAX_MAPS   16
#define IPC_MAX_EVENTS 32

/*
 * On the receiving VM's CPU (CPU_EVENT_IPC): delivers what peers rang
 * since, into the VM's own doorbells or GPIO lines.
 */
void ipc_receive(struct vm *vm);

#endif /* BULWARK_IPC_H */
