/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the layout walk: the runs a VM is mapped from, and copying into colored RAM. */
#include <bulwark/errno.h>
#include <bulwark/vm_map.h>
#include <generated/board.h>

#include "test.h"

/* The board of this test (colored_board/generated/board.h): four colors of 4 KiB pages. */
#define PAGE BOARD_PAGE_SIZE
_Static_assert(BOARD_PAGE_SIZE == 0x1000 && BOARD_NR_COLORS == 4, "the test's board");

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

static int record(void *ctx, gpa_t gpa, hpa_t pa, u64 size, u32 access, enum vm_map_kind kind)
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

	EXPECT_EQ_INT(vm_map_layout(&plain_vm, record, &rec), 0);
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

	EXPECT_EQ_INT(vm_map_layout(&plain_vm, record, &rec), -ENOMEM);
	EXPECT_EQ_UINT(rec.nr, 2);
}

/* Colors 1 and 2 of 4: host pages 1, 2, 5, 6, ... counted from address 0. */
static const struct vmconf_region colored_regions[] = {
    {.name = "ram",
     .guest_base = 0x80000000ULL,
     .phys_base = 0x88000000ULL,
     .size = 5 * PAGE,
     .access = VMCONF_ACCESS_READ,
     .color_mask = 0x6},
};
static const struct vmconf_vm colored_vm = {
    .name = "colored",
    .regions = colored_regions,
    .nr_regions = 1,
};

TEST(vm_map, colored_region_runs_are_stretches_of_its_colors)
{
	struct recorder rec = {0};

	EXPECT_EQ_INT(vm_map_layout(&colored_vm, record, &rec), 0);
	EXPECT_EQ_UINT(rec.nr, 3);
	expect_call(&rec, 0, 0x80000000ULL, 0x88001000ULL, 2 * PAGE, VMCONF_ACCESS_READ,
		    VM_MAP_NORMAL);
	expect_call(&rec, 1, 0x80002000ULL, 0x88005000ULL, 2 * PAGE, VMCONF_ACCESS_READ,
		    VM_MAP_NORMAL);
	expect_call(&rec, 2, 0x80004000ULL, 0x88009000ULL, PAGE, VMCONF_ACCESS_READ, VM_MAP_NORMAL);
}

/*
 * Host memory for a colored region: 16 pages aligned to the 4 colors, so
 * its page n has color n mod 4. The region takes colors 0 and 2: guest page
 * k lives in host page 2k.
 */
static u8 host[16 * PAGE] __attribute__((aligned(4 * PAGE)));

#define GUEST_BASE 0x80000000ULL

static struct vmconf_region host_region = {
    .name = "ram",
    .guest_base = GUEST_BASE,
    .size = 6 * PAGE,
    .access = VMCONF_ACCESS_READ | VMCONF_ACCESS_WRITE | VMCONF_ACCESS_EXEC,
    .color_mask = 0x5,
};
static const struct vmconf_vm host_vm = {
    .name = "colored-in-host-memory",
    .regions = &host_region,
    .nr_regions = 1,
};

static u8 *host_of(gpa_t gpa)
{
	u64 off = gpa - GUEST_BASE;

	return &host[2 * (off / PAGE) * PAGE + off % PAGE];
}

static void fill(u8 *buf, u64 size, unsigned int seed)
{
	for (u64 i = 0; i < size; i++)
		buf[i] = (u8)(i * 7 + seed);
}

static void reset_host(void)
{
	for (u64 i = 0; i < sizeof(host); i++)
		host[i] = 0;
	host_region.phys_base = ptr_to_hpa(host);
}

TEST(vm_map, image_and_dtb_in_a_colored_region_land_on_its_pages)
{
	static u8 image[5000], dtb[300];
	/* The image starts mid-page and spans three pages; the device tree straddles pages 3-4. */
	const gpa_t image_at = GUEST_BASE + 0x800, dtb_at = GUEST_BASE + 4 * PAGE - 100;
	u64 copied = 0;

	reset_host();
	fill(image, sizeof(image), 1);
	fill(dtb, sizeof(dtb), 3);
	EXPECT_EQ_INT(vm_layout_copy_in(&host_vm, image_at, image, sizeof(image)), 0);
	EXPECT_EQ_INT(vm_layout_copy_in(&host_vm, dtb_at, dtb, sizeof(dtb)), 0);
	for (u64 i = 0; i < sizeof(image); i++)
		copied += *host_of(image_at + i) == image[i];
	EXPECT_EQ_UINT(copied, sizeof(image));
	copied = 0;
	for (u64 i = 0; i < sizeof(dtb); i++)
		copied += *host_of(dtb_at + i) == dtb[i];
	EXPECT_EQ_UINT(copied, sizeof(dtb));
	/* Pages of colors 1 and 3 are someone else's: untouched. */
	for (u64 page = 1; page < 16; page += 2)
		for (u64 i = 0; i < PAGE; i++)
			copied += host[page * PAGE + i] != 0;
	EXPECT_EQ_UINT(copied, sizeof(dtb));
}

