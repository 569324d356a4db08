/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What shared Arm code needs from an execution state to handle a guest's
 * trap, and the handlers it gives back to the state's trap code.
 */
#ifndef ASM_ARM_GUEST_H
#define ASM_ARM_GUEST_H

#include <bulwark/addr.h>
#include <bulwark/mmio.h>
#include <bulwark/vm.h>
#include <asm/arm_sysreg.h>

/*
 * <asm/guest_regs.h> of each execution state gives, for the vCPU that
 * trapped (all of them cheap: the trap code saved what they read):
 *
 *   register_t arm_guest_reg(const struct vcpu *v, unsigned int n)
 *   void arm_guest_set_reg(struct vcpu *v, unsigned int n, register_t value)
 *       general register n as a syndrome's SRT/Rt names it (AArch64: 31 is
 *       the zero register; AArch32: the banked register of the guest's mode)
 *   u64 arm_guest_syndrome(const struct vcpu *v)   ESR_EL2 / HSR
 *   register_t arm_guest_pc(const struct vcpu *v)  where the guest trapped
 *   void arm_guest_skip_insn(struct vcpu *v)       step over the trapped
 *       instruction (AArch32: 2 or 4 bytes, as the syndrome's IL says)
 *   gpa_t arm_guest_fault_ipa(const struct vcpu *v) a stage-2 abort's
 *       guest-physical address (HPFAR and the page offset of FAR/HDFAR)
 *   void arm_guest_inject_abort(struct vcpu *v, bool instruction, bool is_write)
 *       make the guest take an external abort for the access that trapped
 *   bool arm_guest_smc64_allowed(const struct vcpu *v)
 *       whether the guest may make SMC64/HVC64 calls (SMCCC: not from AArch32)
 */
#include <asm/guest_regs.h>

/* A data abort from the guest: emulate MMIO or contain the guest. */
void arm_guest_data_abort(struct vcpu *v);

/*
 * A data abort whose emulation a light trap path began and the device
 * model refused (MMIO_DENIED or MMIO_BAD_ACCESS): contain the guest as
 * arm_guest_data_abort would have, without asking the model again.
 */
void arm_guest_mmio_refused(struct vcpu *v, enum mmio_result result);

/* An SMCCC call from the guest (HVC or SMC): PSCI, hypercalls. */
void arm_smccc_call(struct vcpu *v);

/*
 * Before a vCPU starts with its MMU and caches off: what the hypervisor
 * copied into the VM (image, device tree, initrd) is cleaned from our
 * write-back caches to memory (vcpu_common.c).
 */
void arm_clean_guest_image(struct vm *vm);

#endif /* ASM_ARM_GUEST_H */
