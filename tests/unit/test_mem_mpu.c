/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Tests of the shared EL2 MPU back end (arch/arm-common/mem_mpu.c) on a
 * fake MPU (tests/unit/mpu_fake): the boot check of the region count,
 * the hypervisor's regions, a VM's regions and what is refused, in the
 * AArch64 layout (Armv8-R AArch64, which no emulator here runs) and the
 * AArch32 one.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <bulwark/errno.h>
#include <bulwark/mem.h>
#include <bulwark/printk.h>
#include <bulwark/vm.h>
#include <asm/mpu_sysregs.h>

#include "test.h"

struct fake_mpu fake_mpu;

/* What the back end printed: every line, and the last at error level. */
static char last_line[256], last_error[256];
static unsigned int lines, errors;
static unsigned int this_cpu;

/* The image as the linker lays it out (tests/unit/Makefile places them): text, then data. */
extern char __image_start[], __data_start[], __image_end[];

void printk(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_line, sizeof(last_line), fmt, ap);
	va_end(ap);
	lines++;
	if (level == LOG_ERR) {
		memcpy(last_error, last_line, sizeof(last_error));
		errors++;
	}
}

unsigned int arch_cpu_id(void)
{
	return this_cpu;
}

static const struct vmconf_vm descs[2] = {{.name = "rt", .id = 0}, {.name = "app", .id = 1}};
static struct vm vms[2];
static struct vcpu vcpus[2];

static void reset(const struct mpu_format *format, unsigned int regions)
{
	memset(&fake_mpu, 0, sizeof(fake_mpu));
	fake_mpu.format = format;
	fake_mpu.regions = regions;
	lines = errors = 0;
	last_error[0] = 0;
	this_cpu = 0;
	for (unsigned int i = 0; i < 2; i++) {
		memset(&vms[i], 0, sizeof(vms[i]));
		vms[i].desc = &descs[i];
		vms[i].id = i;
		vcpus[i].vm = &vms[i];
		EXPECT_EQ_INT(mem_vm_create(&vms[i]), 0);
	}
}

#define RW  (VMCONF_ACCESS_READ | VMCONF_ACCESS_WRITE)
#define RWX (RW | VMCONF_ACCESS_EXEC)

TEST(mem_mpu, fewer_regions_than_the_board_says_stops_boot_with_one_line)
{
	reset(&mpu_format_aarch64, 12);
	arm_mpu_enable();
	EXPECT_EQ_INT(mem_cpu_init(0), -ENODEV);
	EXPECT_EQ_UINT(errors, 1);
	EXPECT_EQ_UINT(lines, 1);
	EXPECT_EQ_STR(last_error, "CPU 0 reports 12 EL2 MPU regions (MPUIR_EL2), fewer than "
				  "board.hw's mpu_regions = 16");
	/* Nothing set up for guests on a CPU that is refused. */
	EXPECT_EQ_UINT(fake_mpu.guest_setups, 0);
}

TEST(mem_mpu, enough_regions_boot_and_guests_get_the_pmsa)
{
	reset(&mpu_format_aarch64, 16);
	arm_mpu_enable();
	EXPECT_TRUE(fake_mpu.on);
	EXPECT_EQ_INT(mem_cpu_init(0), 0);
	EXPECT_EQ_UINT(errors, 0);
	EXPECT_EQ_STR(last_line,
		      "EL2 MPU: 16 regions, 4 for the hypervisor, up to 8 for the VM of each CPU");
	EXPECT_EQ_UINT(fake_mpu.guest_setups, 1);
	/* A second CPU says nothing, and sets its own guests up. */
	EXPECT_EQ_INT(mem_cpu_init(1), 0);
	EXPECT_EQ_UINT(lines, 1);
	EXPECT_EQ_UINT(fake_mpu.guest_setups, 2);
}

TEST(mem_mpu, an_mpu_left_off_stops_boot)
{
	reset(&mpu_format_aarch64, 16);
	EXPECT_EQ_INT(mem_cpu_init(0), -ENODEV);
	EXPECT_EQ_STR(last_error, "CPU 0: the EL2 MPU is off");
}

TEST(mem_mpu, hypervisor_regions_in_the_aarch64_layout)
{
	u64 text = ptr_to_hpa(__image_start), data = ptr_to_hpa(__data_start);

	reset(&mpu_format_aarch64, 16);
	arm_mpu_enable();
	/* Every slot disabled first, then the four of the hypervisor. */
	EXPECT_EQ_UINT(fake_mpu.writes, 16 + 4);
	EXPECT_EQ_UINT(text, 0x20000000u);
	/* Text: EL2 read-only (AP 0b10 << 2), executable, inner shareable (0b11 << 4). */
	EXPECT_EQ_UINT(fake_mpu.slot[0].prbar, text | 0x8u | 0x30u);
	EXPECT_EQ_UINT(mpu_region_limit(&fake_mpu.slot[0]), data - 1);
	EXPECT_EQ_UINT(mpu_region_limit(&fake_mpu.slot[1]), 0x2002ffffu);
	/* Data: EL2 read/write (AP 0b00), XN = 0b10. */
	EXPECT_EQ_UINT(fake_mpu.slot[1].prbar, data | 0x30u | 0x2u);
	/* Console and GIC: Device (AttrIndx 0), XN, EL2 only. */
	EXPECT_EQ_UINT(fake_mpu.slot[2].prbar, 0x9c090000u | 0x2u);
	EXPECT_EQ_UINT(fake_mpu.slot[2].prlar, 0x9c09ffc0u | 0x1u);
	EXPECT_EQ_UINT(fake_mpu.slot[3].prbar, 0xaf000000u | 0x2u);
	EXPECT_EQ_UINT(mpu_region_limit(&fake_mpu.slot[3]), 0xaf17ffffu);
	EXPECT_EQ_UINT(fake_mpu.slot[4].prlar, 0);
}

