/* SPDX-License-Identifier: Apache-2.0 */
/* The SBI as guests see it: BASE, TIME, IPI, RFENCE, SRST, DBCN, legacy calls, and the dispatch. */
#include <bulwark/arch.h>
#include <bulwark/bench_probe.h>
#include <bulwark/cpu_event.h>
#include <bulwark/hypercall.h>
#include <bulwark/mem.h>
#include <bulwark/printk.h>
#include <bulwark/vconsole.h>
#include <asm/csr.h>
#include <asm/sbi.h>
#include <asm/sbi_args.h>
#include <asm/sbi_emul.h>
#include <asm/virt.h>

/* Implementation id and version identify Bulwark 0.1. */
#define BULWARK_SBI_IMPL_ID	 0x4257UL /* "BW", not a registered id */
#define BULWARK_SBI_IMPL_VERSION 0x000100UL

static struct sbiret ok(long value)
{
	return (struct sbiret){SBI_SUCCESS, value};
}

static struct sbiret err(long error)
{
	return (struct sbiret){error, 0};
}

static bool extension_present(unsigned long ext)
{
	switch (ext) {
	case SBI_EXT_BASE:
	case SBI_EXT_TIME:
	case SBI_EXT_IPI:
	case SBI_EXT_RFENCE:
	case SBI_EXT_HSM:
	case SBI_EXT_SRST:
	case SBI_EXT_DBCN:
	case SBI_EXT_SUSP:
	case SBI_EXT_FWFT:
	case SBI_EXT_DBTR:
	case SBI_EXT_LEGACY_SET_TIMER:
	case SBI_EXT_LEGACY_PUTCHAR:
	case SBI_EXT_LEGACY_GETCHAR:
	case SBI_EXT_LEGACY_SHUTDOWN:
	case SBI_EXT_BULWARK_HYPERCALL:
		return true;
	default:
		return false;
	}
}

static struct sbiret sbi_base(unsigned long fid, unsigned long a0)
{
	switch (fid) {
	case SBI_BASE_GET_SPEC_VERSION:
		return ok((long)sbi_spec_version(SBI_SPEC_MAJOR, SBI_SPEC_MINOR));
	case SBI_BASE_GET_IMPL_ID:
		return ok(BULWARK_SBI_IMPL_ID);
	case SBI_BASE_GET_IMPL_VERSION:
		return ok(BULWARK_SBI_IMPL_VERSION);
	case SBI_BASE_PROBE_EXTENSION:
		return ok(extension_present(a0));
	case SBI_BASE_GET_MVENDORID:
	case SBI_BASE_GET_MARCHID:
	case SBI_BASE_GET_MIMPID:
		return ok(0);
	default:
		return err(SBI_ERR_NOT_SUPPORTED);
	}
}

static struct sbiret sbi_ipi(struct vcpu *v, unsigned long fid, unsigned long mask,
			     unsigned long base)
{
	u64 targets;

	if (fid != SBI_IPI_SEND_IPI)
		return err(SBI_ERR_NOT_SUPPORTED);
	if (!sbi_hart_mask_decode(mask, base, v->vm->nr_vcpus, &targets))
		return err(SBI_ERR_INVALID_PARAM);
	for (unsigned int i = 0; i < v->vm->nr_vcpus; i++)
		if (targets & (1ULL << i))
			riscv_vcpu_raise_soft(v->vm->vcpus[i]);
	return ok(0);
}

/* Fences the targets' guest translations and waits until each has done it. */
static struct sbiret sbi_rfence(struct vcpu *v, unsigned long fid, unsigned long mask,
				unsigned long base)
{
	enum cpu_event event = fid == SBI_RFENCE_FENCE_I ? CPU_EVENT_FENCE_I : CPU_EVENT_FENCE_VMA;
	u64 targets;

	if (fid > SBI_RFENCE_SFENCE_VMA_ASID)
		return err(SBI_ERR_NOT_SUPPORTED); /* the hfence calls are for hypervisors */
	if (!sbi_hart_mask_decode(mask, base, v->vm->nr_vcpus, &targets))
		return err(SBI_ERR_INVALID_PARAM);
	for (unsigned int i = 0; i < v->vm->nr_vcpus; i++) {
		struct vcpu *t = v->vm->vcpus[i];

		if (!(targets & (1ULL << i)))
			continue;
		if (t == v || t->state != VCPU_RUNNING) {
			/* Its next entry starts from flushed translations anyway. */
			if (t == v)
				mem_flush_guest(v->cpu, event == CPU_EVENT_FENCE_I);
			continue;
		}
		cpu_event_post(t->cpu, event);
		while ((cpu_event_pending(t->cpu) & (1UL << event)) && t->state == VCPU_RUNNING)
			cpu_handle_events(v->cpu); /* it may be fencing us right now */
	}
	return ok(0);
}

static struct sbiret sbi_srst(struct vcpu *v, unsigned long fid, unsigned long type,
			      unsigned long reason)
{
	long error;

	if (fid != SBI_SRST_SYSTEM_RESET)
		return err(SBI_ERR_NOT_SUPPORTED);
	error = sbi_srst_check(type, reason);
	if (error)
		return err(error);
	switch (sbi_u32(type)) {
	case SBI_SRST_TYPE_SHUTDOWN:
		vm_stop(v->vm, "shut down by its guest (SBI system reset)");
		return ok(0);
	case SBI_SRST_TYPE_COLD_REBOOT:
	case SBI_SRST_TYPE_WARM_REBOOT:
		pr_info("vm '%s' asked to reboot", v->vm->desc->name);
		vm_reboot(v->vm);
		return ok(0);
	default:
		return err(SBI_ERR_INVALID_PARAM);
	}
}

