/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Hypercalls, compatible with Bao's: on RISC-V SBI extension 0x08000BA0 with
 * the id in a6, on Arm an SMCCC vendor-hypervisor fast call. Results go back
 * in the first return register.
 */
#ifndef BULWARK_HYPERCALL_H
#define BULWARK_HYPERCALL_H

#include <bulwark/types.h>

struct vcpu;

#define HC_IPC_NOTIFY 1
/* Bench-breakdown builds only (bench_probe.h); not supported (HC_INVALID_ID) otherwise. */
#define HC_BENCH_MARKS 0x100

#define HC_SUCCESS     0
#define HC_FAILURE     1
#define HC_INVALID_ID  2
#define HC_INVALID_ARG 3

long hypercall(struct vcpu *v, unsigned long id, unsigned long arg0, unsigned long arg1,
	       unsigned long arg2);

#endif /* BULWARK_HYPERCALL_H */
