/* SPDX-License-Identifier: Apache-2.0 */
/* AArch64 CPU bring-up: feature checks, early boot errors, and traps taken at EL2 itself. */
#include <bulwark/arch.h>
#include <bulwark/console.h>
#include <bulwark/errno.h>
#include <bulwark/irq.h>
#include <bulwark/panic.h>
#include <bulwark/printk.h>
#include <bulwark/serial.h>
#include <asm/cpu_map.h>
#include <asm/arm64.h>
#include <asm/esr.h>
#include <asm/sysreg.h>

#define PFR0_GIC_SHIFT 24
#define TGRAN4_ABSENT  0xfu

int arch_cpu_init(unsigned int cpu)
{
	unsigned long mmfr0 = read_sysreg(id_aa64mmfr0_el1);
	unsigned long pfr0 = read_sysreg(id_aa64pfr0_el1);

	/* The EL2 MPU (Armv8-R) translates nothing: no granule needed. */
	if (IS_ENABLED(CONFIG_MMU) && ((mmfr0 >> MMFR0_TGRAN4_SHIFT) & 0xf) == TGRAN4_ABSENT) {
		pr_err("CPU %u (MPIDR 0x%lx) has no 4 KiB translation granule, which Bulwark "
		       "needs",
		       cpu, arch_cpu_hw_id(cpu));
		return -ENODEV;
	}
	if (IS_ENABLED(CONFIG_IRQCHIP_GICV3) && ((pfr0 >> PFR0_GIC_SHIFT) & 0xf) == 0) {
		pr_err("CPU %u has no GICv3 system register interface, but this build drives a "
		       "GICv3; under QEMU run with -M virt,gic-version=3 (or build with "
		       "gicv2.config)",
		       cpu);
		return -ENODEV;
	}
	return 0;
}

/* Before the console has a prefix or a lock we may use: the bare driver. */
static void early_write(const char *s)
{
	size_t len = 0;

	while (s[len])
		len++;
	serial_console.write(s, len);
}

void arm64_boot_wrong_el(unsigned long el)
{
	static const char *const names[] = {"EL0", "EL1", "EL2", "EL3"};

	if (serial_console.init)
		(void)serial_console.init();
	early_write("Bulwark: error: entered at ");
	early_write(names[el & 3]);
	early_write(", but the hypervisor must start at EL2; under QEMU use "
		    "-M virt,virtualization=on (and not secure=on); halting\n");
	for (;;)
		__asm__ __volatile__("wfi" ::: "memory");
}

void arm64_boot_bad_cpu(unsigned long mpidr)
{
	console_init();
	arm_cpu_map_refuse(mpidr);
	arch_poweroff(POWEROFF_FAILURE);
}

static const char *const vector_names[] = {
    [VECTOR_SYNC] = "synchronous exception",
    [VECTOR_IRQ] = "IRQ",
    [VECTOR_FIQ] = "FIQ",
    [VECTOR_SERROR] = "SError",
};

void arm64_hyp_trap(struct hyp_frame *frame, unsigned long kind)
{
	/* Interrupts are masked at EL2, but handle one that slipped through. */
	if (kind == VECTOR_IRQ) {
		irq_handle(arch_cpu_id());
		return;
	}
	/* Nothing else is expected at EL2: explain and stop rather than spin. */
	panic("unexpected %s at EL2 on CPU %u: ESR 0x%llx (EC 0x%x), ELR 0x%llx, FAR 0x%llx, "
	      "lr 0x%llx, sp 0x%llx, SPSR 0x%llx",
	      kind < ARRAY_SIZE(vector_names) ? vector_names[kind] : "exception", arch_cpu_id(),
	      (unsigned long long)frame->esr, esr_ec(frame->esr), (unsigned long long)frame->elr,
	      (unsigned long long)frame->far, (unsigned long long)frame->regs[30],
	      (unsigned long long)frame->sp, (unsigned long long)frame->spsr);
}