/*
 * The guest handed the SBI an address outside its memory: reported like a
 * stray access. Stopped per its layout, or told INVALID_PARAM.
 */
static struct sbiret bad_pointer(struct vcpu *v, const char *what, u64 gpa)
{
	vm_contain(v, what, gpa, v->arch.frame.sepc, "an SBI call pointed outside the VM's memory",
		   "SBI error returned");
	return err(SBI_ERR_INVALID_PARAM);
}

static struct sbiret sbi_dbcn(struct vcpu *v, unsigned long fid, unsigned long a0, unsigned long a1,
			      unsigned long a2)
{
	u64 gpa = a1 | ((u64)a2 << 32);
	char *buf;

	/* On RV64 the high half is beyond any address the VM can own. */
	if (__riscv_xlen == 64 && a2 && fid != SBI_DBCN_WRITE_BYTE)
		return bad_pointer(v, "console buffer at", gpa);
	if (__riscv_xlen == 64)
		gpa = a1;
	switch (fid) {
	case SBI_DBCN_WRITE:
		buf = vm_guest_ram(v->vm, gpa, a0);
		if (!buf)
			return bad_pointer(v, "console write from", gpa);
		for (unsigned long i = 0; i < a0; i++)
			vconsole_putc(v->vm, buf[i]);
		return ok((long)a0);
	case SBI_DBCN_READ: {
		unsigned long n = 0;
		int c;

		buf = vm_guest_ram(v->vm, gpa, a0);
		if (!buf)
			return bad_pointer(v, "console read into", gpa);
		while (n < a0 && (c = vconsole_getc(v->vm)) >= 0)
			buf[n++] = (char)c;
		return ok((long)n);
	}
	case SBI_DBCN_WRITE_BYTE:
		vconsole_putc(v->vm, (char)a0);
		return ok(0);
	default:
		return err(SBI_ERR_NOT_SUPPORTED);
	}
}

void riscv_sbi_call(struct vcpu *v)
{
	struct guest_frame *f = &v->arch.frame;
	unsigned long ext = f->regs[17], fid = f->regs[16];
	unsigned long a0 = f->regs[10], a1 = f->regs[11], a2 = f->regs[12];
	struct sbiret ret;

	/* The call returns to the next instruction unless a handler moves pc. */
	f->sepc += 4;
	bench_mark(BENCH_PT_DECODE);
	switch (ext) {
	case SBI_EXT_BASE:
		ret = sbi_base(fid, a0);
		break;
	case SBI_EXT_TIME:
		if (fid != SBI_TIME_SET_TIMER) {
			ret = err(SBI_ERR_NOT_SUPPORTED);
			break;
		}
		riscv_vtimer_set(v, sbi_u64_arg(a0, a1));
		ret = ok(0);
		break;
	case SBI_EXT_IPI:
		ret = sbi_ipi(v, fid, a0, a1);
		break;
	case SBI_EXT_RFENCE:
		ret = sbi_rfence(v, fid, a0, a1);
		break;
	case SBI_EXT_HSM:
		ret = riscv_sbi_hsm(v, fid, a0, a1, a2);
		break;
	case SBI_EXT_SRST:
		ret = sbi_srst(v, fid, a0, a1);
		break;
	case SBI_EXT_DBCN:
		ret = sbi_dbcn(v, fid, a0, a1, a2);
		break;
	case SBI_EXT_SUSP:
		ret = riscv_sbi_susp(v, fid, a0, a1, a2);
		break;
	case SBI_EXT_FWFT:
		ret = riscv_sbi_fwft(v, fid, a0, a1, a2);
		break;
	case SBI_EXT_DBTR:
		ret = riscv_sbi_dbtr(v, fid, a0, a1, a2);
		break;
	case SBI_EXT_BULWARK_HYPERCALL:
		/* Bao's ABI: the id in a6, the result in a0 alone. */
		f->regs[10] = (unsigned long)hypercall(v, fid, a0, a1, a2);
		return;
	case SBI_EXT_LEGACY_SET_TIMER:
		riscv_vtimer_set(v, sbi_u64_arg(a0, a1));
		f->regs[10] = 0;
		return;
	case SBI_EXT_LEGACY_PUTCHAR:
		vconsole_putc(v->vm, (char)a0);
		f->regs[10] = 0;
		return;
	case SBI_EXT_LEGACY_GETCHAR:
		f->regs[10] = (unsigned long)(long)vconsole_getc(v->vm);
		return;
	case SBI_EXT_LEGACY_SHUTDOWN:
		vm_stop(v->vm, "shut down by its guest (legacy SBI call)");
		return;
	default:
		ret = err(SBI_ERR_NOT_SUPPORTED);
		break;
	}
	if (ret.error == SBI_RESULT_REDIRECTED)
		return;
	f->regs[10] = (unsigned long)ret.error;
	f->regs[11] = (unsigned long)ret.value;
}
