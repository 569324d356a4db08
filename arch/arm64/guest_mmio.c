/* SPDX-License-Identifier: Apache-2.0 */
/* Stage-2 data aborts: emulated MMIO from the syndrome, or a contained guest. */
#include <bulwark/mmio.h>
#include <asm/esr.h>
#include <asm/virt.h>

static void contain(struct vcpu *v, const struct esr_data_abort *a, u64 ipa, const char *why)
{
	struct guest_frame *f = &v->arch.frame;

	if (vm_contain(v, a->is_write ? "store to" : "load from", ipa, f->elr, why,
		       VM_FAULT_INJECTED))
		arm64_inject_sync(v, esr_guest_abort(false, a->is_write, arm64_guest_from_el0(f)),
				  f->far);
}

void arm64_guest_data_abort(struct vcpu *v)
{
	struct guest_frame *f = &v->arch.frame;
	u64 ipa = arm64_fault_ipa(f);
	const struct mmio_window *w = mmio_find(v->vm->id, ipa);
	struct esr_data_abort a;
	struct mmio_access access;
	enum mmio_result result;

	esr_decode_data_abort(f->esr, &a);
	if (!w) {
		contain(v, &a, ipa, "no memory region or device of the VM's layout covers it");
		return;
	}
	/* No syndrome (a load/store pair, writeback, ...) or the guest's own table walk. */
	if (!a.valid || a.s1ptw) {
		contain(v, &a, ipa, "an instruction the hypervisor cannot emulate on MMIO");
		return;
	}
	access.addr = ipa;
	access.offset = ipa - w->base;
	access.width = a.width;
	access.is_write = a.is_write;
	access.value = a.is_write && a.reg != 31 ? f->regs[a.reg] : 0;
	if (a.width < 8)
		access.value &= (1ULL << (a.width * 8)) - 1;
	result = w->access(v, &access, w->ctx);
	if (result == MMIO_DENIED) {
		contain(v, &a, ipa, "the VM does not own that interrupt or register");
		return;
	}
	if (result != MMIO_OK) {
		contain(v, &a, ipa, "an access width or alignment the device does not support");
		return;
	}
	if (!a.is_write && a.reg != 31)
		f->regs[a.reg] = esr_load_value(&a, access.value);
	f->elr += 4;
}
