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

#endif /* ASM_SBI_EMUL_H */
