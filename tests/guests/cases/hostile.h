/* SPDX-License-Identifier: Apache-2.0 */
/* What the hostile guest (hostile.c) needs from each arch half (hostile_riscv.c, hostile_arm.c). */
#ifndef GUEST_HOSTILE_H
#define GUEST_HOSTILE_H

#include <stdbool.h>
#include <stdint.h>

/* A guest-physical range [base, base + size). */
struct hostile_range {
	unsigned long base, size;
	const char *name;
};

/* The next number of the hostile guest's seeded generator (xorshift64*). */
uint64_t hostile_random(void);

/*
 * Device windows the VM owns besides its RAM: its virtual interrupt
 * controller and its virtual console. Fills out (room for max), returns the count.
 */
unsigned int hostile_own_devices(struct hostile_range *out, unsigned int max);
/* Ranges it must not reach, named for the log: the physical interrupt controller, other devices. */
unsigned int hostile_targets(struct hostile_range *out, unsigned int max);
/*
 * The end of the guest-physical address space the VM's stage-2 tables
 * translate, or of the part of it the guest can address (AArch32 with its
 * MMU off: 4 GiB of a 40-bit space).
 */
uint64_t hostile_ipa_end(void);

/* Register windows of the virtual interrupt controller, written a 32-bit word at a time. */
unsigned int hostile_ic_windows(struct hostile_range *out, unsigned int max);
/* Puts the interrupt controller back into a state the runtime works with. */
void hostile_ic_recover(void);

/* One malformed hypercall, PSCI or SBI call with random function and arguments. */
void hostile_bad_call(void);
/* 0 if a call answered want, else 1 (and it says which and what). */
unsigned long hostile_expect(long got, long want, const char *what);
/* Valid calls after the storm; returns how many answered wrongly (and logs each). */
unsigned long hostile_valid_calls(void);
/* Clears what random calls may have left pending (timer, software interrupt). */
void hostile_calls_cleanup(void);

/* A register or instruction of a higher privilege level, tried by its op. */
struct priv_op {
	const char *name;
	void (*op)(void);
};

#define PRIV_REG_OPS(name)                                                                         \
	{"read " #name, read_##name},                                                              \
	{                                                                                          \
		"write " #name, write_##name                                                       \
	}

/* Per arch: what to try, and the exception each must raise (undefined / illegal). */
extern const struct priv_op hostile_priv_ops[];
extern const unsigned int hostile_nr_priv_ops;
extern const unsigned long hostile_undef_cause;
/* One instruction the VM's own vectors must take as undefined. */
void hostile_undef_insn(void);

/*
 * Tries every privileged op; returns how many did not raise the expected
 * exception, and sets *tried to how many were tried.
 */
unsigned long hostile_privileged(unsigned long *tried);
/* Runs hostile_undef_insn(); returns whether the VM's vectors took it as expected. */
bool hostile_local_trap(void);

#endif
