/* SPDX-License-Identifier: Apache-2.0 */
/* Running a vCPU on its hart: per-CPU setup, guest entry, interrupt lines, idling. */
#include <bulwark/arch.h>
#include <bulwark/cpu_event.h>
#include <bulwark/irq.h>
#include <bulwark/irqchip.h>
#include <bulwark/mem.h>
#include <bulwark/string.h>
#include <bulwark/virq.h>
#include <asm/atomic.h>
#include <asm/csr.h>
#include <asm/riscv.h>
#include <asm/sbi.h>
#include <asm/sbi_emul.h>
#include <asm/virt.h>

/* Zicfilp/Zicfiss: a missing landing pad or a shadow-stack mismatch. */
#define EXC_SOFTWARE_CHECK 18

/*
 * Exceptions the guest handles itself: misaligned accesses, access faults,
 * illegal instructions, breakpoints, ecalls from VU-mode, its own page
 * faults and the software checks of the CFI features SBI FWFT lets it turn
 * on (WARL: the bit stays 0 on a hart without them). Guest-page faults,
 * virtual instructions and ecalls from VS-mode come to the hypervisor.
 */
#define HEDELEG_GUEST                                                                              \
	((1UL << EXC_INSN_MISALIGNED) | (1UL << EXC_INSN_ACCESS) | (1UL << EXC_ILLEGAL_INSN) |     \
	 (1UL << EXC_BREAKPOINT) | (1UL << EXC_LOAD_MISALIGNED) | (1UL << EXC_LOAD_ACCESS) |       \
	 (1UL << EXC_STORE_MISALIGNED) | (1UL << EXC_STORE_ACCESS) | (1UL << EXC_ECALL_U) |        \
	 (1UL << EXC_INSN_PAGE_FAULT) | (1UL << EXC_LOAD_PAGE_FAULT) |                             \
	 (1UL << EXC_STORE_PAGE_FAULT) | (1UL << EXC_SOFTWARE_CHECK))
#define HIDELEG_GUEST (HVIP_VSSIP | HVIP_VSTIP | HVIP_VSEIP)
/* The guest reads cycle, time and instret without exits. */
#define HCOUNTEREN_GUEST 0x7UL

void arch_cpu_virt_init(unsigned int cpu)
{
	csr_write(CSR_HEDELEG, HEDELEG_GUEST);
	csr_write(CSR_HIDELEG, HIDELEG_GUEST);
	csr_write(CSR_HCOUNTEREN, HCOUNTEREN_GUEST);
	csr_write64(CSR_HENVCFG, CSR_HENVCFGH, riscv_guest_sstc ? HENVCFG_STCE : 0);
	csr_write64(CSR_HTIMEDELTA, CSR_HTIMEDELTAH, 0);
	csr_write(CSR_HVIP, 0);
	if (riscv_has_sstc)
		csr_write_timecmp(CSR_STIMECMP, CSR_STIMECMPH, ~0ULL);
	irqchip_cpu_init(cpu);
	csr_set(CSR_SIE, SIP_SSIP | SIP_STIP | SIP_SEIP);
}

static unsigned long stack_top(unsigned int cpu)
{
	return (unsigned long)__cpu_stacks_start + (cpu + 1UL) * CONFIG_CPU_STACK_SIZE;
}

/* Back to reset values for everything of the guest's that lives in the hart. */
static void reset_guest_csrs(struct vcpu *v)
{
	csr_write(CSR_VSSTATUS, 0);
	csr_write(CSR_VSIE, 0);
	csr_write(CSR_VSTVEC, 0);
	csr_write(CSR_VSSCRATCH, 0);
	csr_write(CSR_VSEPC, 0);
	csr_write(CSR_VSCAUSE, 0);
	csr_write(CSR_VSTVAL, 0);
	csr_write(CSR_VSATP, 0);
	csr_write(CSR_HVIP, 0);
	if (riscv_guest_sstc)
		csr_write_timecmp(CSR_VSTIMECMP, CSR_VSTIMECMPH, ~0ULL);
	v->arch.timer_deadline = ~0ULL;
	v->arch.ssip_pending = 0;
	riscv_sbi_vcpu_reset(v);
	mem_vcpu_load(v);
}

