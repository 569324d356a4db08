/* SPDX-License-Identifier: Apache-2.0 */
/* SBI hart state management for guests: start, stop, status and suspend of vCPUs. */
#include <asm/csr.h>
#include <asm/sbi_emul.h>
#include <asm/virt.h>

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

static long hart_status(const struct vcpu *t)
{
	switch (t->state) {
	case VCPU_RUNNING:
		return SBI_HSM_STARTED;
	case VCPU_START_PENDING:
		return SBI_HSM_START_PENDING;
	case VCPU_SUSPENDED:
		return SBI_HSM_SUSPENDED;
	default:
		return SBI_HSM_STOPPED;
	}
}

/* Non-retentive suspend: the hart wakes at resume_addr as if just started. */
static struct sbiret resume_at(struct vcpu *v, unsigned long resume_addr, unsigned long opaque)
{
	struct guest_frame *f = &v->arch.frame;

	if (!executable_guest_address(v->vm, resume_addr))
		return result(SBI_ERR_INVALID_ADDRESS, 0);
	csr_clear(CSR_VSSTATUS, SSTATUS_SIE);
	csr_write(CSR_VSATP, 0);
	f->sepc = resume_addr;
	f->regs[10] = v->index;
	f->regs[11] = opaque;
	return result(SBI_RESULT_REDIRECTED, 0);
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
		/*
		 * Retentive: wait for an interrupt. wfi here wakes on the guest's
		 * pending interrupts too; an early return is allowed by the SBI.
		 */
		if (a0 == 0) {
			__asm__ __volatile__("wfi" ::: "memory");
			return result(SBI_SUCCESS, 0);
		}
		if (a0 == SBI_HSM_SUSPEND_NON_RETENTIVE)
			return resume_at(v, a1, a2);
		return result(SBI_ERR_INVALID_PARAM, 0);
	default:
		return result(SBI_ERR_NOT_SUPPORTED, 0);
	}
}
