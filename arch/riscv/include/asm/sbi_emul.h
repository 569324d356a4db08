/* SPDX-License-Identifier: Apache-2.0 */
/* Pieces of the guest SBI implementation shared between its files. */
#ifndef ASM_SBI_EMUL_H
#define ASM_SBI_EMUL_H

#include <asm/sbi.h>

struct vcpu;

/* A handler that moved the guest's pc and set its registers itself. */
#define SBI_RESULT_REDIRECTED 1L

struct sbiret riscv_sbi_hsm(struct vcpu *v, unsigned long fid, unsigned long a0, unsigned long a1,
			    unsigned long a2);
struct sbiret riscv_sbi_susp(struct vcpu *v, unsigned long fid, unsigned long a0, unsigned long a1,
			     unsigned long a2);
struct sbiret riscv_sbi_fwft(struct vcpu *v, unsigned long fid, unsigned long a0, unsigned long a1,
			     unsigned long a2);
struct sbiret riscv_sbi_dbtr(struct vcpu *v, unsigned long fid, unsigned long a0, unsigned long a1,
			     unsigned long a2);

/* Number of debug triggers a VM's hart is given (DBTR). */
#define RISCV_VM_DEBUG_TRIGGERS 0UL

/*
 * Back to reset values for the SBI state of v's hart (HSM, FWFT features,
 * DBTR shared memory): called on the vCPU's own hart whenever it starts.
 */
void riscv_sbi_vcpu_reset(struct vcpu *v);

#endif /* ASM_SBI_EMUL_H */
