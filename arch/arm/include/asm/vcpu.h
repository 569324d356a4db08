/* SPDX-License-Identifier: Apache-2.0 */
/* AArch32 vCPU and VM state: the guest register frame the Hyp trap entry saves. */
#ifndef ASM_VCPU_H
#define ASM_VCPU_H

/* Slots (4 bytes each) of struct guest_frame, shared with the vectors. */
#define GUEST_LR	 13 /* r14 of User/System mode: Hyp mode uses it as its own */
#define GUEST_NR_REGS	 14 /* r0-r12 and that lr, saved with one push */
#define GUEST_ELR	 14
#define GUEST_SPSR	 15
#define GUEST_HSR	 16
#define GUEST_HDFAR	 17
#define GUEST_HIFAR	 18
#define GUEST_HPFAR	 19
#define GUEST_HYP_SP	 20
#define GUEST_SLOTS	 22
#define GUEST_FRAME_SIZE (GUEST_SLOTS * 4)

#ifndef __ASSEMBLY__

#include <bulwark/compiler.h>
#include <bulwark/types.h>

/*
 * Everything of the guest's that a trap to Hyp mode must save: the
 * registers Hyp mode shares with the guest (r0-r12 and User/System lr) and
 * the trap's syndrome. The banked registers of the guest's other modes
 * (SP and LR of SVC, IRQ, ...; SPSRs; the FIQ r8-r12), and its cp15 state,
 * stay live in the CPU: Hyp mode never uses them and a vCPU never leaves
 * its physical CPU. While the guest runs SP_hyp points just past regs[],
 * so the vector saves them with one push before touching anything else.
 */
struct guest_frame {
	u32 regs[GUEST_NR_REGS]; /* r0..r12, lr_usr */
	u32 elr;		 /* ELR_hyp: where the guest trapped */
	u32 spsr;		 /* SPSR_hyp: its CPSR */
	u32 hsr;
	u32 hdfar;
	u32 hifar;
	u32 hpfar;
	u32 hyp_sp; /* hypervisor stack top while the guest traps */
	u32 pad;    /* keeps the frame a multiple of 8 bytes */
};

_Static_assert(sizeof(struct guest_frame) == GUEST_FRAME_SIZE, "guest frame layout");
_Static_assert(GUEST_FRAME_SIZE % 8 == 0, "the hypervisor stack stays 8-byte aligned");

struct arch_vcpu {
	struct guest_frame frame;
};

/* Nothing of a VM's is the arch's: its stage-2 tables and VMID are the memory back end's. */
struct arch_vm {
};

#endif /* !__ASSEMBLY__ */

#endif /* ASM_VCPU_H */
