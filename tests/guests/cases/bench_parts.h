/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The benchmark's breakdown: in a bench-breakdown build of Bulwark
 * (CONFIG_BENCH_BREAKDOWN) the hypervisor notes the counter at fixed points
 * of every trap; these read the marks back (hypercall HC_BENCH_MARKS) and
 * split a measured interval into its parts. Elsewhere they do nothing.
 */
#ifndef GUEST_BENCH_PARTS_H
#define GUEST_BENCH_PARTS_H

#include <stdbool.h>
#include <stdint.h>

/* The parts, in the order an exit passes them (Documentation/benchmarks.md). */
enum bench_part {
	PART_ENTRY,  /* up to the hypervisor's first C instruction of a trap */
	PART_DECODE, /* finding the cause: syndrome, instruction, interrupt claim */
	PART_MODEL,  /* the interrupt model or the service called */
	PART_LINES,  /* list registers, or the vPLIC's lines and hvip */
	PART_RETURN, /* the hypervisor's way out, to its last C instruction */
	PART_EXIT,   /* from there to the end: the return to the guest, its vector and handler */
	PART_GUEST,  /* an interval with no trap at all */
	BENCH_NR_PARTS
};

struct bench_parts {
	uint32_t part[BENCH_NR_PARTS];
	uint32_t exits; /* traps that began inside the interval */
};

/* True when the hypervisor answers HC_BENCH_MARKS (asked once, then remembered). */
bool bench_parts_available(void);

/* Splits [start, end] of the guest's counter by the marks of every CPU. */
void bench_parts_take(struct bench_parts *p, unsigned long start, unsigned long end);

/*
 * Prints "BENCH_PARTS <figure> n=.. total=.. exits=.. entry=.. ..." for the
 * first of the n samples whose total is median: its parts add up to it.
 */
void bench_parts_print(const char *figure, const struct bench_parts *p, unsigned int n,
		       unsigned long median);

#endif
