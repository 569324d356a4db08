/* SPDX-License-Identifier: Apache-2.0 */
/* Running a vCPU on its CPU: per-CPU EL2 setup, guest entry and reset, interrupts, idling. */
#include <bulwark/arch.h>
#include <bulwark/irqchip.h>
#include <bulwark/mem.h>
#include <bulwark/string.h>
#include <bulwark/virq.h>
#include <asm/arm64.h>
#include <asm/arm_guest.h>
#include <asm/mpidr.h>
#include <asm/sysreg.h>
#include <asm/virt.h>

/*
 * Guests run AArch64 EL1 with stage 2 on. Physical IRQs, FIQs and SErrors
 * come to EL2; SMC traps (PSCI and hypercalls are emulated); WFI and WFE
 * run natively, and no EL1 system register traps.
 */
#define HCR_GUEST                                                                                  \
	(HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | HCR_AMO | HCR_BSU_INNER | HCR_TSC | HCR_RW)
/*
 * interrupts = direct: physical IRQs (the guest's Group 1) stay at EL1, FIQs
 * (the hypervisor's Group 0) still come here; FMO alone keeps the guest's
 * SGI writes trapping and its Group 0 and common ICC registers virtual.
 */
#define HCR_GUEST_DIRECT (HCR_GUEST & ~HCR_IMO)

#define PMCR_N_SHIFT 11
#define PMCR_N_MASK  0x1f

/* The counter-timer and its offset: the guest's EL1 timers run natively. */
void arch_cpu_virt_init(unsigned int cpu)
{
	write_sysreg(hcr_el2, HCR_GUEST);
	write_sysreg(cnthctl_el2, CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN);
	write_sysreg(cntvoff_el2, 0);
	write_sysreg(cptr_el2, CPTR_EL2_RES1);
	/* Every performance counter belongs to the guest; nothing debug-related traps. */
	write_sysreg(mdcr_el2, (read_sysreg(pmcr_el0) >> PMCR_N_SHIFT) & PMCR_N_MASK);
	write_sysreg(vpidr_el2, read_sysreg(midr_el1));
	isb();
	irqchip_cpu_init(cpu);
}

static u64 stack_top(unsigned int cpu)
{
	return (u64)(uintptr_t)__cpu_stacks_start + (cpu + 1ULL) * CONFIG_CPU_STACK_SIZE;
}

/* The guest's MPIDR: Aff0/Aff1 from its vCPU index, as PSCI CPU_ON names vCPUs. */
static u64 vcpu_mpidr(const struct vcpu *v)
{
	return MPIDR_RES1 | MPIDR_OF_INDEX(v->index);
}

/*
 * The guest's own EL1 MPU (PMSA, Armv8-R AArch64) at reset: every region
 * disabled. MPUIR_EL1 (S3_0_C0_C0_4, REGION[7:0]), PRSELR_EL1
 * (S3_0_C6_C2_1), PRBAR_EL1 (S3_0_C6_C8_0), PRLAR_EL1 (S3_0_C6_C8_1): the
 * Armv8-R AArch64 supplement, by their generic names (see
 * asm/mpu_sysregs.h). The VMSA registers (TTBRn_EL1, TCR_EL1, PAR_EL1)
 * need not exist on a PMSA-only CPU and are left alone.
 */
static void reset_guest_pmsa(void)
{
	unsigned long n;

	__asm__ __volatile__("mrs %0, S3_0_C0_C0_4" : "=r"(n));
	n &= 0xff;
	for (unsigned long i = 0; i < n; i++) {
		__asm__ __volatile__("msr S3_0_C6_C2_1, %0\n\tisb" : : "r"(i) : "memory");
		__asm__ __volatile__("msr S3_0_C6_C8_1, xzr\n\tmsr S3_0_C6_C8_0, xzr" ::: "memory");
	}
	__asm__ __volatile__("msr S3_0_C6_C2_1, xzr" ::: "memory");
}

static void reset_guest_vmsa(void)
{
	write_sysreg(ttbr0_el1, 0);
	write_sysreg(ttbr1_el1, 0);
	write_sysreg(tcr_el1, 0);
	write_sysreg(par_el1, 0);
}

/* Back to reset values for everything of the guest's that lives in the CPU. */
static void reset_guest_sysregs(struct vcpu *v)
{
	write_sysreg(sctlr_el1, SCTLR_EL1_RESET);
	write_sysreg(cpacr_el1, 0);
	if (IS_ENABLED(CONFIG_MPU))
		reset_guest_pmsa();
	else
		reset_guest_vmsa();
	write_sysreg(mair_el1, 0);
	write_sysreg(amair_el1, 0);
	write_sysreg(vbar_el1, 0);
	write_sysreg(contextidr_el1, 0);
	write_sysreg(tpidr_el1, 0);
	write_sysreg(tpidr_el0, 0);
	write_sysreg(tpidrro_el0, 0);
	write_sysreg(sp_el0, 0);
	write_sysreg(sp_el1, 0);
	write_sysreg(elr_el1, 0);
	write_sysreg(spsr_el1, 0);
	write_sysreg(esr_el1, 0);
	write_sysreg(far_el1, 0);
	write_sysreg(afsr0_el1, 0);
	write_sysreg(afsr1_el1, 0);
	write_sysreg(csselr_el1, 0);
	write_sysreg(mdscr_el1, 0);
	write_sysreg(cntkctl_el1, 0);
	write_sysreg(cntv_ctl_el0, 0);
	write_sysreg(cntp_ctl_el0, 0);
	write_sysreg(cntv_cval_el0, 0);
	write_sysreg(cntp_cval_el0, 0);
	write_sysreg(vmpidr_el2, vcpu_mpidr(v));
	write_sysreg(hcr_el2, v->vm->desc->direct_irqs ? HCR_GUEST_DIRECT : HCR_GUEST);
	mem_vcpu_load(v);
}

void arch_vcpu_start(struct vcpu *v)
{
	struct guest_frame *f = &v->arch.frame;

	memset(f, 0, sizeof(*f));
	/*
	 * Arm boot protocol: x0 = device tree for the boot vCPU (start_arg1, the
	 * layout's dtb), and the PSCI CPU_ON context id for the others (psci.c
	 * passes it as start_arg1 too). start_arg0 is RISC-V's hart id.
	 */
	f->regs[0] = v->start_arg1;
	f->elr = v->start_pc;
	f->spsr = PSR_MODE_EL1H | PSR_DAIF;
	f->hyp_sp = stack_top(v->cpu);
	reset_guest_sysregs(v);
	if (v->index == 0)
		arm_clean_guest_image(v->vm);
	virq_vcpu_start(v);
	arm64_guest_enter(f);
}

void arm64_inject_sync(struct vcpu *v, u64 esr, u64 far)
{
	struct guest_frame *f = &v->arch.frame;
	u64 mode = f->spsr & (PSR_MODE_MASK | PSR_MODE_32BIT);
	u64 offset;

	/* Vector offsets: current EL with SP_EL0, with SP_EL1, lower EL AArch64, AArch32. */
	if (f->spsr & PSR_MODE_32BIT)
		offset = 0x600;
	else if (mode == PSR_MODE_EL0T)
		offset = 0x400;
	else if (mode == PSR_MODE_EL1T)
		offset = 0x000;
	else
		offset = 0x200;
	write_sysreg(elr_el1, f->elr);
	write_sysreg(spsr_el1, f->spsr);
	write_sysreg(esr_el1, esr);
	write_sysreg(far_el1, far);
	f->elr = read_sysreg(vbar_el1) + offset;
	f->spsr = PSR_MODE_EL1H | PSR_DAIF;
}