TEST(mem_mpu, hypervisor_regions_in_the_aarch32_layout)
{
	reset(&mpu_format_aarch32, 16);
	arm_mpu_enable();
	EXPECT_EQ_UINT(fake_mpu.writes, 16 + 4);
	/* The same regions in HPRBAR's fields: SH[4:3], AP[2:1], XN[0]. */
	EXPECT_EQ_UINT(fake_mpu.slot[0].prbar, 0x20000000u | 0x18u | 0x4u);
	EXPECT_EQ_UINT(fake_mpu.slot[1].prbar, 0x20020000u | 0x18u | 0x1u);
	EXPECT_EQ_UINT(fake_mpu.slot[2].prbar, 0x9c090000u | 0x1u);
}

TEST(mem_mpu, a_vm_gets_its_regions_after_the_hypervisors)
{
	reset(&mpu_format_aarch64, 16);
	arm_mpu_enable();
	EXPECT_EQ_INT(mem_vm_map(&vms[0], 0x02000000, 0x02000000, 0x1000000, RWX, VM_MAP_NORMAL),
		      0);
	EXPECT_EQ_INT(mem_vm_map(&vms[0], 0x9c0a0000, 0x9c0a0000, 0x10000, RW, VM_MAP_DEVICE), 0);
	fake_mpu.writes = 0;
	this_cpu = 1;
	mem_vcpu_load(&vcpus[0]);
	/* The console region again (the hypervisor's), then the VM's 8 slots. */
	EXPECT_EQ_UINT(fake_mpu.writes, 1 + 8);
	/* RAM: read/write at every level (AP 0b01 << 2), executable. */
	EXPECT_EQ_UINT(fake_mpu.slot[4].prbar, 0x02000000u | 0x30u | 0x4u);
	EXPECT_EQ_UINT(fake_mpu.slot[4].prlar, 0x02ffffc0u | 0x2u | 0x1u);
	/* The device: never executable even when asked. */
	EXPECT_EQ_UINT(fake_mpu.slot[5].prbar, 0x9c0a0000u | 0x4u | 0x2u);
	EXPECT_EQ_UINT(fake_mpu.slot[6].prlar, 0);
	/* The console stays the hypervisor's: EL2 only. */
	EXPECT_EQ_UINT(fake_mpu.slot[2].prbar, 0x9c090000u | 0x2u);
	/* Its CPU keeps them: a second load (a VM reboot) writes nothing. */
	fake_mpu.writes = 0;
	mem_vcpu_load(&vcpus[0]);
	EXPECT_EQ_UINT(fake_mpu.writes, 0);
}

TEST(mem_mpu, the_console_passed_through_opens_the_hypervisors_region)
{
	reset(&mpu_format_aarch64, 16);
	arm_mpu_enable();
	EXPECT_EQ_INT(mem_vm_map(&vms[1], 0x9c090000, 0x9c090000, 0x10000, RW, VM_MAP_DEVICE), 0);
	mem_vcpu_load(&vcpus[1]);
	/* Region 2 with AP 0b01 (every level) while this VM runs; none of its own. */
	EXPECT_EQ_UINT(fake_mpu.slot[2].prbar, 0x9c090000u | 0x4u | 0x2u);
	EXPECT_EQ_UINT(fake_mpu.slot[4].prlar, 0);
}

TEST(mem_mpu, what_a_vm_cannot_have)
{
	reset(&mpu_format_aarch64, 16);
	/* No translation: guest-physical must be physical. */
	EXPECT_EQ_INT(mem_vm_map(&vms[0], 0x02000000, 0x03000000, 0x1000, RW, VM_MAP_NORMAL),
		      -EINVAL);
	EXPECT_EQ_STR(last_error, "vm 'rt': guest-physical 0x2000000 is not physical 0x3000000: "
				  "the MPU does not translate");
	/* Off the 64-byte granule. */
	EXPECT_EQ_INT(mem_vm_map(&vms[0], 0x02000020, 0x02000020, 0x1000, RW, VM_MAP_NORMAL),
		      -EINVAL);
	EXPECT_EQ_STR(last_error,
		      "vm 'rt': [0x2000020, +0x1000) is not aligned to the 64-byte MPU granule");
	/* One region more than CONFIG_MPU_VM_REGIONS. */
	for (unsigned int i = 0; i < 8; i++)
		EXPECT_EQ_INT(mem_vm_map(&vms[0], 0x02000000 + 0x1000 * i, 0x02000000 + 0x1000 * i,
					 0x1000, RW, VM_MAP_NORMAL),
			      0);
	EXPECT_EQ_INT(mem_vm_map(&vms[0], 0x02100000, 0x02100000, 0x1000, RW, VM_MAP_NORMAL),
		      -ENOMEM);
	EXPECT_EQ_STR(last_error,
		      "vm 'rt': needs more than 8 EL2 MPU regions: raise CONFIG_MPU_VM_REGIONS");
	/* The other VM's budget is its own. */
	EXPECT_EQ_INT(mem_vm_map(&vms[1], 0x04000000, 0x04000000, 0x1000, RW, VM_MAP_NORMAL), 0);
}
