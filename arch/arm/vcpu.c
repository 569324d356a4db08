/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Running a vCPU on its CPU: per-CPU Hyp setup, guest entry and reset, the
 * guest's banked registers, injected exceptions, interrupts, idling.
 */
#include <bulwark/arch.h>
#include <bulwark/irqchip.h>
#include <bulwark/mem.h>
#include <bulwark/string.h>
#include <bulwark/virq.h>
#include <asm/arm32.h>
#include <asm/arm_guest.h>
#include <asm/cp15.h>
#include <asm/mpidr.h>
#include <asm/virt.h>

/*
 * Guests run at PL1 with stage 2 on. Physical IRQs, FIQs and asynchronous
 * aborts come to Hyp mode; SMC traps (PSCI and hypercalls are emulated);
 * WFI and WFE run natively, and no cp15 register traps.
 */
#define HCR_GUEST (HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | HCR_AMO | HCR_BSU_INNER | HCR_TSC)

#define PMCR_N_SHIFT 11
#define PMCR_N_MASK  0x1f

/* SCTLR fields the injected exceptions follow. */
#define SCTLR_V	 (1u << 13) /* high vectors */
#define SCTLR_EE (1u << 25) /* exceptions taken big-endian */
#define SCTLR_TE (1u << 30) /* exceptions taken in Thumb state */
/* TTBCR.EAE: the guest uses the Long-descriptor format (its fault status format too). */
#define TTBCR_EAE (1u << 31)
#define PSR_E	  (1u << 9)
/* CPSR bits an exception entry clears: IT[7:2], J, IT[1:0], T, E, mode. */
#define PSR_ENTRY_CLEAR (0x0000fc00u | (1u << 24) | 0x06000000u | PSR_T | PSR_E | PSR_MODE_MASK)

/* Fault status: a synchronous external abort, in each format; WnR in the DFSR. */
#define FSR_LPAE	 (1u << 9)
#define FSR_LONG_EXTABT	 0x10u
#define FSR_SHORT_EXTABT 0x08u
#define DFSR_WNR	 (1u << 11)

/* The counter-timer and its offset: the guest's PL1 timers run natively. */
void arch_cpu_virt_init(unsigned int cpu)
{
	write_cp15(HCR, HCR_GUEST);
	write_cp15(CNTHCTL, CNTHCTL_PL1PCTEN | CNTHCTL_PL1PCEN);
	write_cp15_64(CNTVOFF_64, 0);
	write_cp15(HCPTR, HCPTR_RES1);
	write_cp15(HSTR, 0);
	/* Every performance counter belongs to the guest; nothing debug-related traps. */
	write_cp15(HDCR, (read_cp15(PMCR) >> PMCR_N_SHIFT) & PMCR_N_MASK);
	write_cp15(VPIDR, read_cp15(MIDR));
	isb();
	irqchip_cpu_init(cpu);
}

static u32 stack_top(unsigned int cpu)
{
	return (u32)(uintptr_t)__cpu_stacks_start + (cpu + 1u) * CONFIG_CPU_STACK_SIZE;
}

/* The guest's MPIDR: Aff0/Aff1 from its vCPU index, as PSCI CPU_ON names vCPUs. */
static u32 vcpu_mpidr(const struct vcpu *v)
{
	return (u32)(MPIDR_RES1 | MPIDR_OF_INDEX(v->index));
}

/* The banked registers of every guest mode, zeroed. */
static void reset_banked_regs(void)
{
	__asm__ __volatile__(
	    "msr	SP_usr, %0\n\t"
	    "msr	SP_svc, %0\n\tmsr	LR_svc, %0\n\tmsr	SPSR_svc, %0\n\t"
	    "msr	SP_abt, %0\n\tmsr	LR_abt, %0\n\tmsr	SPSR_abt, %0\n\t"
	    "msr	SP_und, %0\n\tmsr	LR_und, %0\n\tmsr	SPSR_und, %0\n\t"
	    "msr	SP_irq, %0\n\tmsr	LR_irq, %0\n\tmsr	SPSR_irq, %0\n\t"
	    "msr	SP_fiq, %0\n\tmsr	LR_fiq, %0\n\tmsr	SPSR_fiq, %0\n\t"
	    "msr	R8_fiq, %0\n\tmsr	R9_fiq, %0\n\tmsr	R10_fiq, %0\n\t"
	    "msr	R11_fiq, %0\n\tmsr	R12_fiq, %0"
	    :
	    : "r"(0u)
	    : "memory");
}

/* The guest's translation registers (VMSA) at reset: Armv7-A / Armv8-A. */
static void reset_guest_vmsa(void)
{
	write_cp15_64(TTBR0_64, 0);
	write_cp15_64(TTBR1_64, 0);
	write_cp15(TTBCR, 0);
	write_cp15(DACR, 0);
	write_cp15_64(PAR_64, 0);
	write_cp15(PRRR, 0);
	write_cp15(NMRR, 0);
}

