/* SPDX-License-Identifier: Apache-2.0 */
/* A VM's stage-2 tables and VMID, built once at boot from its layout. */
#include <bulwark/addr.h>
#include <bulwark/arch.h>
#include <bulwark/errno.h>
#include <bulwark/printk.h>
#include <bulwark/vm_map.h>
#include <asm/arm64.h>
#include <asm/stage2.h>
#include <asm/sysreg.h>
#include <asm/virt.h>
#include <generated/board.h>

/* Pages per VM for its stage-2 tables; the root takes up to 16 of them. */
#ifdef CONFIG_ARM64_STAGE2_POOL_PAGES
#define POOL_PAGES CONFIG_ARM64_STAGE2_POOL_PAGES
#else
#define POOL_PAGES 32
#endif

/* 8-bit VMIDs exist on every Armv8-A CPU. */
#define VMID_MASK 0xffULL

/* The guest's GICv2 CPU interface (GICC_DIR included) is the GICV page, mapped through. */
#define GICV2_CPU_IF_SIZE 0x2000ULL

static u8 stage2_pools[VMCONF_NR_VMS][POOL_PAGES][STAGE2_PAGE_SIZE] __aligned(
    STAGE2_MAX_ROOT_PAGES *STAGE2_PAGE_SIZE);
static struct stage2 stage2s[VMCONF_NR_VMS];

/* Guest-physical addresses as wide as physical ones, up to what we build tables for. */
static unsigned int ipa_bits(void)
{
	unsigned int bits = stage2_pa_bits(arm64_pa_range);

	return bits > STAGE2_MAX_IPA_BITS ? STAGE2_MAX_IPA_BITS : bits;
}

u64 arm64_stage2_vtcr(void)
{
	return stage2_vtcr(ipa_bits(), arm64_pa_range);
}

static unsigned int access_to_perms(u32 access)
{
	return ((access & VMCONF_ACCESS_READ) ? STAGE2_R : 0) |
	       ((access & VMCONF_ACCESS_WRITE) ? STAGE2_W : 0) |
	       ((access & VMCONF_ACCESS_EXEC) ? STAGE2_X : 0);
}

static int map_one(void *ctx, u64 gpa, u64 pa, u64 size, u32 access, enum vm_map_kind kind)
{
	return stage2_map(ctx, gpa, pa, size, access_to_perms(access),
			  kind == VM_MAP_DEVICE ? STAGE2_DEVICE : STAGE2_NORMAL);
}

static int map_layout(struct stage2 *s2, const struct vmconf_vm *d)
{
	int err = vm_map_layout(d, STAGE2_PAGE_SIZE, BOARD_PAGE_SIZE, BOARD_NR_COLORS, map_one, s2);

#if defined(BOARD_DEV_GICV_BASE) && defined(BOARD_DEV_GICC_BASE)
	/* GICv2: the guest finds its CPU interface where the physical GICC is. */
	if (IS_ENABLED(CONFIG_IRQCHIP_GICV2) && !err)
		err = stage2_map(s2, BOARD_DEV_GICC_BASE, BOARD_DEV_GICV_BASE, GICV2_CPU_IF_SIZE,
				 STAGE2_R | STAGE2_W, STAGE2_DEVICE);
#endif
	return err;
}

int arch_vm_init(struct vm *vm)
{
	struct stage2 *s2 = &stage2s[vm->id];
	u64 vmid = (vm->id + 1ULL) & VMID_MASK;
	int err = stage2_init(s2, stage2_pools[vm->id], POOL_PAGES, ipa_bits());

	if (!err)
		err = map_layout(s2, vm->desc);
	if (err == -ENOMEM)
		pr_err("vm '%s': its stage-2 tables need more than %u pages: raise "
		       "CONFIG_ARM64_STAGE2_POOL_PAGES",
		       vm->desc->name, POOL_PAGES);
	if (err)
		return err;
	vm->arch.root = s2->root;
	vm->arch.vttbr = (vmid << VTTBR_VMID_SHIFT) | ptr_to_hpa(s2->root);
	pr_debug("vm '%s': stage 2 %u pages (%u-bit guest-physical space), VMID %llu",
		 vm->desc->name, s2->used, s2->ipa_bits, (unsigned long long)vmid);
	return 0;
}
