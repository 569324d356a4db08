/* SPDX-License-Identifier: Apache-2.0 */
/* Dispatching hypercalls by id. */
#include <bulwark/bench_probe.h>
#include <bulwark/hypercall.h>
#include <bulwark/ipc.h>
#include <bulwark/printk.h>
#include <bulwark/vm.h>

long hypercall(struct vcpu *v, unsigned long id, unsigned long arg0, unsigned long arg1,
	       unsigned long arg2)
{
	(void)arg2;
	switch (id) {
	case HC_BENCH_MARKS:
		if (!IS_ENABLED(CONFIG_BENCH_BREAKDOWN))
			break;
		return bench_marks_hypercall(v, arg0, arg1);
	case HC_IPC_NOTIFY:
		if (arg0 > 0xffffffffUL || arg1 > 0xffffffffUL)
			return HC_INVALID_ARG;
		return ipc_notify(v->vm, (u32)arg0, (u32)arg1);
	default:
		break;
	}
	pr_debug("vm '%s' vCPU %u: unknown hypercall %lu", v->vm->desc->name, v->index, id);
	return HC_INVALID_ID;
}
