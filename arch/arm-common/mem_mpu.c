/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The Armv8-R memory back end (mem.h) of both execution states: the EL2
 * MPU. Regions 0-3 are the hypervisor's own (text and read-only data,
 * data and stacks, the console, the GIC), reachable from EL2 only; the
 * regions after them are the running VM's, which with HCR(_EL2).VM set
 * are its stage-2 protection. Guests run with guest-physical equal to
 * physical addresses, and their own EL1 MPU is theirs. EL2 reaches
 * everything else through the background region ((H)SCTLR.BR), which
 * never applies to a guest. Each execution state gives only its register
 * accessors and its region layout (asm/mpu_sysregs.h).
 */
#include <bulwark/addr.h>
#include <bulwark/arch.h>
#include <bulwark/errno.h>
#include <bulwark/mem.h>
#include <bulwark/printk.h>
#include <bulwark/vm.h>
#include <bulwark/vmconf.h>
#include <asm/mpu_region.h>
#include <asm/mpu_sysregs.h>
#include <generated/board.h>

/* The hypervisor's regions, programmed at boot on every CPU (only the console's ever changes). */
#define HYP_REGIONS	   4u
#define HYP_REGION_CONSOLE 2u

/* The regions a VM may use (arch/Kconfig; the layout checker counts the same). */
#define VM_REGIONS CONFIG_MPU_VM_REGIONS

/* What the linker script lays out (bulwark/linker_common.ld.S). */
extern char __image_start[], __data_start[], __image_end[];

static struct mpu_region vm_regions[VMCONF_NR_VMS][VM_REGIONS];
static unsigned int vm_nr_regions[VMCONF_NR_VMS];
/*
 * A VM given the console UART (console = passthrough) reaches it through
 * the hypervisor's own console region, opened to EL1 while that VM's vCPU
 * runs: a region of its own over the same range would overlap it, and
 * overlapping regions fault for everyone.
 */
static bool vm_owns_console[VMCONF_NR_VMS];
/* Which VM's regions each CPU holds, as VM id + 1 (0: none yet): reprogrammed only on a change. */
static unsigned int cpu_loaded_vm[CONFIG_NR_CPUS];

static int console_region(enum mpu_region_owner owner, struct mpu_region *r)
{
	return mpu_region_encode(MPU_FORMAT, BOARD_CONSOLE_BASE, BOARD_CONSOLE_SIZE,
				 VMCONF_ACCESS_READ | VMCONF_ACCESS_WRITE, MPU_REGION_DEVICE, owner,
				 r);
}

/*
 * Called by boot.S on every CPU with a stack and nothing else: the
 * hypervisor's four regions, the attributes, and the MPU on with the
 * background region and the caches. A region that cannot be encoded is
 * left disabled; mem_cpu_init() reports it once the console works.
 */
void arm_mpu_enable(void)
{
	static const struct mpu_region disabled;
	struct mpu_region r;
	unsigned int n = mpu_hw_regions();
	hpa_t data = ptr_to_hpa(__data_start);

	for (unsigned int i = 0; i < n; i++)
		mpu_write_region(i, &disabled);
	if (n >= HYP_REGIONS) {
		if (!mpu_region_encode(MPU_FORMAT, ptr_to_hpa(__image_start),
				       data - ptr_to_hpa(__image_start),
				       VMCONF_ACCESS_READ | VMCONF_ACCESS_EXEC, MPU_REGION_NORMAL,
				       MPU_REGION_HYP, &r))
			mpu_write_region(0, &r);
		if (!mpu_region_encode(MPU_FORMAT, data, ptr_to_hpa(__image_end) - data,
				       VMCONF_ACCESS_READ | VMCONF_ACCESS_WRITE, MPU_REGION_NORMAL,
				       MPU_REGION_HYP, &r))
			mpu_write_region(1, &r);
		if (!console_region(MPU_REGION_HYP, &r))
			mpu_write_region(HYP_REGION_CONSOLE, &r);
#if defined(BOARD_DEV_GICD_BASE) && defined(BOARD_DEV_GICR_BASE)
		/* One region from the distributor to the end of the redistributors. */
		if (!mpu_region_encode(MPU_FORMAT, BOARD_DEV_GICD_BASE,
				       BOARD_DEV_GICR_BASE + BOARD_DEV_GICR_SIZE -
					   BOARD_DEV_GICD_BASE,
				       VMCONF_ACCESS_READ | VMCONF_ACCESS_WRITE, MPU_REGION_DEVICE,
				       MPU_REGION_HYP, &r))
			mpu_write_region(3, &r);
#endif
	}
	mpu_turn_on();
}

