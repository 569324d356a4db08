/* SPDX-License-Identifier: Apache-2.0 */
/* The sentinel real-time VM: periodic ticks, lateness, missed periods, a canary in its memory. */
#include <stdint.h>
#include "arch.h"
#include "printf.h"
#include "test.h"

#ifndef SENTINEL_PERIOD_US
#define SENTINEL_PERIOD_US 1000UL
#endif
#ifndef SENTINEL_REPORT_TICKS
#define SENTINEL_REPORT_TICKS 1000UL
#endif
/* Words of the canary: a pattern in the VM's own memory, checked over and over. */
#define CANARY_WORDS 4096u
/* Words checked per pass of the main loop, between waits for the next tick. */
#define CANARY_CHUNK 1024u
/*
 * Besides, the first word of every 4 KiB page of RAM after the image (up to
 * SENTINEL_RAM_SIZE from the start of the image: the VM's RAM in its
 * layout) holds its own address scrambled, so a stray store anywhere in the
 * VM's free memory at page granularity is seen too.
 */
#ifndef SENTINEL_RAM_SIZE
#define SENTINEL_RAM_SIZE 0x200000UL
#endif
#define PAGE	       4096UL
#define PAGES_PER_PASS 64UL

extern char _start[], _end[];

/* Written only by the timer interrupt; the main loop reads them. */
static volatile unsigned long ticks, missed, worst_late, armed;
/* When the tick that completed the last SENTINEL_REPORT_TICKS ran. */
static volatile unsigned long window_end;
static unsigned long period;
static volatile uint32_t canary[CANARY_WORDS];
static unsigned long corrupted;

static uint32_t canary_word(unsigned int i)
{
	return (uint32_t)(i * 0x9e3779b1u) ^ 0xa5c3e10fu;
}

static uint32_t page_word(unsigned long addr)
{
	return (uint32_t)(addr >> 12) * 0x85ebca6bu ^ 0x3c6ef372u;
}

static unsigned long first_page(void)
{
	return ((unsigned long)_end + PAGE - 1) & ~(PAGE - 1);
}

static unsigned long ram_end(void)
{
	return (unsigned long)_start + SENTINEL_RAM_SIZE;
}

/*
 * Each tick re-arms the timer one period after it ran, as a periodic task
 * that sleeps for its period does: the time 1,000 ticks take is 1,000
 * periods plus every tick's lateness. A tick later than a whole period
 * counts the periods it missed.
 */
static void tick(void)
{
	unsigned long now = time_now();
	unsigned long late = now > armed ? now - armed : 0;

	if (late > worst_late)
		worst_late = late;
	if (late >= period)
		missed += late / period;
	ticks++;
	if (ticks % SENTINEL_REPORT_TICKS == 0)
		window_end = now;
	armed = now + period;
	timer_set(armed);
}

static void canary_fill(void)
{
	for (unsigned int i = 0; i < CANARY_WORDS; i++)
		canary[i] = canary_word(i);
	for (unsigned long a = first_page(); a < ram_end(); a += PAGE)
		*(volatile uint32_t *)a = page_word(a);
}

static void corruption(unsigned long addr, uint32_t got, uint32_t want)
{
	if (corrupted++ < 8)
		printf("sentinel: canary at 0x%lx corrupted: 0x%x, expected 0x%x\n", addr,
		       (unsigned int)got, (unsigned int)want);
}

/* Checks (and repairs) the next PAGES_PER_PASS page words, from where the last pass stopped. */
static void page_check(void)
{
	static unsigned long next;

	if (next < first_page() || next >= ram_end())
		next = first_page();
	for (unsigned long n = 0; n < PAGES_PER_PASS && next < ram_end(); n++, next += PAGE) {
		volatile uint32_t *w = (volatile uint32_t *)next;
		uint32_t got = *w, want = page_word(next);

		if (got != want) {
			corruption(next, got, want);
			*w = want;
		}
	}
}

/* Checks (and repairs) one chunk; a word that changed is memory another party wrote. */
static void canary_check(unsigned int chunk)
{
	unsigned int first = chunk * CANARY_CHUNK;

	for (unsigned int i = first; i < first + CANARY_CHUNK; i++) {
		uint32_t want = canary_word(i), got = canary[i];

		if (got != want) {
			corruption((unsigned long)&canary[i], got, want);
			canary[i] = want;
		}
	}
}

static unsigned long ticks_to_us(unsigned long t)
{
	return (unsigned long)((uint64_t)t * 1000000U /
			       TIMEBASE_HZ); /* 64-bit: no wrap on 32-bit guests */
}

static unsigned long ticks_to_ns(unsigned long t)
{
	return (unsigned long)((uint64_t)t * 1000000000U / TIMEBASE_HZ);
}

/*
 * The one case never returns (the VM runs until the machine stops): every
 * SENTINEL_REPORT_TICKS ticks it prints
 * "sentinel: <N> ticks, worst lateness <L> ns, missed <M>, corrupted <C>, 1000 ticks in <T> us"
 * (worst, missed and corrupted since boot; T for the last SENTINEL_REPORT_TICKS ticks).
 */
TEST_CASE(sentinel)
{
	unsigned long next_report = SENTINEL_REPORT_TICKS, window_start;
	unsigned int chunk = 0;

	/* In 64 bits: 1000 us times 10 MHz wraps a 32-bit long (RV32's sentinel ticked every 141
	 * us). */
	period = (unsigned long)((uint64_t)SENTINEL_PERIOD_US * TIMEBASE_HZ / 1000000u);
	canary_fill();
	printf("sentinel: tick every %lu us, canary of %u words at 0x%lx and a word in each page "
	       "0x%lx-0x%lx\n",
	       (unsigned long)SENTINEL_PERIOD_US, CANARY_WORDS, (unsigned long)canary, first_page(),
	       ram_end() - 1);
	irq_set_handler(IRQ_TIMER, tick);
	arch_irq_enable(IRQ_TIMER);
	window_start = time_now();
	armed = window_start + period;
	timer_set(armed);
	local_irq_enable();

	for (;;) {
		unsigned long seen = ticks;

		canary_check(chunk);
		page_check();
		chunk = (chunk + 1) % (CANARY_WORDS / CANARY_CHUNK);
		if (seen >= next_report) {
			unsigned long end, w, m, l;

			local_irq_disable();
			end = window_end;
			w = worst_late;
			m = missed;
			l = ticks;
			local_irq_enable();
			printf("sentinel: %lu ticks, worst lateness %lu ns, missed %lu, "
			       "corrupted %lu, %lu ticks in %lu us\n",
			       l, ticks_to_ns(w), m, corrupted,
			       (unsigned long)SENTINEL_REPORT_TICKS,
			       ticks_to_us(end - window_start));
			window_start = end;
			next_report += SENTINEL_REPORT_TICKS;
		}
		/* Idle until the next tick: masked, so a tick after the check still ends the wfi.
		 */
		local_irq_disable();
		if (ticks == seen)
			wait_for_interrupt();
		local_irq_enable();
	}
}
