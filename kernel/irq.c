/* SPDX-License-Identifier: Apache-2.0 */
/* Dispatching physical interrupts: the console's to the hypervisor, the rest to their VM. */
#include <bulwark/bench_probe.h>
#include <bulwark/irq.h>
#include <bulwark/irqchip.h>
#include <bulwark/printk.h>
#include <bulwark/serial.h>
#include <bulwark/vconsole.h>
#include <bulwark/virq.h>
#include <bulwark/vm.h>
#include <generated/board.h>

/* Interrupt numbers the owner table covers (QEMU virt PLIC: 1..95). */
#define IRQ_TABLE_SIZE 1024

static struct vm *irq_owner[IRQ_TABLE_SIZE];

#ifdef BOARD_CONSOLE_IRQ
#define CONSOLE_IRQ BOARD_CONSOLE_IRQ
#else
#define CONSOLE_IRQ 0
#endif

void irq_setup(unsigned int boot_cpu)
{
	for (unsigned int id = 0; id < vm_count(); id++) {
		struct vm *vm = vm_by_id(id);

		for (u32 i = 0; i < vm->desc->nr_irqs; i++)
			if (vm->desc->irqs[i] < IRQ_TABLE_SIZE)
				irq_owner[vm->desc->irqs[i]] = vm;
	}
	/* Console input, unless a VM owns the UART outright. */
	if (CONSOLE_IRQ && !irq_owner[CONSOLE_IRQ] && serial_console.enable_rx_irq) {
		irqchip_route(CONSOLE_IRQ, boot_cpu);
		serial_console.enable_rx_irq();
	}
}

static void console_receive(void)
{
	int c;

	while (serial_console.getc && (c = serial_console.getc()) >= 0)
		vconsole_input((char)c);
}

void irq_handle(unsigned int cpu)
{
	u32 irq;

	while ((irq = irqchip_claim(cpu)) != IRQCHIP_NONE) {
		struct vm *owner = irq < IRQ_TABLE_SIZE ? irq_owner[irq] : NULL;

		bench_mark(BENCH_PT_DECODE);
		if (irqchip_handle_private(cpu, irq))
			continue;
		if (owner && owner->state == VM_RUNNING) {
			/* Completed when the guest completes it in its virtual controller. */
			virq_inject(owner, irq);
			bench_mark(BENCH_PT_MODEL);
			continue;
		}
		if (irq == CONSOLE_IRQ && !owner)
			console_receive();
		else if (!owner)
			pr_warn("interrupt %u fired but no VM owns it", irq);
		irqchip_complete(cpu, irq);
	}
}
