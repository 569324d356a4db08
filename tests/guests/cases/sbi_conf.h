/* SPDX-License-Identifier: Apache-2.0 */
/* Helpers shared by the SBI conformance cases (sbi_*.c): hart count, masked waits, expectations. */
#ifndef GUEST_CASES_SBI_CONF_H
#define GUEST_CASES_SBI_CONF_H

#include "arch.h"
#include "sbi.h"
#include "test.h"

/* Under Bulwark the SBI is ours and must be SBI 3.0 complete as documented. */
#ifdef GUEST_UNDER_HYPERVISOR
#define SBI_CONF_VM 1
#else
#define SBI_CONF_VM 0
#endif

/* An address no hart may execute: outside the VM, or OpenSBI's own (PMP-protected) image. */
#ifndef SBI_CONF_BAD_ENTRY
#define SBI_CONF_BAD_ENTRY (SBI_CONF_VM ? 0x90000000UL : 0x80000000UL)
#endif

/* Upper register bits a 32-bit argument must ignore (RV32 registers have none). */
#if __riscv_xlen == 64
#define UPPER_BITS 0xffffffff00000000UL
#else
#define UPPER_BITS 0UL
#endif

/* The SBI's spec version: major in bits 30:24, minor in 23:0. */
static inline unsigned long sbi_conf_spec_version(void)
{
	return (unsigned long)sbi_call(SBI_EXT_BASE, SBI_BASE_GET_SPEC_VERSION, 0, 0, 0, 0, 0)
	    .value;
}

/*
 * conf_eq(got, expected, what...): a check of something SBI 3.0 added or
 * clarified, or where OpenSBI 1.5.1 is known to depart. In a VM (Bulwark
 * claims 3.0) it is report_eq. Natively, under an SBI that reports a
 * version below 3.0, a different answer is a SKIP naming both answers,
 * never a pass; the same answer passes, proving the check itself.
 */
#define conf_eq(got, expected, fmt, ...)                                                           \
	do {                                                                                       \
		long got_ = (long)(got), expected_ = (long)(expected);                             \
		if (got_ != expected_ && !SBI_CONF_VM && sbi_conf_spec_version() < 0x03000000UL)   \
			report_skip("this SBI (before 3.0) answers %ld, SBI 3.0 says %ld: " fmt,   \
				    got_, expected_, ##__VA_ARGS__);                               \
		else                                                                               \
			report_eq(got_, expected_, fmt, ##__VA_ARGS__);                            \
	} while (0)

/* Harts the SBI knows: ids from 0 until hart_get_status says INVALID_PARAM. */
static inline unsigned long sbi_conf_nr_harts(void)
{
	unsigned long n = 0;

	while (n < MAX_HARTS && !sbi_hart_status(n).error)
		n++;
	return n;
}

/* Waits up to ms for the bits of sip, with interrupts masked; returns the bits seen. */
static inline unsigned long sbi_conf_wait_sip(unsigned long bits, unsigned long ms)
{
	unsigned long end = time_now() + ms * TICKS_PER_MS;
	unsigned long seen;

	do {
		seen = csr_read(sip) & bits;
	} while (!seen && time_now() < end);
	return seen;
}

#endif
