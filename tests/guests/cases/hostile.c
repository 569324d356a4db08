/* SPDX-License-Identifier: Apache-2.0 */
/* A hostile VM: probes, scribbles, call and trap storms, self-resets; one verdict of counts. */
#include <stdint.h>
#include "arch.h"
#include "hostile.h"
#include "printf.h"
#include "test.h"

/*
 * The VM's one RAM region, as its layout gives it (vmconf/<board>-hostile.vmconf).
 * Everything else in the guest-physical space must fault, except the device
 * windows the arch half names as the VM's own.
 */
#ifndef HOSTILE_RAM_BASE
#if defined(__aarch64__) || defined(__arm__)
#define HOSTILE_RAM_BASE 0x40000000UL
#else
#define HOSTILE_RAM_BASE 0x80000000UL
#endif
#endif
#ifndef HOSTILE_RAM_SIZE
#define HOSTILE_RAM_SIZE 0x200000UL
#endif
/* Below 4 GiB (RAM and every device of the QEMU boards) every MiB is probed, above it every GiB. */
#define LOW_STRIDE  0x100000UL
#define LOW_END	    0x100000000ULL
#define HIGH_STRIDE 0x40000000UL
#ifndef HOSTILE_CALLS
#define HOSTILE_CALLS 20000UL
#endif
/* Faults the hypervisor must answer, one after the other (the lead's rate limit is for these). */
#ifndef HOSTILE_FAULT_STORM
#define HOSTILE_FAULT_STORM 5000UL
#endif
#ifndef HOSTILE_TRAP_STORM
#define HOSTILE_TRAP_STORM 10000UL
#endif
#ifndef HOSTILE_WFI_STORM
#define HOSTILE_WFI_STORM 10000UL
#endif
#ifndef HOSTILE_TIMER_WAKES
#define HOSTILE_TIMER_WAKES 1000UL
#endif
#ifndef HOSTILE_RESETS
#define HOSTILE_RESETS 5UL
#endif
#define HOSTILE_SEED  0x9e3779b97f4a7c15ULL
#define HOSTILE_MAGIC 0x454c4954534f4801ULL
#define MAX_RANGES    24

/* The counts of the verdict; kept outside the image, so they survive the self-resets. */
struct hostile_counts {
	unsigned long breaches;	 /* an access outside the VM that did not fault */
	unsigned long misfaults; /* a fault of the wrong kind or address */
	unsigned long ic_aborts; /* a 32-bit interrupt controller access answered with a fault */
	unsigned long wrong_results; /* a valid call answered wrongly after the storm */
	unsigned long privileged;    /* a higher privilege's register reached, or no exception */
	unsigned long lost; /* a timer wake that never came, or a dead VM after a scribble */
	unsigned long reset_failures; /* a self-reset that returned */
	unsigned long probes, ic_writes, calls, traps, wfis, resets;
};

static volatile struct {
	uint64_t magic;
	struct hostile_counts c;
} saved __attribute__((section(".noinit")));

static struct hostile_counts counts;
static uint64_t rng_state = HOSTILE_SEED;
static struct hostile_range own[MAX_RANGES];
static unsigned int nr_own;