TEST(vm_map, copy_outside_one_region_is_refused)
{
	static const u8 bytes[16];

	reset_host();
	EXPECT_EQ_INT(vm_layout_copy_in(&host_vm, GUEST_BASE + 6 * PAGE - 8, bytes, 16), -EINVAL);
	EXPECT_EQ_INT(vm_layout_copy_in(&host_vm, GUEST_BASE - 8, bytes, 16), -EINVAL);
	EXPECT_EQ_INT(vm_layout_copy_in(&host_vm, 0x10000000ULL, bytes, 16), -EINVAL);
}

TEST(vm_map, ram_pointer_only_for_one_host_piece)
{
	reset_host();
	EXPECT_TRUE(vm_layout_ram_ptr(&host_vm, GUEST_BASE + PAGE + 8, 64) ==
		    host_of(GUEST_BASE + PAGE + 8));
	EXPECT_TRUE(vm_layout_ram_ptr(&host_vm, GUEST_BASE + 5 * PAGE, PAGE) ==
		    host_of(GUEST_BASE + 5 * PAGE));
	/* Guest pages 0 and 1 are host pages 0 and 2: not one piece. */
	EXPECT_TRUE(vm_layout_ram_ptr(&host_vm, GUEST_BASE + PAGE - 8, 16) == NULL);
	/* An empty buffer still has to be the VM's. */
	EXPECT_TRUE(vm_layout_ram_ptr(&host_vm, GUEST_BASE + 8, 0) == host_of(GUEST_BASE + 8));
	EXPECT_TRUE(vm_layout_ram_ptr(&host_vm, 0x10000000ULL, 0) == NULL);
	/* A plain region is one piece however large. */
	EXPECT_TRUE(vm_layout_ram_ptr(&plain_vm, 0x80000000ULL, 4 * PAGE) ==
		    hpa_to_ptr(0x88000000ULL));
}

/* Colors 0, 1 and 3 of 4 from a host page of color 2: a stretch of 3 pages per cycle of 4. */
static const struct vmconf_region deep_regions[] = {
    {.name = "ram",
     .guest_base = 0x80000000ULL,
     .phys_base = 0x88002000ULL,
     .size = 23 * PAGE,
     .access = VMCONF_ACCESS_READ,
     .color_mask = 0xb},
};
static const struct vmconf_vm deep_vm = {
    .name = "deep",
    .regions = deep_regions,
    .nr_regions = 1,
};

/* The host page of guest page k, by the runs the whole walk hands out from the start. */
static hpa_t host_page_by_walk(const struct recorder *rec, u64 k)
{
	gpa_t gpa = deep_regions[0].guest_base + k * PAGE;

	for (unsigned int i = 0; i < rec->nr; i++)
		if (gpa >= rec->calls[i].gpa && gpa < rec->calls[i].gpa + rec->calls[i].size)
			return rec->calls[i].pa + (gpa - rec->calls[i].gpa);
	return 0;
}

TEST(vm_map, a_range_deep_in_a_colored_region_is_where_the_walk_puts_it)
{
	struct recorder rec = {0};
	unsigned int found = 0;

	EXPECT_EQ_INT(vm_map_layout(&deep_vm, record, &rec), 0);
	/* Every page and every offset in it, found by stepping over whole cycles of colors. */
	for (u64 k = 0; k < 23; k++) {
		hpa_t pa = host_page_by_walk(&rec, k);
		gpa_t gpa = deep_regions[0].guest_base + k * PAGE;

		found += pa && vm_layout_ram_ptr(&deep_vm, gpa, 8) == hpa_to_ptr(pa);
		found += pa && vm_layout_ram_ptr(&deep_vm, gpa + PAGE - 8, 8) ==
				   hpa_to_ptr(pa + PAGE - 8);
	}
	EXPECT_EQ_UINT(found, 46);
	/* Colors 3, 0 and 1 are consecutive host pages: one piece across them, not into color 2. */
	EXPECT_TRUE(vm_layout_ram_ptr(&deep_vm, 0x80000000ULL + 3 * PAGE + 8, 2 * PAGE) ==
		    hpa_to_ptr(host_page_by_walk(&rec, 3) + 8));
	EXPECT_TRUE(vm_layout_ram_ptr(&deep_vm, 0x80000000ULL + 5 * PAGE + 8, PAGE) == NULL);
}
