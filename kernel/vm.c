/* SPDX-License-Identifier: Apache-2.0 */
/* VMs: built once from the layout, stopped, rebooted, and contained. */
#include <bulwark/addr.h>
#include <bulwark/arch.h>
#include <bulwark/atomic.h>
#include <bulwark/console.h>
#include <bulwark/cpu_event.h>
#include <bulwark/cpumask.h>
#include <bulwark/crc32.h>
#include <bulwark/errno.h>
#include <bulwark/ipc.h>
#include <bulwark/mem.h>
#include <bulwark/mmio.h>
#include <bulwark/panic.h>
#include <bulwark/printk.h>
#include <bulwark/string.h>
#include <bulwark/vconsole.h>
#include <bulwark/vdev.h>
#include <bulwark/virq.h>
#include <bulwark/vm.h>
#include <bulwark/vm_map.h>
#include <generated/board.h>

/* How long a reboot waits for the VM's other vCPUs to leave the guest. */
#define REBOOT_WAIT_MS 1000u

static struct vm vms[VMCONF_NR_VMS];
static struct vcpu vcpu_storage[CONFIG_NR_CPUS];
static struct vcpu *vcpu_of_cpu[CONFIG_NR_CPUS];

struct vm *vm_by_id(unsigned int id)
{
	return id < vmconf_nr_vms ? &vms[id] : NULL;
}

unsigned int vm_count(void)
{
	return vmconf_nr_vms;
}

struct vcpu *cpu_vcpu(unsigned int cpu)
{
	return cpu < CONFIG_NR_CPUS ? vcpu_of_cpu[cpu] : NULL;
}

struct vcpu *current_vcpu(void)
{
	return cpu_vcpu(arch_cpu_id());
}

void *vm_guest_ram(struct vm *vm, gpa_t gpa, u64 size)
{
	return vm_layout_ram_ptr(vm->desc, gpa, size);
}

/* Copies one embedded file into the VM's RAM; the layout checker made sure it fits. */
static void vm_copy_in(struct vm *vm, const char *what, gpa_t gpa, const u8 *src, u64 size)
{
	/* A failure here is a bug in the tools, not in the layout. */
	if (vm_layout_copy_in(vm->desc, gpa, src, size))
		panic("vm '%s': %s does not fit at guest 0x%llx", vm->desc->name, what,
		      (unsigned long long)gpa);
}

/*
 * Copies the VM's pristine image, and its generated device tree and initrd
 * when it has them, from the hypervisor binary into its RAM: at every
 * (re)boot, so a restarted VM never sees what its last run left behind.
 */
static void vm_load_image(struct vm *vm)
{
	const struct vmconf_vm *d = vm->desc;

	vm_copy_in(vm, "image", d->image_load, d->image_start, d->image_size);
	if (d->dtb_size)
		vm_copy_in(vm, "device tree", d->dtb_addr, d->dtb_start, d->dtb_size);
	if (d->initrd_size)
		vm_copy_in(vm, "initrd", d->initrd_load, d->initrd_start, d->initrd_size);
}

/* One file the boot loader should have put in RAM: does it hold what the build recorded? */
static bool vm_preloaded_file_ok(const struct vm *vm, const char *what, const u8 *at, u64 size,
				 u32 expected)
{
	u32 found = crc32(at, size);

	if (found != expected)
		pr_err(
		    "vm '%s' not started: its %s at 0x%llx (%llu bytes) has CRC-32 %08x, not the "
		    "%08x the build recorded: the boot loader did not load it there, or loaded "
		    "another file (see $(O)/boot.cmd)",
		    vm->desc->name, what, (unsigned long long)(uintptr_t)at,
		    (unsigned long long)size, found, expected);
	return found == expected;
}

/*
 * Files left in RAM by the boot loader (the layout's preload) are checked
 * once, before the VM first starts: no VM can write them afterwards, the
 * layout tool keeps every VM's memory clear of them.
 */