int mem_cpu_init(unsigned int cpu)
{
	unsigned int n = mpu_hw_regions();

#ifdef BOARD_MPU_REGIONS
	if (n < BOARD_MPU_REGIONS) {
		pr_err("CPU %u reports %u EL2 MPU regions (" MPU_IR_NAME "), fewer than board.hw's "
		       "mpu_regions = %d",
		       cpu, n, BOARD_MPU_REGIONS);
		return -ENODEV;
	}
#endif
	if (n < HYP_REGIONS + VM_REGIONS) {
		pr_err("CPU %u has %u EL2 MPU regions (" MPU_IR_NAME
		       "), but the hypervisor takes %u and "
		       "CONFIG_MPU_VM_REGIONS is %d: lower CONFIG_MPU_VM_REGIONS to %u",
		       cpu, n, HYP_REGIONS, VM_REGIONS, n > HYP_REGIONS ? n - HYP_REGIONS : 0);
		return -ENODEV;
	}
	if (!mpu_is_on()) {
		pr_err("CPU %u: the EL2 MPU is off", cpu);
		return -ENODEV;
	}
	mpu_guest_setup();
	if (cpu == 0)
		pr_info(
		    "EL2 MPU: %u regions, %u for the hypervisor, up to %d for the VM of each CPU",
		    n, HYP_REGIONS, VM_REGIONS);
	return 0;
}

int mem_vm_create(struct vm *vm)
{
	vm_nr_regions[vm->id] = 0;
	vm_owns_console[vm->id] = false;
	pr_debug("vm '%s': EL2 MPU regions %u-%u", vm->desc->name, HYP_REGIONS,
		 HYP_REGIONS + VM_REGIONS - 1);
	return 0;
}

int mem_vm_map(struct vm *vm, gpa_t gpa, hpa_t pa, u64 size, u32 access, enum vm_map_kind kind)
{
	unsigned int *nr = &vm_nr_regions[vm->id];
	struct mpu_region r;
	int err;

	if (gpa != pa) {
		pr_err("vm '%s': guest-physical 0x%llx is not physical 0x%llx: the MPU does not "
		       "translate",
		       vm->desc->name, (unsigned long long)gpa, (unsigned long long)pa);
		return -EINVAL;
	}
	if ((pa % BOARD_MPU_GRANULE) || (size % BOARD_MPU_GRANULE)) {
		pr_err("vm '%s': [0x%llx, +0x%llx) is not aligned to the %llu-byte MPU granule",
		       vm->desc->name, (unsigned long long)pa, (unsigned long long)size,
		       (unsigned long long)BOARD_MPU_GRANULE);
		return -EINVAL;
	}
	if (kind == VM_MAP_DEVICE && pa == BOARD_CONSOLE_BASE && size == BOARD_CONSOLE_SIZE) {
		vm_owns_console[vm->id] = true;
		return 0;
	}
	err = mpu_region_encode(MPU_FORMAT, pa, size, vm_map_rights(access, kind),
				kind == VM_MAP_DEVICE ? MPU_REGION_DEVICE : MPU_REGION_NORMAL,
				MPU_REGION_GUEST, &r);
	if (err) {
		pr_err("vm '%s': [0x%llx, +0x%llx) cannot be an EL2 MPU region", vm->desc->name,
		       (unsigned long long)pa, (unsigned long long)size);
		return err;
	}
	if (*nr >= VM_REGIONS) {
		pr_err("vm '%s': needs more than %d EL2 MPU regions: raise CONFIG_MPU_VM_REGIONS",
		       vm->desc->name, VM_REGIONS);
		return -ENOMEM;
	}
	vm_regions[vm->id][(*nr)++] = r;
	return 0;
}

void mem_vcpu_load(struct vcpu *v)
{
	static const struct mpu_region disabled;
	unsigned int cpu = arch_cpu_id();
	unsigned int id = v->vm->id;

	/* No scheduler: a CPU keeps its VM, and a reboot keeps its regions. */
	if (cpu_loaded_vm[cpu] != id + 1) {
		struct mpu_region console;

		if (!console_region(vm_owns_console[id] ? MPU_REGION_GUEST : MPU_REGION_HYP,
				    &console))
			mpu_write_region(HYP_REGION_CONSOLE, &console);
		for (unsigned int i = 0; i < VM_REGIONS; i++)
			mpu_write_region(HYP_REGIONS + i,
					 i < vm_nr_regions[id] ? &vm_regions[id][i] : &disabled);
		cpu_loaded_vm[cpu] = id + 1;
	}
	/* What the guest cached before (an earlier boot) is stale. */
	mpu_icache_invalidate();
	isb();
}

void mem_flush_guest(unsigned int cpu, bool instruction_cache)
{
	(void)cpu;
	/* A PMSA guest caches no translations; only its instruction cache may be stale. */
	if (instruction_cache)
		mpu_icache_invalidate();
	isb();
}
