/* SPDX-License-Identifier: Apache-2.0 */
/* The AArch64 memory back end (mem.h): stage-2 tables and VMIDs, and VTCR_EL2/VTTBR_EL2. */
#include <bulwark/addr.h>
#include <bulwark/errno.h>
#include <bulwark/mem.h>
#include <bulwark/printk.h>
#include <bulwark/vm.h>
#include <asm/stage2.h>
#include <asm/sysreg.h>
#include <generated/board.h>

/* Pages per VM for its stage-2 tables; the root takes up to 16 of them. */
#ifdef CONFIG_ARM64_STAGE2_POOL_PAGES
#define POOL_PAGES CONFIG_ARM64_STAGE2_POOL_PAGES
#else
#define POOL_PAGES 32
#endif

/* 8-bit VMIDs exist on every Armv8-A CPU. */
#define VMID_MASK 0xffULL

/* Outside what moves to the hypervisor's cache colors (linker_common.ld.S). */
static u8 stage2_pools[VMCONF_NR_VMS][POOL_PAGES][STAGE2_PAGE_SIZE] __aligned(
    STAGE2_MAX_ROOT_PAGES *STAGE2_PAGE_SIZE) __attribute__((section(".vmtables")));
static struct stage2 stage2s[VMCONF_NR_VMS];
static u64 vttbrs[VMCONF_NR_VMS];

/* ID_AA64MMFR0_EL1.PARange of the CPU with the fewest physical address bits. */
static unsigned int pa_range = MMFR0_PARANGE_MASK;

int mem_cpu_init(unsigned int cpu)
{
	unsigned int range = (unsigned int)(read_sysreg(id_aa64mmfr0_el1) & MMFR0_PARANGE_MASK);

	if (stage2_pa_bits(range) < STAGE2_MIN_IPA_BITS) {
		pr_err("CPU %u: reserved physical address size (PARange %u)", cpu, range);
		return -ENODEV;
	}
	/* Every VM's tables must suit every CPU: keep the smallest size seen. */
	if (range < pa_range)
		pa_range = range;
	return 0;
}

/* Guest-physical addresses as wide as physical ones, up to what we build tables for. */
static unsigned int ipa_bits(void)
{
	unsigned int bits = stage2_pa_bits(pa_range);

	return bits > STAGE2_MAX_IPA_BITS ? STAGE2_MAX_IPA_BITS : bits;
}

int mem_vm_create(struct vm *vm)
{
	struct stage2 *s2 = &stage2s[vm->id];
	u64 vmid = (vm->id + 1ULL) & VMID_MASK;
	int err = stage2_init(s2, stage2_pools[vm->id], POOL_PAGES, ipa_bits());

	if (err)
		return err;
	vttbrs[vm->id] = (vmid << VTTBR_VMID_SHIFT) | ptr_to_hpa(s2->root);
	pr_debug("vm '%s': stage 2 in a %u-bit guest-physical space, VMID %llu", vm->desc->name,
		 s2->ipa_bits, (unsigned long long)vmid);
	return 0;
}

int mem_vm_map(struct vm *vm, gpa_t gpa, hpa_t pa, u64 size, u32 access, enum vm_map_kind kind)
{
	int err = stage2_map(&stage2s[vm->id], gpa, pa, size, vm_map_rights(access, kind),
			     kind == VM_MAP_DEVICE ? STAGE2_DEVICE : STAGE2_NORMAL);

	if (err == -ENOMEM)
		pr_err("vm '%s': its stage-2 tables need more than %u pages: raise "
		       "CONFIG_ARM64_STAGE2_POOL_PAGES",
		       vm->desc->name, POOL_PAGES);
	return err;
}

int mem_vm_walk(struct vm *vm, pgtable_leaf_fn fn, void *ctx)
{
	return pgtable_walk(&stage2s[vm->id].pt, fn, ctx);
}

void mem_vcpu_load(struct vcpu *v)
{
	write_sysreg(vtcr_el2, stage2_vtcr(ipa_bits(), pa_range));
	write_sysreg(vttbr_el2, vttbrs[v->vm->id]);
	isb();
	/* Whatever this VMID cached before (an earlier boot) is stale. */
	__asm__ __volatile__("tlbi vmalls12e1\n\tdsb nsh\n\tic iallu\n\tdsb nsh\n\tisb" ::
				 : "memory");
}

void mem_flush_guest(unsigned int cpu, bool instruction_cache)
{
	(void)cpu;
	__asm__ __volatile__("dsb ishst\n\ttlbi vmalle1\n\tdsb nsh" ::: "memory");
	if (instruction_cache)
		__asm__ __volatile__("ic iallu\n\tdsb nsh" ::: "memory");
	isb();
}
