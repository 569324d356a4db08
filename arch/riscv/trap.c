/* SPDX-License-Identifier: Apache-2.0 */
/* HS-mode trap handling: feature probes are fixed up, anything else is fatal. */
#include <bulwark/arch.h>
#include <bulwark/compiler.h>
#include <bulwark/panic.h>
#include <asm/csr.h>
#include <asm/riscv.h>
#include <asm/trap.h>

static const char *const exception_names[] = {
    [EXC_INSN_MISALIGNED] = "instruction address misaligned",
    [EXC_INSN_ACCESS] = "instruction access fault",
    [EXC_ILLEGAL_INSN] = "illegal instruction",
    [EXC_BREAKPOINT] = "breakpoint",
    [EXC_LOAD_MISALIGNED] = "load address misaligned",
    [EXC_LOAD_ACCESS] = "load access fault",
    [EXC_STORE_MISALIGNED] = "store address misaligned",
    [EXC_STORE_ACCESS] = "store access fault",
    [EXC_ECALL_U] = "ecall from U-mode",
    [EXC_ECALL_HS] = "ecall from HS-mode",
    [EXC_ECALL_VS] = "ecall from VS-mode",
    [EXC_ECALL_M] = "ecall from M-mode",
    [EXC_INSN_PAGE_FAULT] = "instruction page fault",
    [EXC_LOAD_PAGE_FAULT] = "load page fault",
    [EXC_STORE_PAGE_FAULT] = "store page fault",
    [EXC_INSN_GUEST_PAGE_FAULT] = "instruction guest-page fault",
    [EXC_LOAD_GUEST_PAGE_FAULT] = "load guest-page fault",
    [EXC_VIRTUAL_INSN] = "virtual instruction",
    [EXC_STORE_GUEST_PAGE_FAULT] = "store guest-page fault",
};

static const char *const interrupt_names[] = {
    [1] = "supervisor software interrupt",	  [2] = "virtual supervisor software interrupt",
    [5] = "supervisor timer interrupt",		  [6] = "virtual supervisor timer interrupt",
    [9] = "supervisor external interrupt",	  [10] = "virtual supervisor external interrupt",
    [12] = "supervisor guest external interrupt",
};

static const char *trap_cause_name(unsigned long scause)
{
	unsigned long code = scause & ~SCAUSE_INTERRUPT;
	const char *name = NULL;

	if (scause & SCAUSE_INTERRUPT) {
		if (code < ARRAY_SIZE(interrupt_names))
			name = interrupt_names[code];
	} else if (code < ARRAY_SIZE(exception_names)) {
		name = exception_names[code];
	}
	return name ? name : "reserved";
}

void riscv_trap_handler(struct trap_frame *frame)
{
	if (frame->scause == EXC_ILLEGAL_INSN && riscv_probe_fixup(frame))
		return;

	/* Nothing else is expected yet: explain and stop rather than spin. */
	panic("unexpected trap on hart %lu: cause 0x%lx (%s), epc 0x%lx, tval 0x%lx, "
	      "ra 0x%lx, sp 0x%lx, sstatus 0x%lx",
	      arch_cpu_hw_id(arch_cpu_id()), frame->scause, trap_cause_name(frame->scause),
	      frame->sepc, frame->stval, frame->regs[1], frame->regs[2], frame->sstatus);
}
