/* SPDX-License-Identifier: Apache-2.0 */
/* Debug dump of a VM's second-stage mappings as its tables hold them (CONFIG_DEBUG_MEM_DUMP). */
#include <bulwark/mem.h>
#include <bulwark/printk.h>
#include <bulwark/vm.h>

/* A stretch of leaves consecutive in guest and host addresses, with one set of rights and type. */
struct dump_run {
	const struct vm *vm;
	u64 ia, pa, size;
	unsigned int perms;
	enum pgtable_memtype type;
};

static void dump_print(const struct dump_run *r)
{
	if (!r->size)
		return;
	pr_info("mem-dump vm '%s': 0x%llx 0x%llx 0x%llx %c%c%c %s", r->vm->desc->name,
		(unsigned long long)r->ia, (unsigned long long)r->pa, (unsigned long long)r->size,
		r->perms & PGTABLE_R ? 'r' : '-', r->perms & PGTABLE_W ? 'w' : '-',
		r->perms & PGTABLE_X ? 'x' : '-', r->type == PGTABLE_DEVICE ? "device" : "normal");
}

static int dump_leaf(void *ctx, u64 ia, u64 pa, u64 size, unsigned int perms,
		     enum pgtable_memtype type)
{
	struct dump_run *r = ctx;

	if (r->size && r->ia + r->size == ia && r->pa + r->size == pa && r->perms == perms &&
	    r->type == type) {
		r->size += size;
		return 0;
	}
	dump_print(r);
	r->ia = ia;
	r->pa = pa;
	r->size = size;
	r->perms = perms;
	r->type = type;
	return 0;
}

void mem_dump_vm(struct vm *vm)
{
	struct dump_run run = {.vm = vm};

	mem_vm_walk(vm, dump_leaf, &run);
	dump_print(&run);
	pr_info("mem-dump vm '%s': end", vm->desc->name);
}
