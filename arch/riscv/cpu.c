/* SPDX-License-Identifier: Apache-2.0 */
/* RISC-V CPU bring-up: boot entry from assembly and the hypervisor-extension check. */
#include <bulwark/arch.h>
#include <bulwark/compiler.h>
#include <bulwark/errno.h>
#include <bulwark/init.h>
#include <bulwark/console.h>
#include <bulwark/printk.h>
#include <asm/csr.h>
#include <asm/riscv.h>
#include <asm/virt.h>

/*
 * One probe state per CPU: while "armed", an illegal-instruction trap means
 * the feature is absent instead of a bug.
 */
struct feature_probe {
	volatile bool armed;
	volatile bool faulted;
};

static struct feature_probe feature_probes[CONFIG_NR_CPUS];

bool riscv_probe_fixup(struct trap_frame *frame)
{
	unsigned int cpu = arch_cpu_id();
	u16 first_half;

	/* Stays armed: the probe may try several instructions in a row. */
	if (cpu >= CONFIG_NR_CPUS || !feature_probes[cpu].armed)
		return false;
	feature_probes[cpu].faulted = true;
	/* Step over the instruction; its low two bits give its length. */
	first_half = *(const volatile u16 *)frame->sepc;
	frame->sepc += (first_half & 0x3) == 0x3 ? 4 : 2;
	return true;
}

/*
 * misa cannot be read from S-mode, so ask the hardware directly: hstatus
 * only exists with the H extension, and reading it traps otherwise. (hgatp
 * is the memory back end's, mem_gstage.c.)
 */
static bool cpu_has_hypervisor_extension(unsigned int cpu)
{
	struct feature_probe *probe = &feature_probes[cpu];

	probe->faulted = false;
	probe->armed = true;
	barrier();
	(void)csr_read(CSR_HSTATUS);
	barrier();
	probe->armed = false;
	return !probe->faulted;
}

bool riscv_has_sstc;
bool riscv_guest_sstc;

/* Sstc: stimecmp exists (the firmware enabled it for S-mode) or traps. */
static bool cpu_has_sstc(unsigned int cpu)
{
	struct feature_probe *probe = &feature_probes[cpu];

	probe->faulted = false;
	probe->armed = true;
	barrier();
	(void)csr_read(CSR_STIMECMP);
	barrier();
	probe->armed = false;
	return !probe->faulted;
}

int arch_cpu_init(unsigned int cpu)
{
	if (!cpu_has_hypervisor_extension(cpu)) {
		pr_err("CPU %u (hart %lu) lacks the RISC-V hypervisor extension (H), which "
		       "Bulwark needs; under QEMU run with -cpu %s (H is on by default)",
		       cpu, arch_cpu_hw_id(cpu), __riscv_xlen == 32 ? "rv32" : "rv64");
		return -ENODEV;
	}
	/* The harts of a board are alike: every CPU finds the same. */
	riscv_has_sstc = cpu_has_sstc(cpu);
	riscv_guest_sstc = riscv_has_sstc && IS_ENABLED(CONFIG_RISCV_SSTC);
	return 0;
}

void riscv_boot_main(unsigned long hartid, unsigned long fdt)
{
	/* boot.S only gets here with hartid < CONFIG_NR_CPUS. */
	kernel_boot_main((unsigned int)hartid, fdt);
}

void riscv_secondary_main(unsigned long cpu)
{
	kernel_secondary_main((unsigned int)cpu);
}

void riscv_boot_bad_hart(unsigned long hartid)
{
	console_init();
	pr_err("booted on hart %lu, but this build supports harts 0..%d (CONFIG_NR_CPUS=%d)",
	       hartid, CONFIG_NR_CPUS - 1, CONFIG_NR_CPUS);
	arch_poweroff(POWEROFF_FAILURE);
}
