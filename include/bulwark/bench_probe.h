/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Bench-breakdown builds (CONFIG_BENCH_BREAKDOWN): counter marks at fixed
 * points of the trap path, kept per CPU and read back by the benchmark guest
 * (Documentation/benchmarks.md, "Where the instructions go"). In every other
 * build bench_mark() is nothing and the hypercall does not exist.
 */
#ifndef BULWARK_BENCH_PROBE_H
#define BULWARK_BENCH_PROBE_H

#include <bulwark/hypercall.h>
#include <bulwark/types.h>

/*
 * The points, in the order one exit passes them. The time up to a mark is
 * charged to its point's part: entry, decode, model, lines, return (the
 * guest's HC_BENCH_MARKS decoding in tests/guests/cases/bench_parts.c).
 */
enum bench_point {
	BENCH_PT_ENTRY = 1,  /* the first C instruction of the guest-trap handler */
	BENCH_PT_DECODE = 2, /* the exit's cause is known: syndrome, instruction, claimed irq */
	BENCH_PT_MODEL = 3,  /* the model (or service) did its work for it */
	BENCH_PT_LINES = 4,  /* the guest's view was updated: list registers, hvip */
	BENCH_PT_RETURN = 5, /* the last C instruction before the return to the guest */
};

/* HC_BENCH_MARKS operations (arg0). */
#define BENCH_MARKS_SNAPSHOT 0 /* arg1: physical CPU; answers how many marks were copied */
#define BENCH_MARKS_READ     1 /* arg1: index into the snapshot, 0 the newest */

/*
 * An answer: bits 63:56 hold BENCH_MARKS_TAG, which neither a return code
 * nor a negative error (SMCCC NOT_SUPPORTED, an SBI error from firmware that
 * lacks the call) can have; a mark holds its point in bits 55:52 and the
 * counter in bits 51:0.
 */
#define BENCH_MARKS_TAG		(0x5bULL << 56)
#define BENCH_MARKS_POINT_SHIFT 52
#define BENCH_MARKS_TIME_MASK	((1ULL << BENCH_MARKS_POINT_SHIFT) - 1)

#ifdef CONFIG_BENCH_BREAKDOWN
/* Notes the counter at point pt on this CPU. */
void bench_mark(enum bench_point pt);
/* Per CPU, before its first guest entry: starts the counter the marks read. */
void bench_probe_cpu_init(unsigned int cpu);
long bench_marks_hypercall(struct vcpu *v, unsigned long op, unsigned long arg);

/*
 * The counter the marks read, in the unit and with the origin of the
 * benchmark guest's own counter (tests/guests/lib/bench.h): RISC-V instret,
 * Arm the cycle counter set to the virtual counter's nanoseconds.
 */
u64 arch_bench_counter(void);
void arch_bench_counter_init(void);
#else
static inline void bench_mark(enum bench_point pt)
{
	(void)pt;
}

static inline void bench_probe_cpu_init(unsigned int cpu)
{
	(void)cpu;
}

static inline long bench_marks_hypercall(struct vcpu *v, unsigned long op, unsigned long arg)
{
	(void)v;
	(void)op;
	(void)arg;
	return HC_INVALID_ID;
}
#endif

#endif /* BULWARK_BENCH_PROBE_H */
