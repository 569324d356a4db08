/* SPDX-License-Identifier: Apache-2.0 */
/* Dispatching hypercalls by id. */
#include <bulwark/hypercall.h>
#include <bulwark/printk.h>
#include <bulwark/vm.h>

long hypercall(struct vcpu *v, unsigned long id, unsigned long arg0, unsigned long arg1,
	       unsigned long arg2)
{
	(void)arg0;
	(void)arg1;
	(void)arg2;
	switch (id) {
	case HC_IPC_NOTIFY:
		/* The layout declares no IPC objects this VM could notify. */
		return HC_INVALID_ARG;
	default:
		pr_debug("vm '%s' vCPU %u: unknown hypercall %lu", v->vm->desc->name, v->index, id);
		return HC_INVALID_ID;
	}
}