/* The guest's own EL1 MPU (PMSA, Armv8-R) at reset: every region disabled. */
static void reset_guest_pmsa(void)
{
	unsigned int n = (read_cp15(MPUIR) >> MPUIR_DREGION_SHIFT) & MPUIR_DREGION_MASK;

	for (unsigned int i = 0; i < n; i++) {
		write_cp15(PRSELR, i);
		isb();
		write_cp15(PRLAR, 0);
		write_cp15(PRBAR, 0);
	}
	write_cp15(PRSELR, 0);
	write_cp15(MAIR0, 0);
	write_cp15(MAIR1, 0);
}

/* Back to reset values for everything of the guest's that lives in the CPU. */
static void reset_guest_sysregs(struct vcpu *v)
{
	write_cp15(SCTLR, SCTLR_RESET);
	write_cp15(CPACR, 0);
	if (IS_ENABLED(CONFIG_MPU))
		reset_guest_pmsa();
	else
		reset_guest_vmsa();
	write_cp15(DFSR, 0);
	write_cp15(IFSR, 0);
	write_cp15(ADFSR, 0);
	write_cp15(AIFSR, 0);
	write_cp15(DFAR, 0);
	write_cp15(IFAR, 0);
	write_cp15(AMAIR0, 0);
	write_cp15(AMAIR1, 0);
	write_cp15(VBAR, 0);
	write_cp15(CONTEXTIDR, 0);
	write_cp15(TPIDRURW, 0);
	write_cp15(TPIDRURO, 0);
	write_cp15(TPIDRPRW, 0);
	write_cp15(CSSELR, 0);
	write_cp15(CNTKCTL, 0);
	write_cp15(CNTV_CTL, 0);
	write_cp15(CNTP_CTL, 0);
	write_cp15_64(CNTV_CVAL_64, 0);
	write_cp15_64(CNTP_CVAL_64, 0);
	reset_banked_regs();
	write_cp15(VMPIDR, vcpu_mpidr(v));
	write_cp15(HCR, HCR_GUEST);
	mem_vcpu_load(v);
}

void arch_vcpu_start(struct vcpu *v)
{
	struct guest_frame *f = &v->arch.frame;

	memset(f, 0, sizeof(*f));
	/*
	 * Arm boot protocol: r0 = 0, r1 = machine type (~0: none, the device
	 * tree says), r2 = device tree, for the boot vCPU; r0 = the PSCI
	 * CPU_ON context id for the others. Both come as start_arg1 (the
	 * layout's dtb, or the context id psci.c passes), so r0 and r2 both
	 * get it: a kernel booted with a device tree ignores r0.
	 */
	f->regs[0] = (u32)v->start_arg1;
	f->regs[1] = ~0u;
	f->regs[2] = (u32)v->start_arg1;
	f->elr = (u32)v->start_pc;
	f->spsr = PSR_MODE_SVC | PSR_AIF;
	f->hyp_sp = stack_top(v->cpu);
	reset_guest_sysregs(v);
	if (v->index == 0)
		arm_clean_guest_image(v->vm);
	virq_vcpu_start(v);
	arm32_guest_enter(f);
}

