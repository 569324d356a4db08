/* SPDX-License-Identifier: Apache-2.0 */
/* SBI hart state management and system suspend for guests: start, stop, status, suspend. */
#include <bulwark/arch.h>
#include <bulwark/cpu_event.h>
#include <bulwark/vm.h>
#include <asm/csr.h>
#include <asm/sbi_args.h>
#include <asm/sbi_emul.h>
#include <asm/virt.h>

#define GUEST_IRQS (HVIP_VSSIP | HVIP_VSTIP | HVIP_VSEIP)

static struct sbiret result(long error, long value)
{
	return (struct sbiret){error, value};
}

static bool executable_guest_address(struct vm *vm, u64 gpa)
{
	for (u32 i = 0; i < vm->desc->nr_regions; i++) {
		const struct vmconf_region *r = &vm->desc->regions[i];

		if (gpa >= r->guest_base && gpa - r->guest_base < r->size)
			return (r->access & VMCONF_ACCESS_EXEC) != 0;
	}
	return false;
}

/*
 * The HSM state another hart sees. STOP_PENDING, SUSPEND_PENDING and
 * RESUME_PENDING are never observable: those transitions complete within
 * one SBI call on the vCPU's own hart, under no lock a reader could wait
 * on (the SBI allows an implementation to pass through them at once).
 */
static long hart_status(const struct vcpu *t)
{
	switch (t->state) {
	case VCPU_RUNNING:
		return t->arch.hsm_suspended ? SBI_HSM_SUSPENDED : SBI_HSM_STARTED;
	case VCPU_START_PENDING:
		return SBI_HSM_START_PENDING;
	case VCPU_SUSPENDED:
		return SBI_HSM_SUSPENDED;
	default:
		return SBI_HSM_STOPPED;
	}
}

/*
 * A guest interrupt that would end a wfi: pending and enabled in vsie (an
 * alias of hie's VS bits), whatever vsstatus.SIE says. With Sstc for
 * guests the timer's pending bit comes from vstimecmp, read here directly.
 */
static bool guest_interrupt_pending(void)
{
	unsigned long enabled = csr_read(CSR_HIE) & GUEST_IRQS;
	unsigned long pending = (csr_read(CSR_HIP) | csr_read(CSR_HVIP)) & GUEST_IRQS;

	if (riscv_guest_sstc && (enabled & HVIP_VSTIP) &&
	    arch_counter_read() >= csr_read64(CSR_VSTIMECMP, CSR_VSTIMECMPH))
		pending |= HVIP_VSTIP;
	return (pending & enabled) != 0;
}

/*
 * The calling vCPU sleeps on its own hart until one of its interrupts is
 * pending (HSM suspend, SUSP), or until its VM stops. It keeps taking the
 * events other CPUs post (fences, interrupt lines, stop), and the hart's
 * wfi wakes on VS-level interrupts enabled in hie as well as on its own.
 */
static void wait_for_guest_interrupt(struct vcpu *v)
{
	v->arch.hsm_suspended = 1;
	for (;;) {
		cpu_handle_events(v->cpu);
		if (v->state != VCPU_RUNNING || v->vm->state != VM_RUNNING)
			break;
		if (guest_interrupt_pending())
			break;
		arch_idle(v->cpu);
	}
	v->arch.hsm_suspended = 0;
}

/* Resumes the hart at resume_addr as if just started (non-retentive suspend, SUSP). */
static struct sbiret resume_at(struct vcpu *v, unsigned long resume_addr, unsigned long opaque)
{
	struct guest_frame *f = &v->arch.frame;

	csr_clear(CSR_VSSTATUS, SSTATUS_SIE);
	csr_write(CSR_VSATP, 0);
	f->sepc = resume_addr;
	f->regs[10] = v->index;
	f->regs[11] = opaque;
	return result(SBI_RESULT_REDIRECTED, 0);
}

static struct sbiret hart_suspend(struct vcpu *v, unsigned long type, unsigned long resume_addr,
				  unsigned long opaque)
{
	switch (sbi_hsm_suspend_kind(type)) {
	case SBI_SUSPEND_RETENTIVE:
		wait_for_guest_interrupt(v);
		return result(SBI_SUCCESS, 0);
	case SBI_SUSPEND_NON_RETENTIVE:
		if (!executable_guest_address(v->vm, resume_addr))
			return result(SBI_ERR_INVALID_ADDRESS, 0);
		wait_for_guest_interrupt(v);
		return resume_at(v, resume_addr, opaque);
	default:
		return result(SBI_ERR_INVALID_PARAM, 0);
	}
}

struct sbiret riscv_sbi_hsm(struct vcpu *v, unsigned long fid, unsigned long a0, unsigned long a1,
			    unsigned long a2)
{
	struct vm *vm = v->vm;

	switch (fid) {
	case SBI_HSM_HART_START:
		if (a0 >= vm->nr_vcpus)
			return result(SBI_ERR_INVALID_PARAM, 0);
		if (!executable_guest_address(vm, a1))
			return result(SBI_ERR_INVALID_ADDRESS, 0);
		if (vcpu_start_sibling(v, (unsigned int)a0, a1, a0, a2))
			return result(SBI_ERR_ALREADY_AVAILABLE, 0);
		return result(SBI_SUCCESS, 0);
	case SBI_HSM_HART_STOP:
		vcpu_stop_self(v);
	case SBI_HSM_HART_GET_STATUS:
		if (a0 >= vm->nr_vcpus)
			return result(SBI_ERR_INVALID_PARAM, 0);
		return result(SBI_SUCCESS, hart_status(vm->vcpus[a0]));
	case SBI_HSM_HART_SUSPEND:
		return hart_suspend(v, a0, a1, a2);
	default:
		return result(SBI_ERR_NOT_SUPPORTED, 0);
	}
}

/*
 * SUSP: suspend-to-RAM of the calling VM alone, once every other hart of it
 * is STOPPED. The VM's RAM stays as it is; the hart sleeps until one of
 * its interrupts is pending, then resumes at resume_addr.
 */
struct sbiret riscv_sbi_susp(struct vcpu *v, unsigned long fid, unsigned long a0, unsigned long a1,
			     unsigned long a2)
{
	struct vm *vm = v->vm;
	long error;

	if (fid != SBI_SUSP_SYSTEM_SUSPEND)
		return result(SBI_ERR_NOT_SUPPORTED, 0);
	error = sbi_susp_check(a0);
	if (error)
		return result(error, 0);
	for (unsigned int i = 0; i < vm->nr_vcpus; i++)
		if (vm->vcpus[i] != v && vm->vcpus[i]->state != VCPU_OFF)
			return result(SBI_ERR_DENIED, 0);
	if (!executable_guest_address(vm, a1))
		return result(SBI_ERR_INVALID_ADDRESS, 0);
	wait_for_guest_interrupt(v);
	return resume_at(v, a1, a2);
}
