/* SPDX-License-Identifier: Apache-2.0 */
/* AArch64 vCPU and VM state: the guest register frame and the stage-2 root. */
#ifndef ASM_VCPU_H
#define ASM_VCPU_H

/* Slots (8 bytes each) of struct guest_frame, shared with the vectors. */
#define GUEST_ELR	 31
#define GUEST_SPSR	 32
#define GUEST_ESR	 33
#define GUEST_FAR	 34
#define GUEST_HPFAR	 35
#define GUEST_HYP_SP	 36
#define GUEST_SLOTS	 38
#define GUEST_FRAME_SIZE (GUEST_SLOTS * 8)

#ifndef __ASSEMBLY__

#include <bulwark/compiler.h>
#include <bulwark/types.h>

/*
 * Everything of the guest's that a trap to EL2 must save. The EL1 system
 * registers (SCTLR_EL1, VBAR_EL1, TTBRs, SP_EL1, the timers, ...) stay
 * live in the CPU: a vCPU never leaves its physical CPU, so they are only
 * touched when it is reset. While the guest runs, SP_EL2 points at this
 * frame, so the vector can save registers before touching anything else.
 */
struct guest_frame {
	u64 regs[31]; /* x0..x30 */
	u64 elr;
	u64 spsr;
	u64 esr;
	u64 far;
	u64 hpfar;
	u64 hyp_sp; /* hypervisor stack top while the guest traps */
	u64 pad;    /* keeps the frame a multiple of 16 bytes */
};

_Static_assert(sizeof(struct guest_frame) == GUEST_FRAME_SIZE, "guest frame layout");
_Static_assert(GUEST_FRAME_SIZE % 16 == 0, "SP_EL2 stays 16-byte aligned");

struct arch_vcpu {
	struct guest_frame frame;
};

/* Nothing of a VM's is the arch's: its stage-2 tables and VMID are the memory back end's. */
struct arch_vm {
};

#endif /* !__ASSEMBLY__ */

#endif /* ASM_VCPU_H */
