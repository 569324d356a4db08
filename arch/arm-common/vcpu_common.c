/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What running a vCPU means alike in both Arm execution states: the guest
 * image cleaned to memory before a start, line changes handed to the
 * virtual GIC, event IPIs, and idling until the GIC has something.
 */
#include <bulwark/arch.h>
#include <bulwark/cpu_event.h>
#include <bulwark/irq.h>
#include <bulwark/virq.h>
#include <bulwark/vm.h>
#include <bulwark/vm_map.h>
#include <asm/arm_guest.h>
#include <asm/dcache.h>
#include <asm/gic.h>
#include <asm/processor.h>

/* Cleans one host-contiguous piece of guest RAM, ctx the cache line size. */
static int clean_piece(void *ctx, u8 *host, u64 offset, u64 size)
{
	unsigned long line = *(const unsigned long *)ctx;

	(void)offset;
	for (uintptr_t p = (uintptr_t)host & ~(uintptr_t)(line - 1); p < (uintptr_t)host + size;
	     p += line)
		arm_dcache_clean(p);
	return 0;
}

/* Cleans a range of guest RAM from our write-back caches to memory, piece by piece when colored. */
static void clean_guest_range(struct vm *vm, u64 gpa, u64 size)
{
	unsigned long line = arm_dcache_line();

	if (size)
		(void)vm_layout_ram(vm->desc, gpa, size, clean_piece, &line);
}

void arm_clean_guest_image(struct vm *vm)
{
	const struct vmconf_vm *d = vm->desc;

	clean_guest_range(vm, d->image_load, d->image_size);
	clean_guest_range(vm, d->dtb_addr, d->dtb_size);
	clean_guest_range(vm, d->initrd_load, d->initrd_size);
	__asm__ __volatile__("dsb sy" ::: "memory");
}

void arch_vcpu_sync_lines(struct vcpu *v)
{
	virq_vcpu_sync(v);
}

void vcpu_set_external_irq(struct vcpu *v, bool pending)
{
	/* Levels live in the interrupt model: only make v's CPU look at them again. */
	(void)pending;
	if (v->cpu == arch_cpu_id())
		arch_vcpu_sync_lines(v);
	else
		cpu_event_post(v->cpu, CPU_EVENT_LINES);
}

void arch_send_event_ipi(unsigned int cpu)
{
	gic_send_event_ipi(cpu);
}

void arch_idle(unsigned int cpu)
{
	/*
	 * Interrupts stay masked in the hypervisor: wfi still wakes on a
	 * pending one, which irq_handle then claims from the GIC.
	 */
	if (!cpu_event_pending(cpu))
		cpu_wait_for_interrupt();
	irq_handle(cpu);
}
