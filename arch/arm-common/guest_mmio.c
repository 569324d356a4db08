/* SPDX-License-Identifier: Apache-2.0 */
/* Stage-2 data aborts: emulated MMIO from the syndrome, or a contained guest. */
#include <bulwark/bench_probe.h>
#include <bulwark/mmio.h>
#include <asm/arm_guest.h>
#include <asm/esr.h>

static void contain(struct vcpu *v, const struct esr_data_abort *a, gpa_t ipa, const char *why)
{
	if (vm_contain(v, a->is_write ? "store to" : "load from", ipa, arm_guest_pc(v), why,
		       VM_FAULT_INJECTED))
		arm_guest_inject_abort(v, false, a->is_write);
}

static void refused(struct vcpu *v, const struct esr_data_abort *a, gpa_t ipa,
		    enum mmio_result result)
{
	if (result == MMIO_DENIED)
		contain(v, a, ipa, "the VM does not own that interrupt or register");
	else
		contain(v, a, ipa, "an access width or alignment the device does not support");
}

void arm_guest_mmio_refused(struct vcpu *v, enum mmio_result result)
{
	struct esr_data_abort a;

	esr_decode_data_abort(arm_guest_syndrome(v), &a);
	refused(v, &a, arm_guest_fault_ipa(v), result);
}

void arm_guest_data_abort(struct vcpu *v)
{
	gpa_t ipa = arm_guest_fault_ipa(v);
	const struct mmio_window *w = mmio_find(v->vm->id, ipa);
	struct esr_data_abort a;
	struct mmio_access access;
	enum mmio_result result;

	esr_decode_data_abort(arm_guest_syndrome(v), &a);
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
	access.value = a.is_write ? arm_guest_reg(v, a.reg) : 0;
	if (a.width < 8)
		access.value &= (1ULL << (a.width * 8)) - 1;
	bench_mark(BENCH_PT_DECODE);
	result = w->access(v, &access, w->ctx);
	bench_mark(BENCH_PT_MODEL);
	if (result != MMIO_OK) {
		refused(v, &a, ipa, result);
		return;
	}
	if (!a.is_write)
		arm_guest_set_reg(v, a.reg, (register_t)esr_load_value(&a, access.value));
	arm_guest_skip_insn(v);
}
