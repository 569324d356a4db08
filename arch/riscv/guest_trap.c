/* SPDX-License-Identifier: Apache-2.0 */
/* Traps from a running guest: SBI calls, guest-page faults, interrupts. */
#include <bulwark/bench_probe.h>
#include <bulwark/irq.h>
#include <bulwark/printk.h>
#include <bulwark/virq.h>
#include <asm/csr.h>
#include <asm/virt.h>

static void guest_interrupt(struct vcpu *v, unsigned long code)
{
	switch (code) {
	case IRQ_S_SOFT:
		/* Posted events are handled on the way back to the guest. */
		csr_clear(CSR_SIP, SIP_SSIP);
		break;
	case IRQ_S_EXT:
		irq_handle(v->cpu);
		break;
	case IRQ_S_TIMER:
		riscv_timer_interrupt(v->cpu);
		break;
	default:
		pr_warn("CPU %u: unexpected interrupt %lu while vm '%s' ran", v->cpu, code,
			v->vm->desc->name);
		break;
	}
}

static void guest_exception(struct vcpu *v, unsigned long cause)
{
	struct guest_frame *f = &v->arch.frame;

	switch (cause) {
	case EXC_ECALL_VS:
		riscv_sbi_call(v);
		bench_mark(BENCH_PT_MODEL);
		break;
	case EXC_LOAD_GUEST_PAGE_FAULT:
		riscv_guest_page_fault(v, false);
		break;
	case EXC_STORE_GUEST_PAGE_FAULT:
		riscv_guest_page_fault(v, true);
		break;
	case EXC_INSN_GUEST_PAGE_FAULT:
		if (vm_contain(v, "instruction fetch at", ((u64)f->htval << 2) | (f->stval & 3),
			       f->sepc, "no executable memory of the VM's layout covers it",
			       VM_FAULT_INJECTED))
			riscv_inject_exception(v, EXC_INSN_ACCESS, f->stval);
		break;
	case EXC_VIRTUAL_INSN:
		/*
		 * An instruction the guest may not run in VS-mode (say stimecmp
		 * without Sstc for guests): to the guest it does not exist.
		 */
		riscv_inject_exception(v, EXC_ILLEGAL_INSN, f->stval);
		break;
	default:
		if (vm_contain(v, "unexpected trap at", f->sepc, f->sepc, "cause not delegated",
			       VM_FAULT_INJECTED))
			riscv_inject_exception(v, cause, f->stval);
		break;
	}
}

struct guest_frame *riscv_guest_trap(struct guest_frame *f)
{
	struct vcpu *v = frame_vcpu(f);

	bench_mark(BENCH_PT_ENTRY);
	/* An emulated MMIO read, the commonest exit of all, goes straight to its handler. */
	if (f->scause == EXC_LOAD_GUEST_PAGE_FAULT)
		riscv_guest_page_fault(v, false);
	else if (f->scause & SCAUSE_INTERRUPT)
		guest_interrupt(v, f->scause & ~SCAUSE_INTERRUPT);
	else
		guest_exception(v, f->scause);
	vcpu_after_trap(v);
	virq_vcpu_resume(v, v->cpu); /* nothing for the PLIC (include/bulwark/virq.h) */
	bench_mark(BENCH_PT_RETURN);
	return f;
}