uint64_t hostile_random(void)
{
	uint64_t x = rng_state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

static bool in_range(unsigned long addr, const struct hostile_range *r)
{
	return addr >= r->base && addr - r->base < r->size;
}

static bool is_own(unsigned long addr)
{
	for (unsigned int i = 0; i < nr_own; i++)
		if (in_range(addr, &own[i]))
			return true;
	return false;
}

/* One access that must fault with an access fault at addr. */
static void probe_one(unsigned long addr, unsigned int width, bool store, const char *what)
{
	unsigned long value = 0;
	struct fault_info f = store ? probe_store(addr, width, 0) : probe_load(addr, width, &value);

	counts.probes++;
	if (!f.taken) {
		counts.breaches++;
		printf("hostile: BREACH: %s of %u bytes at 0x%lx (%s) did not fault\n",
		       store ? "store" : "load", width, addr, what);
	} else if (!fault_is_access(&f, store) || f.tval != addr) {
		counts.misfaults++;
		printf("hostile: %s at 0x%lx (%s): wrong fault (" FAULT_CAUSE_NAME
		       " %lu, " FAULT_ADDR_NAME " 0x%lx)\n",
		       store ? "store" : "load", addr, what, f.cause, f.tval);
	}
}

static void probe_both(unsigned long addr, unsigned int width, const char *what)
{
	if (is_own(addr))
		return;
	probe_one(addr, width, false, what);
	probe_one(addr, width, true, what);
}

static void probe_space(void)
{
	struct hostile_range targets[MAX_RANGES];
	uint64_t end = hostile_ipa_end(), addr;
	unsigned int n, i;

	nr_own = 0;
	own[nr_own++] = (struct hostile_range){HOSTILE_RAM_BASE, HOSTILE_RAM_SIZE, "ram"};
	nr_own += hostile_own_devices(own + nr_own, MAX_RANGES - nr_own);
	for (i = 0; i < nr_own; i++)
		report_info("own %s: 0x%lx-0x%lx", own[i].name, own[i].base,
			    own[i].base + own[i].size - 1);

	/* The exact neighbours of everything the VM owns. */
	for (i = 0; i < nr_own; i++) {
		if (own[i].base > 0)
			probe_both(own[i].base - 1, 1, "last byte before an own range");
		probe_both(own[i].base + own[i].size, 1, "first byte after an own range");
	}
	/* What belongs to the hypervisor, the machine or other VMs, each at its first and last
	 * word. */
	n = hostile_targets(targets, MAX_RANGES);
	for (i = 0; i < n; i++) {
		probe_both(targets[i].base, 4, targets[i].name);
		probe_both(targets[i].base + targets[i].size - 4, 4, targets[i].name);
	}
	/* The whole space at a coarse stride, and past its end. */
	for (addr = 0; addr < end; addr += addr < LOW_END ? LOW_STRIDE : HIGH_STRIDE)
		probe_both((unsigned long)addr, 4, "guest-physical sweep");
	probe_both((unsigned long)(end - 4), 4, "last word of the guest-physical space");
	/* A 32-bit guest without its own MMU ends at 4 GiB: nothing past it to name. */
	if (end - 1 < (unsigned long)-1)
		probe_both((unsigned long)end, 4, "first word past the guest-physical space");
	report_info("%lu probes up to 0x%llx: %lu breaches, %lu wrong faults", counts.probes,
		    (unsigned long long)end, counts.breaches, counts.misfaults);
}

static void privileged(void)
{
	unsigned long tried = 0;

	counts.privileged += hostile_privileged(&tried);
	report_info("%lu privileged registers and instructions tried: %lu reached", tried,
		    counts.privileged);
}

static void trap_storms(void)
{
	unsigned long i, bad = 0, far = 0;

	/* Faults only the hypervisor can answer: loads from the first page past the RAM. */
	for (i = 0; i < HOSTILE_FAULT_STORM; i++) {
		unsigned long before = counts.breaches + counts.misfaults;

		probe_one(HOSTILE_RAM_BASE + HOSTILE_RAM_SIZE, 4, false, "fault storm");
		if (counts.breaches + counts.misfaults != before)
			far++;
	}
	/* Exceptions the VM's own vectors take without the hypervisor. */
	for (i = 0; i < HOSTILE_TRAP_STORM; i++)
		if (!hostile_local_trap())
			bad++;
	counts.traps += HOSTILE_FAULT_STORM + HOSTILE_TRAP_STORM;
	counts.misfaults += bad;
	report_info(
	    "fault storm of %lu (%lu wrong), undefined-instruction storm of %lu (%lu wrong)",
	    (unsigned long)HOSTILE_FAULT_STORM, far, (unsigned long)HOSTILE_TRAP_STORM, bad);
}

static volatile unsigned long timer_irqs;

static void timer_irq(void)
{
	timer_irqs++;
	timer_cancel();
}

/*
 * Arms the timer delay ticks ahead and waits for its interrupt, in wfi or
 * polling; false when it has not come 100 ms after the deadline.
 */
static bool timer_wake(unsigned long delay, bool wfi)
{
	unsigned long seen = timer_irqs, limit = time_now() + delay + 100 * TICKS_PER_MS;

	timer_set(time_now() + delay);
	while (timer_irqs == seen && time_now() < limit) {
		if (!wfi)
			continue;
		local_irq_disable();
		if (timer_irqs == seen)
			wait_for_interrupt();
		local_irq_enable();
	}
	return timer_irqs != seen;
}

static void wfi_storms(void)
{
	unsigned long i, lost = 0;

	irq_set_handler(IRQ_TIMER, timer_irq);
	arch_irq_enable(IRQ_TIMER);
	local_irq_enable();
	/* Short sleeps, each ended by the timer. */
	for (i = 0; i < HOSTILE_TIMER_WAKES; i++)
		if (!timer_wake(TICKS_PER_MS / 20 + 1, true))
			lost++;
	/* wfi with an interrupt already pending (masked): each must return at once. */
	local_irq_disable();
	timer_set(0);
	for (i = 0; i < HOSTILE_WFI_STORM; i++)
		wait_for_interrupt();
	timer_cancel();
	local_irq_enable();
	counts.wfis += HOSTILE_TIMER_WAKES + HOSTILE_WFI_STORM;
	counts.lost += lost;
	report_info("%lu timer wakes (%lu lost), %lu wfi with a pending interrupt",
		    (unsigned long)HOSTILE_TIMER_WAKES, lost, (unsigned long)HOSTILE_WFI_STORM);
}

static void call_storm(void)
{
	unsigned long i, wrong;

	local_irq_disable();
	for (i = 0; i < HOSTILE_CALLS; i++)
		hostile_bad_call();
	hostile_calls_cleanup();
	local_irq_enable();
	counts.calls += HOSTILE_CALLS;
	wrong = hostile_valid_calls();
	counts.wrong_results += wrong;
	report_info("%lu malformed calls, then valid ones: %lu wrong", (unsigned long)HOSTILE_CALLS,
		    wrong);
}

/* Random 32-bit writes at every word of the virtual interrupt controller, then: still alive? */
static void ic_scribble(void)
{
	struct hostile_range w[MAX_RANGES];
	unsigned int n = hostile_ic_windows(w, MAX_RANGES), i;
	unsigned long aborts = 0, writes = 0, off;

	local_irq_disable();
	for (i = 0; i < n; i++) {
		unsigned long here = 0, first = 0, last = 0;

		for (off = 0; off < w[i].size; off += 4) {
			struct fault_info f =
			    probe_store(w[i].base + off, 4, (uint32_t)hostile_random());

			writes++;
			if (!f.taken)
				continue;
			if (here++ == 0)
				first = w[i].base + off;
			last = w[i].base + off;
		}
		/* Which registers refused a 32-bit store: how many, the first and the last. */
		if (here)
			printf(
			    "hostile: IC ABORT: %lu 32-bit stores to %s refused, 0x%lx to 0x%lx\n",
			    here, w[i].name, first, last);
		aborts += here;
	}
	counts.ic_writes += writes;
	counts.ic_aborts += aborts;
	report_info("%lu random 32-bit writes to the interrupt controller: %lu aborts", writes,
		    aborts);
	hostile_ic_recover();
	local_irq_enable();
	/* Polling: a wfi that never returns would say nothing. */
	if (!timer_wake(TICKS_PER_MS, false)) {
		counts.lost++;
		printf("hostile: no timer interrupt after the interrupt controller scribble\n");
	}
	report_info("alive after the scribble");
}

static void print_verdict(const struct hostile_counts *c)
{
	printf(
	    "hostile: breaches %lu, misfaults %lu, ic-aborts %lu, wrong-results %lu, "
	    "privileged %lu, lost %lu, reset-failures %lu (probes %lu, ic-writes %lu, calls %lu, "
	    "traps %lu, wfis %lu, resets %lu)\n",
	    c->breaches, c->misfaults, c->ic_aborts, c->wrong_results, c->privileged, c->lost,
	    c->reset_failures, c->probes, c->ic_writes, c->calls, c->traps, c->wfis, c->resets);
}

/* Every attack but the resets, once: the test case runs it once, the benchmark forever. */
static void attack_once(void)
{
	probe_space();
	privileged();
	trap_storms();
	wfi_storms();
	call_storm();
	ic_scribble();
}

#ifndef HOSTILE_LOOP
static void copy_counts(volatile struct hostile_counts *to, const struct hostile_counts *from)
{
	const unsigned long *s = (const unsigned long *)from;
	volatile unsigned long *d = (volatile unsigned long *)to;

	for (unsigned int i = 0; i < sizeof(*from) / sizeof(unsigned long); i++)
		d[i] = s[i];
}

static void load_counts(struct hostile_counts *to, const volatile struct hostile_counts *from)
{
	const volatile unsigned long *s = (const volatile unsigned long *)from;
	unsigned long *d = (unsigned long *)to;

	for (unsigned int i = 0; i < sizeof(*to) / sizeof(unsigned long); i++)
		d[i] = s[i];
}

static bool all_zero(const struct hostile_counts *c)
{
	return !c->breaches && !c->misfaults && !c->ic_aborts && !c->wrong_results &&
	       !c->privileged && !c->lost && !c->reset_failures;
}

/* Resets itself (PSCI SYSTEM_RESET, SBI SRST) until HOSTILE_RESETS boots have passed. */
static void reset_storm(void)
{
	long err;

	if (counts.resets >= HOSTILE_RESETS)
		return;
	copy_counts(&saved.c, &counts);
	saved.magic = HOSTILE_MAGIC;
	arch_mb();
	err = arch_system_reset();
	saved.magic = 0;
	counts.reset_failures++;
	printf("hostile: " RESET_NAME " returned %ld\n", err);
}

TEST_CASE(hostile)
{
	if (saved.magic == HOSTILE_MAGIC) {
		saved.magic = 0;
		load_counts(&counts, &saved.c);
		counts.resets++;
		report_info("boot %lu of the reset storm", counts.resets + 1);
	} else {
		attack_once();
	}
	reset_storm();
	print_verdict(&counts);
	report(all_zero(&counts), "every count of the verdict is zero");
}
#else
/* The benchmark's hostile neighbour: every phase but the resets, round after round, forever. */
TEST_CASE(hostile)
{
	for (;;) {
		attack_once();
		print_verdict(&counts);
	}
}
#endif

unsigned long hostile_privileged(unsigned long *tried)
{
	unsigned long reached = 0;

	for (unsigned int i = 0; i < hostile_nr_priv_ops; i++) {
		struct fault_info f;

		fault_expect();
		hostile_priv_ops[i].op();
		f = fault_take();
		if (!f.taken || f.cause != hostile_undef_cause) {
			reached++;
			printf("hostile: PRIVILEGED: %s: %s (" FAULT_CAUSE_NAME " 0x%lx)\n",
			       hostile_priv_ops[i].name,
			       f.taken ? "wrong exception" : "no exception", f.cause);
		}
	}
	*tried = hostile_nr_priv_ops;
	return reached;
}

bool hostile_local_trap(void)
{
	struct fault_info f;

	fault_expect();
	hostile_undef_insn();
	f = fault_take();
	return f.taken && f.cause == hostile_undef_cause;
}

unsigned long hostile_expect(long got, long want, const char *what)
{
	if (got == want)
		return 0;
	printf("hostile: %s: %ld, expected %ld\n", what, got, want);
	return 1;
}