static bool vm_preloaded_ok(const struct vm *vm)
{
	const struct vmconf_vm *d = vm->desc;

	if (!d->preloaded)
		return true;
	return vm_preloaded_file_ok(vm, "image", d->image_start, d->image_size, d->image_crc32) &&
	       (!d->initrd_size || vm_preloaded_file_ok(vm, "initrd", d->initrd_start,
							d->initrd_size, d->initrd_crc32));
}

/* vCPU 0 starts at the entry point with a0/x0 = 0 and a1/x1 = device tree. */
static void vm_arm_boot_vcpu(struct vm *vm)
{
	struct vcpu *v = vm->vcpus[0];

	v->start_pc = vm->desc->entry;
	v->start_arg0 = 0;
	v->start_arg1 = vm->desc->dtb_addr;
	v->state = VCPU_START_PENDING;
}

static int vm_map_run(void *ctx, gpa_t gpa, hpa_t pa, u64 size, u32 access, enum vm_map_kind kind)
{
	return mem_vm_map(ctx, gpa, pa, size, access, kind);
}

/*
 * The VM's memory context from its layout, run by run, then what its
 * interrupt model lets the guest reach directly (a GICv2's GICV page).
 */
static int vm_map_memory(struct vm *vm)
{
	int err = mem_vm_create(vm);

	if (!err)
		err = vm_map_layout(vm->desc, vm_map_run, vm);
	if (!err)
		err = virq_vm_map(vm, vm_map_run, vm);
	if (!err)
		mem_dump_vm(vm);
	return err;
}

static bool vm_part_ok(const struct vm *vm, int err, const char *part)
{
	if (err)
		pr_err("vm '%s' not started: %s: %s", vm->desc->name, part, errno_describe(err));
	return !err;
}

/*
 * The layout tool sized the VM's window table from the same models
 * (tools/vmconf/vmconflib/vdev.py): a difference is a tools bug, said here
 * rather than as a window that does not fit.
 */
static bool vm_windows_ok(const struct vm *vm)
{
	u32 need = 0;

	for (unsigned int i = 0; i < vdev_nr_models(); i++) {
		const struct vdev_model *m = vdev_model(i);

		if (m->nr_windows)
			need += m->nr_windows(vm->desc);
	}
	if (need != mmio_capacity(vm->id))
		pr_err("vm '%s' not started: its device models need %u MMIO windows but the layout "
		       "tool counted %u (a tools bug)",
		       vm->desc->name, need, mmio_capacity(vm->id));
	return need == mmio_capacity(vm->id);
}

/* Every device model in turn, after the interrupt controller; the first that fails says why. */
static bool vm_models_ok(struct vm *vm)
{
	for (unsigned int i = 0; i < vdev_nr_models(); i++) {
		const struct vdev_model *m = vdev_model(i);
		int err = m->vm_init ? m->vm_init(vm) : 0;

		if (err) {
			pr_err("vm '%s' not started: its %s model: %s", vm->desc->name, m->name,
			       errno_describe(err));
			return false;
		}
	}
	return true;
}

static void vm_setup(struct vm *vm, const struct vmconf_vm *d, u64 online_cpus)
{
	unsigned int index = 0;

	vm->desc = d;
	vm->id = d->id;
	vm->lock = (spinlock_t)SPINLOCK_INIT;
	vm->report_lock = (spinlock_t)SPINLOCK_INIT;
	for (unsigned int cpu = 0; cpu < CONFIG_NR_CPUS && cpu < 64; cpu++) {
		struct vcpu *v;

		if (!(d->cpu_mask & (1ULL << cpu)))
			continue;
		v = &vcpu_storage[cpu];
		v->vm = vm;
		v->index = index;
		v->cpu = cpu;
		v->state = VCPU_OFF;
		v->parked = true;
		vm->vcpus[index++] = v;
		vcpu_of_cpu[cpu] = v;
	}
	vm->nr_vcpus = index;
	vm->state = VM_STOPPED;
	if ((d->cpu_mask & online_cpus) != d->cpu_mask) {
		pr_err("vm '%s' not started: some of its CPUs are not online", d->name);
		return;
	}
	/* Each part of the VM in turn; the first that fails says why it does not start. */
	if (!vm_windows_ok(vm) || !vm_part_ok(vm, vm_map_memory(vm), "mapping its memory failed") ||
	    !vm_part_ok(vm, virq_vm_init(vm), "its interrupt controller") || !vm_models_ok(vm) ||
	    !vm_preloaded_ok(vm))
		return;
	vm_load_image(vm);
	vm->boots = 1;
	vm->state = VM_RUNNING;
	vm_arm_boot_vcpu(vm);
}

