/* SPDX-License-Identifier: Apache-2.0 */
/* Reads the hypervisor's trap-path marks back and splits the benchmark's intervals by them. */
#include "arch.h"
#include "bench_parts.h"
#include "printf.h"

/* The bench-only hypercall and its answers (include/bulwark/bench_probe.h in the hypervisor). */
#define HC_BENCH_MARKS	     0x100
#define MARKS_SNAPSHOT	     0
#define MARKS_READ	     1
#define MARKS_TAG_SHIFT	     56
#define MARKS_TAG	     0x5bUL
#define MARKS_POINT_SHIFT    52
#define MARKS_TIME_MASK	     ((1UL << MARKS_POINT_SHIFT) - 1)
#define POINT_ENTRY	     1
#define POINT_RETURN	     5
#define MAX_CPUS	     8
#define MAX_MARKS_PER_SAMPLE 64

/*
 * The marks are 64-bit answers (tag, point, time): a guest whose calls
 * return 32 bits (AArch32) has no breakdown, and the hypervisor builds none
 * for it either.
 */
#if __SIZEOF_LONG__ == 8
static const char *const part_names[BENCH_NR_PARTS] = {
    [PART_ENTRY] = "entry", [PART_DECODE] = "decode", [PART_MODEL] = "model",
    [PART_LINES] = "lines", [PART_RETURN] = "return", [PART_EXIT] = "exit",
    [PART_GUEST] = "guest",
};

static int available = -1;

struct mark {
	unsigned long time;
	unsigned int point;
};

static struct mark marks[MAX_MARKS_PER_SAMPLE];

/*
 * An answer carries the tag in its top byte; anything else (a return code,
 * the firmware's "not supported" when run natively) is not one.
 */
static bool marks_call(unsigned long op, unsigned long arg, unsigned long *answer)
{
	unsigned long r = (unsigned long)arch_hypercall(HC_BENCH_MARKS, op, arg);

	*answer = r & ((1UL << MARKS_TAG_SHIFT) - 1);
	return r >> MARKS_TAG_SHIFT == MARKS_TAG;
}

bool bench_parts_available(void)
{
	unsigned long count;

	if (available < 0)
		available = marks_call(MARKS_SNAPSHOT, 0, &count);
	return available;
}

/* Inserts a mark in time order (a dozen marks at most); false when full. */
static bool insert(unsigned int *n, unsigned long time, unsigned int point)
{
	unsigned int j = *n;

	if (j == MAX_MARKS_PER_SAMPLE)
		return false;
	for (; j > 0 && marks[j - 1].time > time; j--)
		marks[j] = marks[j - 1];
	marks[j].time = time;
	marks[j].point = point;
	(*n)++;
	return true;
}

/* The marks of every CPU from start to end, oldest first. */
static unsigned int collect(unsigned long start, unsigned long end)
{
	unsigned int n = 0;

	for (unsigned long cpu = 0; cpu < MAX_CPUS; cpu++) {
		unsigned long count, m;

		if (!marks_call(MARKS_SNAPSHOT, cpu, &count))
			break; /* past the hypervisor's last CPU */
		for (unsigned long i = 0; i < count; i++) {
			bool valid = marks_call(MARKS_READ, i, &m);
			unsigned long time = m & MARKS_TIME_MASK;
			unsigned int point = (unsigned int)(m >> MARKS_POINT_SHIFT);

			if (!valid || time < start)
				break; /* newest first: the rest are older still */
			if (time > end || point < POINT_ENTRY || point > POINT_RETURN)
				continue;
			if (!insert(&n, time, point))
				break;
		}
	}
	return n;
}

/*
 * Each stretch of the interval belongs to the point that ends it (up to a
 * DECODE mark: decoding); what follows the last mark is the exit. The
 * stretches cover the interval exactly, so the parts add up to its total.
 */
void bench_parts_take(struct bench_parts *p, unsigned long start, unsigned long end)
{
	unsigned int n;
	unsigned long prev = start;

	for (unsigned int i = 0; i < BENCH_NR_PARTS; i++)
		p->part[i] = 0;
	p->exits = 0;
	if (!bench_parts_available() || end < start)
		return;
	n = collect(start, end);
	if (n == 0) {
		p->part[PART_GUEST] = (uint32_t)(end - start);
		return;
	}
	for (unsigned int i = 0; i < n; i++) {
		p->part[PART_ENTRY + marks[i].point - POINT_ENTRY] +=
		    (uint32_t)(marks[i].time - prev);
		p->exits += marks[i].point == POINT_ENTRY;
		prev = marks[i].time;
	}
	p->part[PART_EXIT] += (uint32_t)(end - prev);
}

void bench_parts_print(const char *figure, const struct bench_parts *p, unsigned int n,
		       unsigned long median)
{
	if (!bench_parts_available())
		return;
	for (unsigned int s = 0; s < n; s++) {
		unsigned long total = 0;

		for (unsigned int i = 0; i < BENCH_NR_PARTS; i++)
			total += p[s].part[i];
		if (total != median)
			continue;
		printf("BENCH_PARTS %s n=%u total=%lu exits=%u", figure, n, total,
		       (unsigned int)p[s].exits);
		for (unsigned int i = 0; i < BENCH_NR_PARTS; i++)
			printf(" %s=%u", part_names[i], (unsigned int)p[s].part[i]);
		printf("\n");
		return;
	}
}
#else
bool bench_parts_available(void)
{
	return false;
}

void bench_parts_take(struct bench_parts *p, unsigned long start, unsigned long end)
{
	(void)p;
	(void)start;
	(void)end;
}

void bench_parts_print(const char *figure, const struct bench_parts *p, unsigned int n,
		       unsigned long median)
{
	(void)figure;
	(void)p;
	(void)n;
	(void)median;
}
#endif
