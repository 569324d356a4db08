/* SPDX-License-Identifier: Apache-2.0 */
/* Prints the VM layout tables so the boot log shows what each VM owns. */
#include <bulwark/cpumask.h>
#include <bulwark/format.h>
#include <bulwark/layout.h>
#include <bulwark/printk.h>
#include <bulwark/vmconf.h>

#define SIZE_TEXT_LEN 24
#define CPUS_TEXT_LEN 64
#define IRQS_TEXT_LEN 96

/* "rwx" style text for VMCONF_ACCESS_* bits. */
static void access_text(char out[4], u32 access)
{
	out[0] = (access & VMCONF_ACCESS_READ) ? 'r' : '-';
	out[1] = (access & VMCONF_ACCESS_WRITE) ? 'w' : '-';
	out[2] = (access & VMCONF_ACCESS_EXEC) ? 'x' : '-';
	out[3] = '\0';
}

/* "10,11" for a device's interrupts; ends in "..." when they do not fit. */
static void irqs_text(char *out, size_t size, const u32 *irqs, u32 nr_irqs)
{
	size_t len = 0;

	out[0] = '\0';
	for (u32 i = 0; i < nr_irqs; i++) {
		int n = snprintf(out + len, size - len, "%s%u", i ? "," : "", irqs[i]);

		if (n < 0 || (size_t)n >= size - len) {
			snprintf(out + size - 4, 4, "...");
			return;
		}
		len += (size_t)n;
	}
}

static void print_window(const char *kind, const char *name, u64 guest, u64 phys, u64 size,
			 const char *extra)
{
	char size_text[SIZE_TEXT_LEN];

	format_size(size_text, sizeof(size_text), size);
	pr_info("  %s %s: guest 0x%llx-0x%llx -> phys 0x%llx-0x%llx, %s%s", kind, name,
		(unsigned long long)guest, (unsigned long long)(guest + size - 1),
		(unsigned long long)phys, (unsigned long long)(phys + size - 1), size_text, extra);
}

/*
 * dma = trusted: each bus-master device of the VM can reach all memory, as
 * no IOMMU confines it. Said at warning level, so it shows at any log level.
 */
static void warn_dma(const struct vmconf_vm *vm)
{
	for (u32 i = 0; i < vm->nr_devices; i++) {
		if (!vm->devices[i].dma_master)
			continue;
		pr_warn("VM %u \"%s\" is trusted with DMA: through %s it can read and write all "
			"memory, the hypervisor's and other VMs' included (no IOMMU)",
			vm->id, vm->name, vm->devices[i].name);
	}
}

static void print_vm(const struct vmconf_vm *vm)
{
	char cpus[CPUS_TEXT_LEN];
	char extra[IRQS_TEXT_LEN + 16];
	char irqs[IRQS_TEXT_LEN];
	char rights[4];

	cpumask_format(cpus, sizeof(cpus), vm->cpu_mask);
	pr_info("VM %u \"%s\": CPUs %s, entry 0x%llx", vm->id, vm->name, cpus,
		(unsigned long long)vm->entry);

	for (u32 i = 0; i < vm->nr_regions; i++) {
		const struct vmconf_region *region = &vm->regions[i];

		access_text(rights, region->access);
		snprintf(extra, sizeof(extra), ", %s", rights);
		print_window("region", region->name, region->guest_base, region->phys_base,
			     region->size, extra);
	}
	for (u32 i = 0; i < vm->nr_devices; i++) {
		const struct vmconf_device *device = &vm->devices[i];

		irqs_text(irqs, sizeof(irqs), device->irqs, device->nr_irqs);
		extra[0] = '\0';
		if (device->nr_irqs)
			snprintf(extra, sizeof(extra), ", irqs %s", irqs);
		print_window("device", device->name, device->guest_base, device->phys_base,
			     device->size, extra);
	}
	for (u32 i = 0; i < vm->nr_shmem_maps; i++) {
		const struct vmconf_shmem_map *map = &vm->shmem_maps[i];
		const struct vmconf_shmem *shmem = &vmconf_shmems[map->shmem_id];

		access_text(rights, map->access);
		snprintf(extra, sizeof(extra), ", %s", rights);
		print_window("shmem", map->name, map->guest_base, shmem->phys_base, shmem->size,
			     extra);
	}

	if (vm->dma_trusted)
		warn_dma(vm);

	if (vm->image_size) {
		pr_info("  image: %llu bytes, loaded at guest 0x%llx, entry 0x%llx",
			(unsigned long long)vm->image_size, (unsigned long long)vm->image_load,
			(unsigned long long)vm->entry);
		if (vm->preloaded)
			pr_info("  preloaded by the boot loader: image at phys 0x%llx%s",
				(unsigned long long)(uintptr_t)vm->image_start,
				vm->initrd_size ? ", initrd after it" : "");
	} else {
		pr_info("  image: none embedded (placed by a loader)");
	}
}

void layout_print(void)
{
	pr_info("VM layout from %s: %u VM%s, %u shared-memory object%s", vmconf_source,
		vmconf_nr_vms, vmconf_nr_vms == 1 ? "" : "s", vmconf_nr_shmems,
		vmconf_nr_shmems == 1 ? "" : "s");
	for (u32 i = 0; i < vmconf_nr_vms; i++)
		print_vm(&vmconf_vms[i]);
}
