/* SPDX-License-Identifier: Apache-2.0 */
/* Guest-page faults on loads and stores: emulated MMIO, or a contained guest. */
#include <bulwark/bench_probe.h>
#include <bulwark/compiler.h>
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

/* Without a transformed instruction in htinst, the one at sepc, read as the guest would. */
static enum insn_decode_status fetch_and_decode(struct guest_frame *f, struct insn_access *a)
{
	unsigned int len;
	u32 bits;

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

static __noinline void contain(struct vcpu *v, bool is_store, u64 gpa, const char *why)
{
	struct guest_frame *f = &v->arch.frame;

	if (vm_contain(v, is_store ? "store to" : "load from", gpa, f->sepc, why,
		       VM_FAULT_INJECTED))
		riscv_inject_exception(v, is_store ? EXC_STORE_ACCESS : EXC_LOAD_ACCESS, f->stval);
}

/* The decoded access on window w at gpa: to the model, then to the guest's registers. */
static inline void emulate(struct vcpu *v, const struct mmio_window *w, u64 gpa,
			   enum insn_decode_status status, const struct insn_access *insn,
			   bool is_store)
{
	struct guest_frame *f = &v->arch.frame;
	struct mmio_access access;
	enum mmio_result result;

	if (unlikely(status != INSN_DECODED || insn->is_store != is_store)) {
		contain(v, is_store, gpa, "an instruction the hypervisor cannot emulate on MMIO");
		return;
	}
	access.addr = gpa;
	access.offset = gpa - w->base;
	access.width = insn->width;
	access.is_write = is_store;
	access.value = 0;
	if (is_store) {
		access.value = f->regs[insn->reg];
		if (insn->width < 8)
			access.value &= (1ULL << (insn->width * 8)) - 1;
	}
	bench_mark(BENCH_PT_DECODE);
	result = w->access(v, &access, w->ctx);
	bench_mark(BENCH_PT_MODEL);
	if (unlikely(result != MMIO_OK)) {
		contain(v, is_store, gpa,
			result == MMIO_DENIED
			    ? "the VM does not own that interrupt or register"
			    : "an access width or alignment the device does not support");
		return;
	}
	if (!is_store && insn->reg != 0)
		riscv_guest_set_reg(f, insn->reg,
				    (unsigned long)(insn->sign_extend
							? sign_extend(access.value, insn->width)
							: access.value));
	f->sepc += insn->length;
}

/* No transformed instruction in htinst: decode the one at sepc (kept out of the common path). */
static __noinline void emulate_fetched(struct vcpu *v, const struct mmio_window *w, u64 gpa,
				       bool is_store)
{
	struct insn_access insn;
	enum insn_decode_status status = fetch_and_decode(&v->arch.frame, &insn);

	emulate(v, w, gpa, status, &insn, is_store);
}

void riscv_guest_page_fault(struct vcpu *v, bool is_store)
{
	struct guest_frame *f = &v->arch.frame;
	u64 gpa = ((u64)f->htval << 2) | (f->stval & 3);
	const struct mmio_window *w = mmio_find(v->vm->id, gpa);
	struct insn_access insn;
	enum insn_decode_status status;

	if (unlikely(!w)) {
		contain(v, is_store, gpa,
			"no memory region or device of the VM's layout covers it");
		return;
	}
	/* What htinst holds is decoded inline; its absence is the rare case. */
	status = insn_decode_htinst(f->htinst, __riscv_xlen, &insn);
	if (unlikely(status == INSN_NO_HINT))
		emulate_fetched(v, w, gpa, is_store);
	else
		emulate(v, w, gpa, status, &insn, is_store);
}