/* VMs that stopped and said so (or never started); the machine stops with the last. */
static volatile unsigned long vms_done;
static volatile unsigned long poweroff_claimed;

_Static_assert(CONFIG_NR_CPUS <= sizeof(unsigned long) * 8, "a VM is a bit of a word");

void vm_setup_all(u64 online_cpus)
{
	for (u32 i = 0; i < vmconf_nr_vms; i++) {
		vm_setup(&vms[i], &vmconf_vms[i], online_cpus);
		if (vms[i].state == VM_STOPPED)
			arch_atomic_or_ulong(&vms_done, 1UL << i);
	}
}

/*
 * The VM has stopped and its last lines are queued. When it was the last
 * VM, its CPU powers off, after every VM's lines, with no lock: two VMs
 * stopping at once each set their bit, and one of them claims the power-off.
 */
static void vm_stopped_announced(const struct vm *vm)
{
	unsigned long all =
	    vmconf_nr_vms >= sizeof(unsigned long) * 8 ? ~0UL : (1UL << vmconf_nr_vms) - 1;

	arch_atomic_or_ulong(&vms_done, 1UL << vm->id);
	if (vms_done != all || arch_atomic_swap_ulong(&poweroff_claimed, 1))
		return;
	console_flush_all();
	pr_info("every VM has stopped; powering off");
	console_flush_all();
	arch_poweroff(POWEROFF_NORMAL);
}

/*
 * Marks every vCPU off and kicks those on other CPUs out of the guest; the
 * caller's own gets its STOP too (no interrupt), as the mark that makes its
 * way back to the guest look at its state.
 */
static void vm_stop_vcpus(struct vm *vm)
{
	for (unsigned int i = 0; i < vm->nr_vcpus; i++) {
		struct vcpu *v = vm->vcpus[i];

		v->state = VCPU_OFF;
		cpu_event_post(v->cpu, CPU_EVENT_STOP);
	}
}

void vm_stop(struct vm *vm, const char *why)
{
	spin_lock(&vm->lock);
	if (vm->state == VM_STOPPED) {
		spin_unlock(&vm->lock);
		return;
	}
	vm->state = VM_STOPPED;
	vm_stop_vcpus(vm);
	spin_unlock(&vm->lock);

	vconsole_flush(vm);
	pr_info("vm '%s' stopped: %s", vm->desc->name, why);
	vconsole_vm_stopped(vm);
	vm_stopped_announced(vm);
}

/* Waits, bounded, until every vCPU of the VM but the caller's is parked. */
static void vm_wait_parked(struct vm *vm)
{
	unsigned int self = arch_cpu_id();
	u64 start = arch_counter_read();
	u64 limit = arch_counter_freq() / 1000 * REBOOT_WAIT_MS;

	for (unsigned int i = 0; i < vm->nr_vcpus; i++) {
		struct vcpu *v = vm->vcpus[i];

		while (v->cpu != self && !v->parked) {
			if (arch_counter_read() - start > limit) {
				pr_warn("vm '%s': vCPU %u did not stop in %u ms", vm->desc->name,
					v->index, REBOOT_WAIT_MS);
				break;
			}
			/* It may be waiting on us (a remote fence): answer it. */
			cpu_handle_events(self);
			arch_relax();
		}
	}
}

