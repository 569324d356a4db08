/* SPDX-License-Identifier: Apache-2.0 */
/* AArch32 CPU bring-up: feature checks, early boot errors, and traps taken in Hyp mode itself. */
#include <bulwark/arch.h>
#include <bulwark/console.h>
#include <bulwark/errno.h>
#include <bulwark/irq.h>
#include <bulwark/panic.h>
#include <bulwark/printk.h>
#include <bulwark/serial.h>
#include <asm/cpu_map.h>
#include <asm/arm32.h>
#include <asm/cp15.h>
#include <asm/esr.h>

int arch_cpu_init(unsigned int cpu)
{
	u32 mmfr0 = read_cp15(ID_MMFR0);
	u32 pfr1 = read_cp15(ID_PFR1);

	/* An Armv8-R CPU has an MPU instead (PMSA): mem_cpu_init() checks its regions. */
	if (IS_ENABLED(CONFIG_MMU) && (mmfr0 & ID_MMFR0_VMSA_MASK) < ID_MMFR0_VMSA_LPAE) {
		pr_err("CPU %u (MPIDR 0x%lx) has no Large Physical Address Extension (LPAE), "
		       "which Bulwark's stage 2 needs",
		       cpu, arch_cpu_hw_id(cpu));
		return -ENODEV;
	}
	if (((pfr1 >> ID_PFR1_VIRT_SHIFT) & 0xf) == 0) {
		pr_err("CPU %u has no virtualization extensions", cpu);
		return -ENODEV;
	}
	if (IS_ENABLED(CONFIG_IRQCHIP_GICV3) && ((pfr1 >> ID_PFR1_GIC_SHIFT) & 0xf) == 0) {
		pr_err("CPU %u has no GICv3 system register interface, but this build drives a "
		       "GICv3; under QEMU run an Armv8-A CPU with -M virt,gic-version=3 -cpu max "
		       "(or build without gicv3.config)",
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

static const char *mode_name(unsigned long mode)
{
	switch (mode) {
	case PSR_MODE_USR:
		return "User mode";
	case PSR_MODE_FIQ:
		return "FIQ mode";
	case PSR_MODE_IRQ:
		return "IRQ mode";
	case PSR_MODE_SVC:
		return "Supervisor mode";
	case PSR_MODE_ABT:
		return "Abort mode";
	case PSR_MODE_UND:
		return "Undefined mode";
	case PSR_MODE_SYS:
		return "System mode";
	case 0x16:
		return "Monitor mode";
	default:
		return "an unknown mode";
	}
}

void arm32_boot_wrong_mode(unsigned long mode)
{
	if (serial_console.init)
		(void)serial_console.init();
	early_write("Bulwark: error: entered in ");
	early_write(mode_name(mode));
	early_write(", but the hypervisor must start in Hyp mode; under QEMU use "
		    "-M virt,virtualization=on (and not secure=on); halting\n");
	for (;;)
		__asm__ __volatile__("wfi" ::: "memory");
}

void arm32_boot_bad_cpu(unsigned long mpidr)
{
	console_init();
	arm_cpu_map_refuse(mpidr);
	arch_poweroff(POWEROFF_FAILURE);
}

static const char *const vector_names[] = {
    [0] = "exception at the reset vector",
    [VECTOR_UNDEF] = "undefined instruction",
    [VECTOR_HVC] = "HVC",
    [VECTOR_PABT] = "prefetch abort",
    [VECTOR_DABT] = "data abort",
    [VECTOR_HYP_TRAP] = "Hyp trap",
    [VECTOR_IRQ] = "IRQ",
    [VECTOR_FIQ] = "FIQ",
};

void arm32_hyp_trap(struct hyp_frame *frame, unsigned long kind)
{
	/* Nothing is expected in Hyp mode itself: explain and stop rather than spin. */
	panic("unexpected %s in Hyp mode on CPU %u: HSR 0x%x (EC 0x%x), ELR 0x%x, HDFAR 0x%x, "
	      "HIFAR 0x%x, lr 0x%x, sp 0x%x, SPSR 0x%x",
	      kind < ARRAY_SIZE(vector_names) ? vector_names[kind] : "exception", arch_cpu_id(),
	      frame->hsr, esr_ec(frame->hsr), frame->elr, frame->hdfar, frame->hifar, frame->lr,
	      frame->sp, frame->spsr);
}
