/* SPDX-License-Identifier: Apache-2.0 */
/* Bench-breakdown builds: per-CPU rings of trap-path counter marks, and the hypercall that reads
 * them. */
#include <bulwark/arch.h>
#include <bulwark/bench_probe.h>
#include <bulwark/compiler.h>

/* Marks kept per CPU: a measured path takes a dozen, a sample's reading a few more. */
#define RING_SIZE 64

struct bench_ring {
	u64 marks[RING_SIZE];
	u32 head;	/* marks written so far; the newest is marks[(head - 1) % RING_SIZE] */
	u32 exit_start; /* head when the exit in progress began */
};

/* What a CPU's guest copied of one CPU's ring, newest first, to read at leisure. */
struct bench_snapshot {
	u64 marks[RING_SIZE];
	u32 count;
};

static struct bench_ring rings[CONFIG_NR_CPUS];
static struct bench_snapshot snapshots[CONFIG_NR_CPUS];

void bench_mark(enum bench_point pt)
{
	u64 now = arch_bench_counter();
	struct bench_ring *r = &rings[arch_cpu_id()];

	if (pt == BENCH_PT_ENTRY)
		r->exit_start = r->head;
	r->marks[r->head % RING_SIZE] =
	    ((u64)pt << BENCH_MARKS_POINT_SHIFT) | (now & BENCH_MARKS_TIME_MASK);
	r->head++;
}

void bench_probe_cpu_init(unsigned int cpu)
{
	(void)cpu;
	arch_bench_counter_init();
}

/*
 * Copies a CPU's ring, newest first. On the caller's own CPU the marks of
 * this very call are left out, so reading does not push out what it reads.
 * Another CPU's ring is read while that CPU may write it: a bench build
 * accepts a torn mark, which the guest's time window drops.
 */
static u32 snapshot(struct bench_snapshot *s, unsigned int cpu, unsigned int self)
{
	const struct bench_ring *r = &rings[cpu];
	u32 head = cpu == self ? READ_ONCE(r->exit_start) : READ_ONCE(r->head);
	u32 n = MIN(head, (u32)RING_SIZE);

	/* cppcheck reads bench_probe.h without CONFIG_BENCH_BREAKDOWN: no writer of rings. */
	/* cppcheck-suppress knownConditionTrueFalse */
	for (u32 i = 0; i < n; i++)
		s->marks[i] = r->marks[(head - 1 - i) % RING_SIZE];
	s->count = n;
	return n;
}

/*
 * HC_BENCH_MARKS: any CPU's marks to any VM (Documentation/hypercalls.md):
 * a bench-breakdown build gives up timing isolation, which is why no other
 * build has the call.
 */
long bench_marks_hypercall(struct vcpu *v, unsigned long op, unsigned long arg)
{
	unsigned int self = arch_cpu_id();
	struct bench_snapshot *s = &snapshots[self];

	(void)v;
	switch (op) {
	case BENCH_MARKS_SNAPSHOT:
		if (arg >= CONFIG_NR_CPUS)
			return HC_INVALID_ARG;
		return (long)(BENCH_MARKS_TAG | snapshot(s, (unsigned int)arg, self));
	case BENCH_MARKS_READ:
		if (arg >= s->count)
			return HC_INVALID_ARG;
		return (long)(BENCH_MARKS_TAG | s->marks[arg]);
	default:
		return HC_INVALID_ARG;
	}
}
