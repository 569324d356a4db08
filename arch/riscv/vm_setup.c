/* SPDX-License-Identifier: Apache-2.0 */
/* A VM's G-stage tables and VMID, built once at boot from its layout. */
#include <bulwark/addr.h>
#include <bulwark/arch.h>
#include <bulwark/errno.h>
#include <bulwark/printk.h>
#include <bulwark/vm_map.h>
#include <asm/csr.h>
#include <asm/gstage.h>
#include <asm/virt.h>
#include <generated/board.h>

#define POOL_PAGES CONFIG_RISCV_GSTAGE_POOL_PAGES

static u8 gstage_pools[VMCONF_NR_VMS][POOL_PAGES][GSTAGE_PAGE_SIZE] __aligned(4 * GSTAGE_PAGE_SIZE);
static struct gstage gstages[VMCONF_NR_VMS];

static unsigned int access_to_perms(u32 access)
{
	return ((access & VMCONF_ACCESS_READ) ? GSTAGE_R : 0) |
	       ((access & VMCONF_ACCESS_WRITE) ? GSTAGE_W : 0) |
	       ((access & VMCONF_ACCESS_EXEC) ? GSTAGE_X : 0);
}

static int map_one(void *ctx, u64 gpa, u64 pa, u64 size, u32 access, enum vm_map_kind kind)
{
	/* G-stage PTEs carry no memory type: PMAs decide what is a device. */
	(void)kind;
	return gstage_map(ctx, gpa, pa, size, access_to_perms(access));
}

/* Width of the VMID field this hart implements. */
static unsigned long vmid_mask(void)
{
	unsigned long mask;

	csr_write(CSR_HGATP, HGATP_MODE_SV39X4 | HGATP_VMID_MASK);
	mask = (csr_read(CSR_HGATP) & HGATP_VMID_MASK) >> HGATP_VMID_SHIFT;
	csr_write(CSR_HGATP, 0);
	return mask;
}

int arch_vm_init(struct vm *vm)
{
	struct gstage *gs = &gstages[vm->id];
	unsigned long vmid = (vm->id + 1UL) & vmid_mask();
	int err = gstage_init(gs, gstage_pools[vm->id], POOL_PAGES);

	if (!err)
		err = vm_map_layout(vm->desc, GSTAGE_PAGE_SIZE, BOARD_PAGE_SIZE, BOARD_NR_COLORS,
				    map_one, gs);
	if (err == -ENOMEM)
		pr_err("vm '%s': its G-stage tables need more than %u pages: raise "
		       "CONFIG_RISCV_GSTAGE_POOL_PAGES",
		       vm->desc->name, POOL_PAGES);
	if (err)
		return err;
	vm->arch.root = gs->root;
	vm->arch.hgatp =
	    HGATP_MODE_SV39X4 | (vmid << HGATP_VMID_SHIFT) | (ptr_to_hpa(gs->root) >> 12);
	pr_debug("vm '%s': G-stage %u pages, VMID %lu", vm->desc->name, gs->used, vmid);
	return 0;
}
