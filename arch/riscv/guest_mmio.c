/* SPDX-License-Identifier: Apache-2.0 */
/* Guest-page faults on loads and stores: emulated MMIO, or a contained guest. */
#include <bulwark/bench_probe.h>
#include <bulwark/mmio.h>
#include <asm/csr.h>
#include <asm/insn_decode.h>
#include <asm/virt.h>

/* Reads 16 bits of guest instruction memory at a guest virtual address. */
static u16 fetch_guest_halfword(unsigned long gva)
{
	unsigned long value;

	/* hlvx.hu: read as the guest would execute it (VS-stage and G-stage). */
	__asm__ __volatile__(".insn r 0x73, 0x4, 0x32, %0, %1, x3"
			     : "=r"(value)
			     : "r"(gva)
			     : "memory");
	return (u16)value;
}

static enum insn_decode_status decode_access(struct guest_frame *f, struct insn_access *a)
{
	enum insn_decode_status status = insn_decode_htinst(f->htinst, __riscv_xlen, a);
	unsigned int len;
	u32 bits;

	if (status != INSN_NO_HINT)
		return status;
	bits = fetch_guest_halfword(f->sepc);
	len = insn_length((u16)bits);
	if (len == 4)
		bits |= (u32)fetch_guest_halfword(f->sepc + 2) << 16;
	return insn_decode(bits, len, __riscv_xlen, a);
}

static u64 sign_extend(u64 value, unsigned int width)
{
	unsigned int shift = 64 - width * 8;

	return (u64)((s64)(value << shift) >> shift);
}

static void contain(struct vcpu *v, bool is_store, u64 gpa, const char *why)
{
	struct guest_frame *f = &v->arch.frame;

	if (vm_contain(v, is_store ? "store to" : "load from", gpa, f->sepc, why,
		       VM_FAULT_INJECTED))
		riscv_inject_exception(v, is_store ? EXC_STORE_ACCESS : EXC_LOAD_ACCESS, f->stval);
}

void riscv_guest_page_fault(struct vcpu *v, bool is_store)
{
	struct guest_frame *f = &v->arch.frame;
	u64 gpa = ((u64)f->htval << 2) | (f->stval & 3);
	const struct mmio_window *w = mmio_find(v->vm->id, gpa);
	struct mmio_access access;
	struct insn_access insn;
	enum mmio_result result;

	if (!w) {
		contain(v, is_store, gpa,
			"no memory region or device of the VM's layout covers it");
		return;
	}
	if (decode_access(f, &insn) != INSN_DECODED || insn.is_store != is_store) {
		contain(v, is_store, gpa, "an instruction the hypervisor cannot emulate on MMIO");
		return;
	}
	access.addr = gpa;
	access.offset = gpa - w->base;
	access.width = insn.width;
	access.is_write = is_store;
	access.value = is_store ? f->regs[insn.reg] : 0;
	if (insn.width < 8)
		access.value &= (1ULL << (insn.width * 8)) - 1;
	bench_mark(BENCH_PT_DECODE);
	result = w->access(v, &access, w->ctx);
	bench_mark(BENCH_PT_MODEL);
	if (result == MMIO_DENIED) {
		contain(v, is_store, gpa, "the VM does not own that interrupt or register");
		return;
	}
	if (result != MMIO_OK) {
		contain(v, is_store, gpa,
			"an access width or alignment the device does not support");
		return;
	}
	if (!is_store && insn.reg != 0)
		f->regs[insn.reg] =
		    (unsigned long)(insn.sign_extend ? sign_extend(access.value, insn.width)
						     : access.value);
	f->sepc += insn.length;
}
