/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The AArch32 memory back end (mem.h): LPAE stage-2 tables (the shared
 * walker with arch/arm-common's format), 8-bit VMIDs, VTCR and VTTBR.
 */
#include <bulwark/addr.h>
#include <bulwark/errno.h>
#include <bulwark/mem.h>
#include <bulwark/pgtable.h>
#include <bulwark/printk.h>
#include <bulwark/vm.h>
#include <asm/cp15.h>
#include <asm/stage2_formats.h>
#include <generated/board.h>

#define POOL_PAGES CONFIG_ARM_STAGE2_POOL_PAGES
#define PAGE_SIZE  4096u

/* A 40-bit guest-physical space from the first level: two concatenated root tables. */
#define IPA_BITS    40u
#define START_LEVEL 0u
#define ROOT_PAGES  2u
#define VMID_MASK   0xffULL

#define VTCR_VALUE                                                                                 \
	(VTCR_RES1 | VTCR_T0SZ_40 | VTCR_SL0_FIRST | VTCR_IRGN0_WBWA | VTCR_ORGN0_WBWA |           \
	 VTCR_SH0_INNER)

static u8 stage2_pools[VMCONF_NR_VMS][POOL_PAGES][PAGE_SIZE] __aligned(ROOT_PAGES *PAGE_SIZE);
static struct pgtable stage2s[VMCONF_NR_VMS];
static u64 vttbrs[VMCONF_NR_VMS];

int mem_cpu_init(unsigned int cpu)
{
	/* arch_cpu_init checked LPAE, which gives 40-bit stage-2 input and output addresses. */
	(void)cpu;
	return 0;
}

int mem_vm_create(struct vm *vm)
{
	struct pgtable *pt = &stage2s[vm->id];
	u64 vmid = (vm->id + 1ULL) & VMID_MASK;
	int err = pgtable_init(pt, &stage2_format_lpae, stage2_pools[vm->id],
			       ptr_to_hpa(stage2_pools[vm->id]), POOL_PAGES, IPA_BITS, START_LEVEL);

	if (err)
		return err;
	vttbrs[vm->id] = (vmid << VTTBR_VMID_SHIFT) | ptr_to_hpa(pt->root);
	pr_debug("vm '%s': LPAE stage 2 in a %u-bit guest-physical space, VMID %llu",
		 vm->desc->name, IPA_BITS, (unsigned long long)vmid);
	return 0;
}

int mem_vm_map(struct vm *vm, gpa_t gpa, hpa_t pa, u64 size, u32 access, enum vm_map_kind kind)
{
	int err = pgtable_map(&stage2s[vm->id], gpa, pa, size, vm_map_rights(access, kind),
			      kind == VM_MAP_DEVICE ? PGTABLE_DEVICE : PGTABLE_NORMAL);

	if (err == -ENOMEM)
		pr_err("vm '%s': its stage-2 tables need more than %u pages: raise "
		       "CONFIG_ARM_STAGE2_POOL_PAGES",
		       vm->desc->name, POOL_PAGES);
	return err;
}

int mem_vm_walk(struct vm *vm, pgtable_leaf_fn fn, void *ctx)
{
	return pgtable_walk(&stage2s[vm->id], fn, ctx);
}

void mem_vcpu_load(struct vcpu *v)
{
	write_cp15(VTCR, VTCR_VALUE);
	write_cp15_64(VTTBR_64, vttbrs[v->vm->id]);
	isb();
	/* Whatever this VMID cached before (an earlier boot) is stale: TLBIALL, ICIALLU. */
	__asm__ __volatile__("mcr p15, 0, %0, c8, c7, 0\n\tdsb nsh\n\t"
			     "mcr p15, 0, %0, c7, c5, 0\n\tdsb nsh\n\tisb"
			     :
			     : "r"(0)
			     : "memory");
}

void mem_flush_guest(unsigned int cpu, bool instruction_cache)
{
	(void)cpu;
	/* TLBIALL in Hyp mode: the current VMID's stage 1 and 2 entries, this CPU. */
	__asm__ __volatile__("dsb ishst\n\tmcr p15, 0, %0, c8, c7, 0\n\tdsb nsh"
			     :
			     : "r"(0)
			     : "memory");
	if (instruction_cache)
		__asm__ __volatile__("mcr p15, 0, %0, c7, c5, 0\n\tdsb nsh" : : "r"(0) : "memory");
	isb();
}