/* Reads and writes of the guest's banked sp and lr, mode by mode. */
#define BANKED_READ(reg)                                                                           \
	({                                                                                         \
		u32 __v;                                                                           \
		__asm__ __volatile__("mrs %0, " #reg : "=r"(__v));                                 \
		__v;                                                                               \
	})
#define BANKED_WRITE(reg, v) __asm__ __volatile__("msr " #reg ", %0" : : "r"(v) : "memory")

/* r8-r12 of FIQ mode (MRS/MSR banked: the name is part of the instruction). */
static u32 fiq_reg(unsigned int n)
{
	switch (n) {
	case 8:
		return BANKED_READ(R8_fiq);
	case 9:
		return BANKED_READ(R9_fiq);
	case 10:
		return BANKED_READ(R10_fiq);
	case 11:
		return BANKED_READ(R11_fiq);
	default:
		return BANKED_READ(R12_fiq);
	}
}

static void set_fiq_reg(unsigned int n, u32 value)
{
	switch (n) {
	case 8:
		BANKED_WRITE(R8_fiq, value);
		break;
	case 9:
		BANKED_WRITE(R9_fiq, value);
		break;
	case 10:
		BANKED_WRITE(R10_fiq, value);
		break;
	case 11:
		BANKED_WRITE(R11_fiq, value);
		break;
	default:
		BANKED_WRITE(R12_fiq, value);
		break;
	}
}

u32 arm32_guest_reg(const struct vcpu *v, unsigned int n)
{
	const struct guest_frame *f = &v->arch.frame;
	bool sp = n == 13;

	if (n >= 8 && n < 13 && (f->spsr & PSR_MODE_MASK) == PSR_MODE_FIQ)
		return fiq_reg(n);
	if (n < 13)
		return f->regs[n];
	if (n == 15) /* the pc reads 8 (ARM) or 4 (Thumb) bytes ahead */
		return f->elr + ((f->spsr & PSR_T) ? 4 : 8);
	switch (f->spsr & PSR_MODE_MASK) {
	case PSR_MODE_SVC:
		return sp ? BANKED_READ(SP_svc) : BANKED_READ(LR_svc);
	case PSR_MODE_ABT:
		return sp ? BANKED_READ(SP_abt) : BANKED_READ(LR_abt);
	case PSR_MODE_UND:
		return sp ? BANKED_READ(SP_und) : BANKED_READ(LR_und);
	case PSR_MODE_IRQ:
		return sp ? BANKED_READ(SP_irq) : BANKED_READ(LR_irq);
	case PSR_MODE_FIQ:
		return sp ? BANKED_READ(SP_fiq) : BANKED_READ(LR_fiq);
	default: /* User and System mode */
		return sp ? BANKED_READ(SP_usr) : f->regs[GUEST_LR];
	}
}

void arm32_guest_set_reg(struct vcpu *v, unsigned int n, u32 value)
{
	struct guest_frame *f = &v->arch.frame;
	bool sp = n == 13;

	if (n >= 8 && n < 13 && (f->spsr & PSR_MODE_MASK) == PSR_MODE_FIQ) {
		set_fiq_reg(n, value);
		return;
	}
	if (n < 13) {
		f->regs[n] = value;
		return;
	}
	if (n == 15) { /* a load into the pc: the guest continues there */
		f->elr = value;
		return;
	}
	switch (f->spsr & PSR_MODE_MASK) {
	case PSR_MODE_SVC:
		if (sp)
			BANKED_WRITE(SP_svc, value);
		else
			BANKED_WRITE(LR_svc, value);
		break;
	case PSR_MODE_ABT:
		if (sp)
			BANKED_WRITE(SP_abt, value);
		else
			BANKED_WRITE(LR_abt, value);
		break;
	case PSR_MODE_UND:
		if (sp)
			BANKED_WRITE(SP_und, value);
		else
			BANKED_WRITE(LR_und, value);
		break;
	case PSR_MODE_IRQ:
		if (sp)
			BANKED_WRITE(SP_irq, value);
		else
			BANKED_WRITE(LR_irq, value);
		break;
	case PSR_MODE_FIQ:
		if (sp)
			BANKED_WRITE(SP_fiq, value);
		else
			BANKED_WRITE(LR_fiq, value);
		break;
	default: /* User and System mode */
		if (sp)
			BANKED_WRITE(SP_usr, value);
		else
			f->regs[GUEST_LR] = value;
		break;
	}
}

void arm32_inject(struct vcpu *v, enum arm32_guest_exception kind, bool is_write, u32 addr)
{
	struct guest_frame *f = &v->arch.frame;
	u32 sctlr = read_cp15(SCTLR);
	u32 vbar = (sctlr & SCTLR_V) ? 0xffff0000u : read_cp15(VBAR);
	/* PMSAv8 (Armv8-R) reports faults in the long-descriptor format; it has no TTBCR. */
	bool long_format = IS_ENABLED(CONFIG_MPU) || (read_cp15(TTBCR) & TTBCR_EAE);
	u32 fsr = long_format ? FSR_LPAE | FSR_LONG_EXTABT : FSR_SHORT_EXTABT;
	bool thumb = (f->spsr & PSR_T) != 0;
	u32 mode, cpsr;

	/* The banked lr: the preferred return address plus the architecture's offset. */
	switch (kind) {
	case ARM32_INJECT_UNDEF:
		mode = PSR_MODE_UND;
		BANKED_WRITE(SPSR_und, f->spsr);
		BANKED_WRITE(LR_und, f->elr + (thumb ? 2 : 4));
		f->elr = vbar + 0x04;
		break;
	case ARM32_INJECT_PABT:
		mode = PSR_MODE_ABT;
		write_cp15(IFSR, fsr);
		write_cp15(IFAR, addr);
		BANKED_WRITE(SPSR_abt, f->spsr);
		BANKED_WRITE(LR_abt, f->elr + 4);
		f->elr = vbar + 0x0c;
		break;
	default:
		mode = PSR_MODE_ABT;
		write_cp15(DFSR, fsr | (is_write ? DFSR_WNR : 0));
		write_cp15(DFAR, addr);
		BANKED_WRITE(SPSR_abt, f->spsr);
		BANKED_WRITE(LR_abt, f->elr + 8);
		f->elr = vbar + 0x10;
		break;
	}
	cpsr = (f->spsr & ~PSR_ENTRY_CLEAR) | mode | PSR_I | PSR_A;
	if (sctlr & SCTLR_TE)
		cpsr |= PSR_T;
	if (sctlr & SCTLR_EE)
		cpsr |= PSR_E;
	f->spsr = cpsr;
}
