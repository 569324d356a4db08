/* SPDX-License-Identifier: Apache-2.0 */
/* The boot flow every architecture shares, from first C code to power-off. */
#include <bulwark/arch.h>
#include <bulwark/atomic.h>
#include <bulwark/bench_probe.h>
#include <bulwark/console.h>
#include <bulwark/cpumask.h>
#include <bulwark/init.h>
#include <bulwark/irq.h>
#include <bulwark/irqchip.h>
#include <bulwark/layout.h>
#include <bulwark/mem.h>
#include <bulwark/printk.h>
#include <bulwark/smp.h>
#include <bulwark/vconsole.h>
#include <bulwark/vm.h>
#include <generated/board.h>

/* Set by the boot CPU once every VM is built: the others may run theirs. */
static volatile bool vms_ready;

static const char *memory_protection_name(void)
{
	if (IS_ENABLED(CONFIG_MMU))
		return "MMU";
	if (IS_ENABLED(CONFIG_MPU))
		return "MPU";
	return "none";
}

void kernel_boot_main(unsigned int cpu, unsigned long boot_arg)
{
	unsigned int nr_cpus = MIN(BOARD_NR_CPUS, CONFIG_NR_CPUS);
	unsigned int nr_online;
	u64 online;

	console_init();
	if (arch_cpu_init(cpu) != 0 || mem_cpu_init(cpu) != 0) {
		pr_err("the boot CPU cannot run the hypervisor; powering off");
		console_flush_all();
		arch_poweroff(POWEROFF_FAILURE);
	}

	pr_info("Bulwark %s (board %s, irqchip %s, %u CPUs, %s)", BULWARK_VERSION, BOARD_NAME,
		CONFIG_IRQCHIP_NAME, nr_cpus, memory_protection_name());
	pr_info("boot CPU %u (%s %lu) in %s, firmware argument 0x%lx", cpu, arch_cpu_hw_id_name(),
		arch_cpu_hw_id(cpu), arch_cpu_mode_name(), boot_arg);
	layout_print();
	if (VMCONF_HYP_COLORS)
		arch_hyp_recolor(cpu);

	smp_report_online(cpu);
	online = smp_start_secondaries(cpu);
	nr_online = cpumask_weight(online);
	if (online == cpumask_first_n(nr_cpus))
		pr_info("all %u CPUs online", nr_cpus);
	else
		pr_warn("only %u of %u CPUs online", nr_online, nr_cpus);

	irqchip_init();
	console_start_callbacks();
	vm_setup_all(online);
	irq_setup(cpu);
	/* From here on, VM lines and hypervisor lines share the console. */
	printk_set_prefix("[bulwark] ");
	vconsole_init();
	arch_smp_mb();
	vms_ready = true;

	arch_cpu_virt_init(cpu);
	bench_probe_cpu_init(cpu);
	cpu_run_loop(cpu);
}

void kernel_secondary_main(unsigned int cpu)
{
	if (arch_cpu_init(cpu) != 0 || mem_cpu_init(cpu) != 0) {
		/* arch_cpu_init or mem_cpu_init said why; the boot CPU must not wait for us. */
		smp_report_failed(cpu);
		arch_halt();
	}
	pr_info("CPU %u (%s %lu) online in %s", cpu, arch_cpu_hw_id_name(), arch_cpu_hw_id(cpu),
		arch_cpu_mode_name());
	smp_report_online(cpu);
	while (!vms_ready)
		arch_relax();
	arch_smp_mb();
	arch_cpu_virt_init(cpu);
	bench_probe_cpu_init(cpu);
	cpu_run_loop(cpu);
}