void arch_vcpu_start(struct vcpu *v)
{
	struct guest_frame *f = &v->arch.frame;
	unsigned long hstatus = csr_read(CSR_HSTATUS);

	memset(f, 0, sizeof(*f));
	f->regs[10] = (unsigned long)v->start_arg0;
	f->regs[11] = (unsigned long)v->start_arg1;
	f->sepc = (unsigned long)v->start_pc;
	/*
	 * sret lands in VS-mode (SPP with hstatus.SPV) with interrupts off. FS
	 * stays on at HS level so the guest's own vsstatus.FS alone decides
	 * whether it may use the FPU, which is its alone on this hart.
	 */
	f->sstatus = SSTATUS_SPP | SSTATUS_FS;
	f->hstatus = (hstatus & ~HSTATUS_GVA) | HSTATUS_SPV | HSTATUS_SPVP;
	f->hyp_sp = stack_top(v->cpu);
	f->hyp_tp = v->cpu;
	reset_guest_csrs(v);
	virq_vcpu_start(v);
	arch_vcpu_sync_lines(v);
	riscv_guest_enter(f);
}

void arch_vcpu_sync_lines(struct vcpu *v)
{
	/* The interrupt model first: it may hand a new level to vcpu_set_external_irq. */
	virq_vcpu_sync(v);
	if (arch_atomic_swap_ulong(&v->arch.ssip_pending, 0))
		csr_set(CSR_HVIP, HVIP_VSSIP);
	if (v->arch.seip_level)
		csr_set(CSR_HVIP, HVIP_VSEIP);
	else
		csr_clear(CSR_HVIP, HVIP_VSEIP);
}

/* Applies the lines now when v runs here, or asks v's CPU to. */
static void lines_changed(struct vcpu *v)
{
	if (v->cpu == arch_cpu_id())
		arch_vcpu_sync_lines(v);
	else
		cpu_event_post(v->cpu, CPU_EVENT_LINES);
}

void vcpu_set_external_irq(struct vcpu *v, bool pending)
{
	v->arch.seip_level = pending;
	lines_changed(v);
}

void riscv_vcpu_raise_soft(struct vcpu *v)
{
	arch_atomic_or_ulong(&v->arch.ssip_pending, 1);
	lines_changed(v);
}

void arch_send_event_ipi(unsigned int cpu)
{
	(void)sbi_send_ipi(1UL << arch_cpu_hw_id(cpu), 0);
}

/* Handles whatever interrupts are pending; interrupts stay off throughout. */
static void handle_pending_interrupts(unsigned int cpu)
{
	unsigned long pending = csr_read(CSR_SIP) & csr_read(CSR_SIE);

	if (pending & SIP_SSIP)
		csr_clear(CSR_SIP, SIP_SSIP);
	if (pending & SIP_SEIP)
		irq_handle(cpu);
	if (pending & SIP_STIP)
		riscv_timer_interrupt(cpu);
}

void arch_idle(unsigned int cpu)
{
	/* wfi wakes on any enabled pending interrupt even with sstatus.SIE off. */
	if (!cpu_event_pending(cpu))
		__asm__ __volatile__("wfi" ::: "memory");
	handle_pending_interrupts(cpu);
}

void riscv_inject_exception(struct vcpu *v, unsigned long cause, unsigned long tval)
{
	struct guest_frame *f = &v->arch.frame;
	unsigned long vsstatus = csr_read(CSR_VSSTATUS);

	/* What a trap into VS-mode does: save pc and privilege, mask interrupts. */
	vsstatus &= ~(SSTATUS_SPP | SSTATUS_SPIE | SSTATUS_SIE);
	if (f->sstatus & SSTATUS_SPP)
		vsstatus |= SSTATUS_SPP;
	if (csr_read(CSR_VSSTATUS) & SSTATUS_SIE)
		vsstatus |= SSTATUS_SPIE;
	csr_write(CSR_VSSTATUS, vsstatus);
	csr_write(CSR_VSEPC, f->sepc);
	csr_write(CSR_VSCAUSE, cause);
	csr_write(CSR_VSTVAL, tval);
	f->sepc = csr_read(CSR_VSTVEC) & ~3UL;
	f->sstatus |= SSTATUS_SPP;
}
