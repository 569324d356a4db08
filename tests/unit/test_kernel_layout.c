/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host tests of the layout walk (kernel/vm_map.c) over the fake arch's
 * three-VM layout: the runs each VM's memory is built from, what the boot
 * asked the memory back end to map, and an initrd loaded into a colored
 * region across a gap in its colors, at boot and at reboot.
 */
#include <stdint.h>
#include <string.h>

#include <bulwark/vm.h>
#include <bulwark/vm_map.h>

#include "fake_arch.h"
#include "test.h"

#define PAGE 0x1000ULL
#define RW   (VMCONF_ACCESS_READ | VMCONF_ACCESS_WRITE)
#define RWX  (RW | VMCONF_ACCESS_EXEC)

struct run {
	gpa_t gpa;
	hpa_t pa;
	u64 size;
	u32 access;
	enum vm_map_kind kind;
};

struct runs {
	struct run run[16];
	unsigned int nr;
};

static int record(void *ctx, gpa_t gpa, hpa_t pa, u64 size, u32 access, enum vm_map_kind kind)
{
	struct runs *r = ctx;

	if (r->nr == 16)
		return -1;
	r->run[r->nr++] = (struct run){gpa, pa, size, access, kind};
	return 0;
}

static struct runs walk(unsigned int id)
{
	struct runs r = {.nr = 0};

	EXPECT_EQ_INT(vm_map_layout(&vmconf_vms[id], record, &r), 0);
	return r;
}

static void expect_run(const struct runs *r, unsigned int i, gpa_t gpa, const void *host, u64 size,
		       u32 access, enum vm_map_kind kind)
{
	EXPECT_TRUE(i < r->nr);
	EXPECT_EQ_UINT(r->run[i].gpa, gpa);
	EXPECT_EQ_UINT(r->run[i].pa, (uintptr_t)host);
	EXPECT_EQ_UINT(r->run[i].size, size);
	EXPECT_EQ_UINT(r->run[i].access, access);
	EXPECT_EQ_INT(r->run[i].kind, kind);
}

static const void *shmem(unsigned int id)
{
	return (const void *)(uintptr_t)vmconf_shmems[id].phys_base;
}

TEST(layout_walk, plain_ram_and_shared_memory)
{
	struct runs r = walk(0);

	EXPECT_EQ_UINT(r.nr, 3);
	expect_run(&r, 0, FAKE_RAM_GPA, fake_vm_ram(0), 0x4000, RWX, VM_MAP_NORMAL);
	expect_run(&r, 1, 0x90000000, shmem(0), PAGE, RW, VM_MAP_NORMAL);
	expect_run(&r, 2, 0x91000000, shmem(1), PAGE, RW, VM_MAP_NORMAL);
}

TEST(layout_walk, devices_are_read_write_device_memory_after_ram)
{
	struct runs r = walk(1);

	EXPECT_EQ_UINT(r.nr, 3);
	expect_run(&r, 0, FAKE_RAM_GPA, fake_vm_ram(1), 0x4000, RWX, VM_MAP_NORMAL);
	expect_run(&r, 1, 0x10001000, (const void *)0x10001000, PAGE, RW, VM_MAP_DEVICE);
	expect_run(&r, 2, 0x90000000, shmem(0), PAGE, RW, VM_MAP_NORMAL);
}

TEST(layout_walk, a_colored_region_is_its_colors_stretches)
{
	struct runs r = walk(2);
	const u8 *colored = fake_colored_ram();

	EXPECT_EQ_UINT(r.nr, 5);
	expect_run(&r, 0, FAKE_RAM_GPA, fake_vm_ram(2), 0x4000, RWX, VM_MAP_NORMAL);
	/* Colors 1 and 2 of 4: host pages 1-2, then 5-6. */
	expect_run(&r, 1, FAKE_COLORED_GPA, colored + PAGE, 2 * PAGE, RW, VM_MAP_NORMAL);
	expect_run(&r, 2, FAKE_COLORED_GPA + 2 * PAGE, colored + 5 * PAGE, 2 * PAGE, RW,
		   VM_MAP_NORMAL);
	expect_run(&r, 3, 0x90000000, shmem(2), PAGE, RW, VM_MAP_NORMAL);
	expect_run(&r, 4, 0x91000000, shmem(1), PAGE, VMCONF_ACCESS_READ, VM_MAP_NORMAL);
}

TEST(layout_walk, boot_maps_every_run_of_every_vm)
{
	fake_boot();
	EXPECT_EQ_UINT(vm_by_id(0)->arch.map_runs, 3);
	EXPECT_EQ_UINT(vm_by_id(1)->arch.map_runs, 3);
	EXPECT_EQ_UINT(vm_by_id(2)->arch.map_runs, 5);
}

/* The initrd sits in the colored region across its gap: host pages 1-2, then 5. */
static bool initrd_loaded(void)
{
	const u8 *colored = fake_colored_ram();
	const u64 first = 2 * PAGE - 0x800;

	return memcmp(colored + PAGE + 0x800, fake_initrd(), first) == 0 &&
	       memcmp(colored + 5 * PAGE, fake_initrd() + first, FAKE_INITRD_SIZE - first) == 0;
}

static void reboot(void *vm)
{
	vm_reboot(vm);
}

TEST(layout_walk, initrd_in_a_colored_region_loads_at_boot_and_reboot)
{
	u8 *colored = fake_colored_ram();

	EXPECT_TRUE(initrd_loaded());
	/* The pages of other colors are not the region's: nothing was written there. */
	for (u64 i = 0; i < PAGE; i++)
		EXPECT_EQ_UINT(colored[3 * PAGE + i] | colored[4 * PAGE + i], 0);

	memset(colored + PAGE, 0xee, 2 * PAGE);
	memset(colored + 5 * PAGE, 0xee, 2 * PAGE);
	EXPECT_EQ_INT(fake_run(2, reboot, vm_by_id(2)), FAKE_EXIT_RETURNED);
	EXPECT_EQ_UINT(vm_by_id(2)->boots, 2);
	EXPECT_TRUE(initrd_loaded());
}
