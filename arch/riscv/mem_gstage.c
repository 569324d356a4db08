/* SPDX-License-Identifier: Apache-2.0 */
/* The RISC-V memory back end (mem.h): each VM's G-stage tables and VMID, and the hart's hgatp. */
#include <bulwark/addr.h>
#include <bulwark/errno.h>
#include <bulwark/mem.h>
#include <bulwark/printk.h>
#include <bulwark/vm.h>
#include <asm/csr.h>
#include <asm/gstage.h>
#include <generated/board.h>

#define POOL_PAGES CONFIG_RISCV_GSTAGE_POOL_PAGES

/* Outside what moves to the hypervisor's cache colors (linker_common.ld.S). */
static u8 gstage_pools[VMCONF_NR_VMS][POOL_PAGES][GSTAGE_PAGE_SIZE] __aligned(4 * GSTAGE_PAGE_SIZE)
    __attribute__((section(".vmtables")));
static struct gstage gstages[VMCONF_NR_VMS];
static unsigned long hgatps[VMCONF_NR_VMS];

/* VMID bits every hart implements (hgatp.VMID is WARL: write ones, read what stuck). */
static unsigned long vmid_mask = HGATP_VMID_MASK >> HGATP_VMID_SHIFT;

int mem_cpu_init(unsigned int cpu)
{
	unsigned long mask;

	(void)cpu;
	csr_write(CSR_HGATP, HGATP_MODE | HGATP_VMID_MASK);
	mask = (csr_read(CSR_HGATP) & HGATP_VMID_MASK) >> HGATP_VMID_SHIFT;
	/* Bare: no guest translation until a vCPU loads its VM's tables. */
	csr_write(CSR_HGATP, 0);
	vmid_mask &= mask;
	return 0;
}

int mem_vm_create(struct vm *vm)
{
	struct gstage *gs = &gstages[vm->id];
	unsigned long vmid = (vm->id + 1UL) & vmid_mask;
	int err = gstage_init(gs, gstage_pools[vm->id], POOL_PAGES);

	if (err)
		return err;
	hgatps[vm->id] =
	    HGATP_MODE | (vmid << HGATP_VMID_SHIFT) | (unsigned long)(ptr_to_hpa(gs->root) >> 12);
	pr_debug("vm '%s': G-stage %s, VMID %lu", vm->desc->name, gs->pt.fmt->name, vmid);
	return 0;
}

int mem_vm_map(struct vm *vm, gpa_t gpa, hpa_t pa, u64 size, u32 access, enum vm_map_kind kind)
{
	/* G-stage PTEs carry no memory type: PMAs decide what is a device. */
	int err = gstage_map(&gstages[vm->id], gpa, pa, size, vm_map_rights(access, kind));

	if (err == -ENOMEM)
		pr_err("vm '%s': its G-stage tables need more than %u pages: raise "
		       "CONFIG_RISCV_GSTAGE_POOL_PAGES",
		       vm->desc->name, POOL_PAGES);
	return err;
}

int mem_vm_walk(struct vm *vm, pgtable_leaf_fn fn, void *ctx)
{
	return pgtable_walk(&gstages[vm->id].pt, fn, ctx);
}

void mem_vcpu_load(struct vcpu *v)
{
	csr_write(CSR_HGATP, hgatps[v->vm->id]);
	/* Whatever this VMID cached before (an earlier boot) is stale. */
	hfence_gvma_all();
	hfence_vvma_all();
}

void mem_flush_guest(unsigned int cpu, bool instruction_cache)
{
	(void)cpu;
	hfence_vvma_all();
	if (instruction_cache)
		__asm__ __volatile__("fence.i" ::: "memory");
}
