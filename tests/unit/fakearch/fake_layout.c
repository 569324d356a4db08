/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The fake board's layout, as tools/vmconf would generate it, with host
 * buffers standing in for host-physical memory (the hypervisor's addresses
 * are one to one, so a buffer's address is its "physical" address):
 *   alpha  CPU 0     IPC "ring" (doorbells 40, 41), shared memory "log"
 *   beta   CPU 1     IPC "ring" (doorbells 50, 51), a pass-through device
 *   gamma  CPUs 2-3  IPC "solo" (doorbell 60, nobody else maps it), "log",
 *                    a colored region (colors 1 and 2 of 4) holding its initrd,
 *                    faults injected (the others: fault = stop)
 * Every VM has a virtual console and a device tree after its image.
 */
#include <bulwark/vmconf.h>

#include "fake_arch.h"

#define PAGE	      0x1000ULL
#define RW	      (VMCONF_ACCESS_READ | VMCONF_ACCESS_WRITE)
#define RWX	      (RW | VMCONF_ACCESS_EXEC)
#define DTB_OFFSET    0x2000ULL
#define COLORED_PAGES 4
#define HPA(buffer)   ((hpa_t)(uintptr_t)(buffer))

static u8 ram[FAKE_NR_VMS][FAKE_RAM_SIZE] __attribute__((aligned(4096)));
/* Two colors of four: the region's pages are spread over twice its size. */
static u8 colored[2 * COLORED_PAGES * PAGE] __attribute__((aligned(4 * 4096)));
static u8 initrd[FAKE_INITRD_SIZE];
static u8 shared_ring[PAGE] __attribute__((aligned(4096)));
static u8 shared_log[PAGE] __attribute__((aligned(4096)));
static u8 shared_solo[PAGE] __attribute__((aligned(4096)));

static const u8 image_alpha[] = "alpha image: pristine";
static const u8 image_beta[] = "beta image: pristine, a little longer";
static const u8 image_gamma[] = "gamma image";
static const u8 dtb[] = "fake device tree";

const u8 *const fake_images[FAKE_NR_VMS] = {image_alpha, image_beta, image_gamma};
const u64 fake_image_sizes[FAKE_NR_VMS] = {sizeof(image_alpha), sizeof(image_beta),
					   sizeof(image_gamma)};

u8 *fake_vm_ram(unsigned int vm)
{
	return ram[vm];
}

u8 *fake_colored_ram(void)
{
	return colored;
}

const u8 *fake_initrd(void)
{
	return initrd;
}

/* The initrd is a pattern no page boundary repeats, written before the VMs are built. */
__attribute__((constructor)) static void fill_initrd(void)
{
	for (unsigned int i = 0; i < FAKE_INITRD_SIZE; i++)
		initrd[i] = (u8)(i * 7 + i / 256);
}

const struct vmconf_shmem vmconf_shmems[] = {
    {.name = "ring", .phys_base = HPA(shared_ring), .size = PAGE},
    {.name = "log", .phys_base = HPA(shared_log), .size = PAGE},
    {.name = "solo", .phys_base = HPA(shared_solo), .size = PAGE},
};
const u32 vmconf_nr_shmems = 3;

#define RAM_REGION(vm)                                                                             \
	{                                                                                          \
		.name = "ram", .guest_base = FAKE_RAM_GPA, .phys_base = HPA(ram[vm]),              \
		.size = FAKE_RAM_SIZE, .access = RWX                                               \
	}

static const struct vmconf_region regions_alpha[] = {RAM_REGION(0)};
static const struct vmconf_region regions_beta[] = {RAM_REGION(1)};
static const struct vmconf_region regions_gamma[] = {
    RAM_REGION(2),
    {.name = "cache",
     .guest_base = FAKE_COLORED_GPA,
     .phys_base = HPA(colored),
     .size = COLORED_PAGES * PAGE,
     .access = RW,
     .color_mask = 0x6},
};

static const u32 alpha_ring_doorbells[] = {40, 41};
static const u32 beta_ring_doorbells[] = {50, 51};
static const u32 gamma_solo_doorbells[] = {60};

static const struct vmconf_shmem_map maps_alpha[] = {
    {.name = "ring",
     .shmem_id = 0,
     .guest_base = 0x90000000ULL,
     .access = RW,
     .doorbells = alpha_ring_doorbells,
     .nr_doorbells = 2,
     .nr_events = 2},
    {.name = "log", .shmem_id = 1, .guest_base = 0x91000000ULL, .access = RW},
};
static const struct vmconf_shmem_map maps_beta[] = {
    {.name = "ring",
     .shmem_id = 0,
     .guest_base = 0x90000000ULL,
     .access = RW,
     .doorbells = beta_ring_doorbells,
     .nr_doorbells = 2,
     .nr_events = 2},
};
static const struct vmconf_shmem_map maps_gamma[] = {
    {.name = "solo",
     .shmem_id = 2,
     .guest_base = 0x90000000ULL,
     .access = RW,
     .doorbells = gamma_solo_doorbells,
     .nr_doorbells = 1,
     .nr_events = 1},
    {.name = "log", .shmem_id = 1, .guest_base = 0x91000000ULL, .access = VMCONF_ACCESS_READ},
};

static const u32 beta_device_irqs[] = {7};
static const struct vmconf_device devices_beta[] = {
    {.name = "uart1",
     .guest_base = 0x10001000ULL,
     .phys_base = 0x10001000ULL,
     .size = PAGE,
     .irqs = beta_device_irqs,
     .nr_irqs = 1},
};

#define VM(vm_id, vm_name, mask, cpus, vm_regions, vm_maps, image)                                 \
	.name = vm_name, .id = vm_id, .cpu_mask = mask, .nr_cpus = cpus, .entry = FAKE_RAM_GPA,    \
	.dtb_addr = FAKE_RAM_GPA + DTB_OFFSET, .console = VMCONF_CONSOLE_VIRTUAL,                  \
	.regions = vm_regions, .nr_regions = sizeof(vm_regions) / sizeof(vm_regions[0]),           \
	.shmem_maps = vm_maps, .nr_shmem_maps = sizeof(vm_maps) / sizeof(vm_maps[0]),              \
	.image_start = image, .image_size = sizeof(image), .image_load = FAKE_RAM_GPA,             \
	.dtb_start = dtb, .dtb_size = sizeof(dtb)

const struct vmconf_vm vmconf_vms[] = {
    {VM(0, "alpha", 0x1, 1, regions_alpha, maps_alpha, image_alpha)},
    {VM(1, "beta", 0x2, 1, regions_beta, maps_beta, image_beta), .devices = devices_beta,
     .nr_devices = 1, .irqs = beta_device_irqs, .nr_irqs = 1},
    {VM(2, "gamma", 0xc, 2, regions_gamma, maps_gamma, image_gamma),
     .on_fault = VMCONF_FAULT_INJECT, .initrd_start = initrd, .initrd_size = FAKE_INITRD_SIZE,
     .initrd_load = FAKE_INITRD_GPA},
};
const u32 vmconf_nr_vms = FAKE_NR_VMS;
const char vmconf_source[] = "tests/unit/fakearch/fake_layout.c";
