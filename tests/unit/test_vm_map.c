/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the layout walk that memory back ends build a VM's mappings from. */
#include <bulwark/errno.h>
#include <bulwark/vm_map.h>

#include "test.h"

#define PAGE 0x1000ULL

const struct vmconf_shmem vmconf_shmems[] = {
    {.name = "ring", .phys_base = 0x90000000ULL, .size = 2 * PAGE},
};

struct call {
	u64 gpa, pa, size;
	u32 access;
	enum vm_map_kind kind;
};

struct recorder {
	struct call calls[16];
	unsigned int nr;
	unsigned int fail_at; /* the call that fails, counted from 1; 0: none */
};

static int record(void *ctx, u64 gpa, u64 pa, u64 size, u32 access, enum vm_map_kind kind)
{
	struct recorder *rec = ctx;

	if (rec->nr == sizeof(rec->calls) / sizeof(rec->calls[0]))
		return -ENOSPC;
	rec->calls[rec->nr++] = (struct call){gpa, pa, size, access, kind};
	return rec->nr == rec->fail_at ? -ENOMEM : 0;
}

/* The i-th call the walk made was for [gpa, gpa + size) at pa, with these rights and kind. */
static void expect_call(const struct recorder *rec, unsigned int i, u64 gpa, u64 pa, u64 size,
			u32 access, enum vm_map_kind kind)
{
	EXPECT_TRUE(i < rec->nr);
	EXPECT_EQ_UINT(rec->calls[i].gpa, gpa);
	EXPECT_EQ_UINT(rec->calls[i].pa, pa);
	EXPECT_EQ_UINT(rec->calls[i].size, size);
	EXPECT_EQ_UINT(rec->calls[i].access, access);
	EXPECT_EQ_INT(rec->calls[i].kind, kind);
}

static const struct vmconf_region plain_regions[] = {
    {.name = "ram",
     .guest_base = 0x80000000ULL,
     .phys_base = 0x88000000ULL,
     .size = 4 * PAGE,
     .access = VMCONF_ACCESS_READ | VMCONF_ACCESS_WRITE | VMCONF_ACCESS_EXEC},
};
static const struct vmconf_device devices[] = {
    {.name = "uart", .guest_base = 0x10000000ULL, .phys_base = 0x10000000ULL, .size = PAGE},
};
static const struct vmconf_shmem_map shmem_maps[] = {
    {.name = "ring", .shmem_id = 0, .guest_base = 0x70000000ULL, .access = VMCONF_ACCESS_READ},
};
static const struct vmconf_vm plain_vm = {
    .name = "plain",
    .regions = plain_regions,
    .nr_regions = 1,
    .devices = devices,
    .nr_devices = 1,
    .shmem_maps = shmem_maps,
    .nr_shmem_maps = 1,
};

TEST(vm_map, regions_devices_then_shmem)
{
	struct recorder rec = {0};

	EXPECT_EQ_INT(vm_map_layout(&plain_vm, PAGE, PAGE, 0, record, &rec), 0);
	EXPECT_EQ_UINT(rec.nr, 3);
	expect_call(&rec, 0, 0x80000000ULL, 0x88000000ULL, 4 * PAGE, plain_regions[0].access,
		    VM_MAP_NORMAL);
	expect_call(&rec, 1, 0x10000000ULL, 0x10000000ULL, PAGE,
		    VMCONF_ACCESS_READ | VMCONF_ACCESS_WRITE, VM_MAP_DEVICE);
	expect_call(&rec, 2, 0x70000000ULL, 0x90000000ULL, 2 * PAGE, VMCONF_ACCESS_READ,
		    VM_MAP_NORMAL);
}

TEST(vm_map, first_error_stops_the_walk)
{
	struct recorder rec = {.fail_at = 2};

	EXPECT_EQ_INT(vm_map_layout(&plain_vm, PAGE, PAGE, 0, record, &rec), -ENOMEM);
	EXPECT_EQ_UINT(rec.nr, 2);
}

/* Colors 1 and 2 of 4: host pages 1, 2, 5, 6, ... counted from address 0. */
static const struct vmconf_region colored_regions[] = {
    {.name = "ram",
     .guest_base = 0x80000000ULL,
     .phys_base = 0x88000000ULL,
     .size = 3 * PAGE,
     .access = VMCONF_ACCESS_READ,
     .color_mask = 0x6},
};
static const struct vmconf_vm colored_vm = {
    .name = "colored",
    .regions = colored_regions,
    .nr_regions = 1,
};

TEST(vm_map, colored_region_takes_pages_of_its_colors)
{
	struct recorder rec = {0};

	EXPECT_EQ_INT(vm_map_layout(&colored_vm, PAGE, PAGE, 4, record, &rec), 0);
	EXPECT_EQ_UINT(rec.nr, 3);
	expect_call(&rec, 0, 0x80000000ULL, 0x88001000ULL, PAGE, VMCONF_ACCESS_READ, VM_MAP_NORMAL);
	expect_call(&rec, 1, 0x80001000ULL, 0x88002000ULL, PAGE, VMCONF_ACCESS_READ, VM_MAP_NORMAL);
	expect_call(&rec, 2, 0x80002000ULL, 0x88005000ULL, PAGE, VMCONF_ACCESS_READ, VM_MAP_NORMAL);
}

TEST(vm_map, color_mask_ignored_without_board_colors)
{
	struct recorder rec = {0};

	EXPECT_EQ_INT(vm_map_layout(&colored_vm, PAGE, PAGE, 0, record, &rec), 0);
	EXPECT_EQ_UINT(rec.nr, 1);
	expect_call(&rec, 0, 0x80000000ULL, 0x88000000ULL, 3 * PAGE, VMCONF_ACCESS_READ,
		    VM_MAP_NORMAL);
}