void vm_reboot(struct vm *vm)
{
	spin_lock(&vm->lock);
	if (vm->state != VM_RUNNING) {
		spin_unlock(&vm->lock);
		return;
	}
	vm->state = VM_REBOOTING;
	vm_stop_vcpus(vm);
	spin_unlock(&vm->lock);

	vconsole_flush(vm);
	vm_wait_parked(vm);
	virq_vm_reset(vm);
	for (unsigned int i = 0; i < vdev_nr_models(); i++)
		if (vdev_model(i)->vm_reset)
			vdev_model(i)->vm_reset(vm);
	vm_load_image(vm);

	spin_lock(&vm->lock);
	vm->boots++;
	vm->state = VM_RUNNING;
	vm_arm_boot_vcpu(vm);
	spin_unlock(&vm->lock);
	pr_info("vm '%s' restarted from a fresh image (boot %u)", vm->desc->name, vm->boots);
	cpu_event_post(vm->vcpus[0]->cpu, CPU_EVENT_START);
}

/* Fault reports a VM may cause: a burst, then this many a second. */
#define REPORT_BURST 16u

/* May the VM's CPU print one more fault report? Counts the ones it may not. */
static bool vm_report_allowed(struct vm *vm, u32 *untold)
{
	bool allowed;

	spin_lock(&vm->report_lock);
	allowed = ratelimit_allow(&vm->reports, arch_counter_read(), arch_counter_freq(),
				  REPORT_BURST, untold);
	spin_unlock(&vm->report_lock);
	return allowed;
}

bool vm_contain(struct vcpu *v, const char *what, u64 addr, u64 pc, const char *why,
		const char *consequence)
{
	struct vm *vm = v->vm;
	bool inject = vm->desc->on_fault == VMCONF_FAULT_INJECT;
	u32 untold = 0;

	if (!inject || vm_report_allowed(vm, &untold)) {
		if (untold)
			pr_warn("vm '%s': %u fault reports not shown (at most %u a second)",
				vm->desc->name, untold, REPORT_BURST);
		pr_warn("vm '%s' vCPU %u: %s 0x%llx (pc 0x%llx): %s; %s", vm->desc->name, v->index,
			what, (unsigned long long)addr, (unsigned long long)pc, why,
			inject ? consequence : "VM stopped (fault = stop in its layout)");
	}
	if (!inject)
		vm_stop(vm, "contained after a fault");
	return inject;
}

int vcpu_start_sibling(struct vcpu *v, unsigned int index, u64 pc, u64 arg0, u64 arg1)
{
	struct vm *vm = v->vm;
	struct vcpu *target;
	int ret = 0;

	if (index >= vm->nr_vcpus)
		return -EINVAL;
	target = vm->vcpus[index];
	spin_lock(&vm->lock);
	if (vm->state != VM_RUNNING || target->state != VCPU_OFF) {
		ret = -EBUSY;
	} else {
		target->start_pc = pc;
		target->start_arg0 = arg0;
		target->start_arg1 = arg1;
		target->state = VCPU_START_PENDING;
	}
	spin_unlock(&vm->lock);
	if (!ret)
		cpu_event_post(target->cpu, CPU_EVENT_START);
	return ret;
}

void vcpu_stop_self(struct vcpu *v)
{
	spin_lock(&v->vm->lock);
	v->state = VCPU_OFF;
	spin_unlock(&v->vm->lock);
	cpu_run_loop(v->cpu);
}

u32 vm_virtual_irqs(const struct vm *vm, u32 *out, u32 max)
{
	const struct vmconf_vm *d = vm->desc;
	u32 n = 0;

	for (u32 i = 0; i < d->nr_irqs && n < max; i++)
		out[n++] = d->irqs[i];
	for (unsigned int i = 0; i < vdev_nr_models() && n < max; i++)
		if (vdev_model(i)->virtual_irqs)
			n += vdev_model(i)->virtual_irqs(vm, out + n, max - n);
	for (u32 m = 0; m < d->nr_shmem_maps; m++)
		for (u32 e = 0; e < d->shmem_maps[m].nr_doorbells && n < max; e++)
			out[n++] = d->shmem_maps[m].doorbells[e];
	/* Ascending, as the layout lists the physical ones (a few dozen at most). */
	for (u32 i = 1; i < n; i++)
		for (u32 j = i; j > 0 && out[j - 1] > out[j]; j--) {
			u32 t = out[j];

			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return n;
}
