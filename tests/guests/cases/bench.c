/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The benchmark: latencies and workloads timed with the fine counter,
 * printed as "BENCH <figure> ..." lines for tools/bench. The same code runs
 * natively and as a VM; run it under QEMU -icount so the counts repeat.
 */
#include "arch.h"
#include "bench.h"
#include "bench_parts.h"
#include "bench_work.h"
#include "printf.h"
#include "test.h"

#ifndef BENCH_SAMPLES
#define BENCH_SAMPLES 1000
#endif
#define TIMER_DELAY_US	50
#define DEVICE_DELAY_NS 50000UL

static unsigned long samples[BENCH_SAMPLES];
/* Bench-breakdown builds: each sample's parts (bench_parts.h). */
static struct bench_parts parts[BENCH_SAMPLES];
static unsigned long entry_counter;
static volatile unsigned long spin_last, window_start, handler_at, latency, ipi_sent_at;
static volatile bool fired;

void guest_entry_hook(void)
{
	bench_counter_init();
	entry_counter = bench_counter();
}

/* Prints min, median, p99 and max of samples[0..n), and the median's parts where known. */
static void summary(const char *figure, unsigned int n)
{
	sort_ulong(samples, n);
	printf("BENCH %s n=%u min=%lu median=%lu p99=%lu max=%lu\n", figure, n, samples[0],
	       samples[n / 2], samples[(n * 99) / 100], samples[n - 1]);
	bench_parts_print(figure, parts, n, samples[n / 2]);
}

/* The sample just measured: its parts, where the hypervisor marks them. */
static void take_parts(unsigned int n, unsigned long start, unsigned long end)
{
	if (bench_parts_available())
		bench_parts_take(&parts[n], start, end);
}

/*
 * Spins, noting the counter, until a handler sets fired. The handler takes
 * the difference between its first reading and the last note itself: the
 * loop may note again after the handler returned.
 */
static unsigned long spin_until_fired(unsigned long limit_ms)
{
	unsigned long end = time_now() + limit_ms * TICKS_PER_MS;

	while (!fired) {
		spin_last = bench_counter();
		if (time_now() > end)
			return 0;
	}
	return latency;
}

static void timer_handler(void)
{
	handler_at = bench_counter();
	window_start = spin_last;
	latency = handler_at - window_start;
	timer_cancel();
	fired = true;
}

TEST_CASE(bench_timer_irq)
{
	unsigned int n = 0;

	irq_set_handler(IRQ_TIMER, timer_handler);
	arch_irq_enable(IRQ_TIMER);
	for (unsigned int i = 0; i < BENCH_SAMPLES; i++) {
		fired = false;
		timer_set(time_now() + TIMER_DELAY_US * TICKS_PER_MS / 1000 + 1);
		local_irq_enable();
		samples[n] = spin_until_fired(100);
		local_irq_disable();
		if (fired)
			take_parts(n, window_start, handler_at);
		n += fired;
	}
	arch_irq_disable(IRQ_TIMER);
	irq_set_handler(IRQ_TIMER, NULL);
	report_eq(n, BENCH_SAMPLES, "timer interrupts measured");
	summary("timer_irq", n);
}

static void device_handler(unsigned int id)
{
	handler_at = bench_counter();
	window_start = spin_last;
	latency = handler_at - window_start;
	(void)id;
	bench_device_ack();
	fired = true;
}

TEST_CASE(bench_device_irq)
{
	unsigned int n = 0;

	if (!bench_device_available()) {
		report_skip("no device with a fine deadline on this board");
		return;
	}
	arch_dev_irq_set_handler(device_handler);
	arch_dev_irq_unmask(true);
	for (unsigned int i = 0; i < BENCH_SAMPLES; i++) {
		fired = false;
		bench_device_arm(DEVICE_DELAY_NS);
		local_irq_enable();
		samples[n] = spin_until_fired(100);
		local_irq_disable();
		if (fired)
			take_parts(n, window_start, handler_at);
		n += fired;
	}
	arch_dev_irq_unmask(false);
	arch_dev_irq_set_handler(NULL);
	report_eq(n, BENCH_SAMPLES, "device interrupts measured");
	summary("device_irq", n);
}

/*
 * IPIs ping-pong between two CPUs that wait in wfi (so QEMU's round-robin
 * scheduling under -icount moves on at once): the partner's handler notes
 * the one-way latency and answers, the boot CPU's handler counts answers.
 */
static volatile unsigned long pings, pongs;
static volatile unsigned long boot_cpu;
static volatile bool partner_stop, partner_ready;

/* Interrupt handlers are shared by all CPUs: the CPU tells the two roles apart. */
static void ipi_handler(void)
{
	unsigned long now = bench_counter();

	bench_ipi_ack();
	if (this_hart() == boot_cpu) {
		pongs++;
		return;
	}
	handler_at = now;
	latency = now - ipi_sent_at;
	pings++;
	bench_ipi_send(boot_cpu);
}

static void partner(unsigned long cpu, void *arg)
{
	(void)cpu;
	(void)arg;
	bench_ipi_enable(ipi_handler);
	local_irq_enable();
	partner_ready = true;
	while (!partner_stop)
		wait_for_interrupt();
	local_irq_disable();
}

TEST_CASE(bench_ipi)
{
	long other = arch_cpu_find_stopped();
	unsigned int n = 0;

	if (other < 0) {
		report_skip("one CPU only: no IPI latency");
		return;
	}
	boot_cpu = this_hart();
	partner_stop = partner_ready = false;
	pings = pongs = 0;
	bench_ipi_enable(ipi_handler);
	if (!report_eq(arch_cpu_start((unsigned long)other, partner, NULL), CPU_OK,
		       "start partner"))
		return;
	/*
	 * Only once it takes interrupts: under -icount a first IPI may come
	 * before the partner has even run, and without firmware (a native run
	 * on mps3-an536) its redistributor is still asleep then.
	 */
	unsigned long end = time_now() + 5000 * TICKS_PER_MS;

	while (!partner_ready && time_now() < end)
		;
	if (!report(partner_ready, "partner takes interrupts within 5 s"))
		return;
	local_irq_enable();
	for (unsigned int i = 0; i < BENCH_SAMPLES; i++) {
		unsigned long before = pongs;

		ipi_sent_at = bench_counter();
		bench_ipi_send((unsigned long)other);
		while (pongs == before)
			wait_for_interrupt();
		take_parts(n, ipi_sent_at, handler_at);
		samples[n++] = latency;
	}
	partner_stop = true;
	bench_ipi_send((unsigned long)other);
	local_irq_disable();
	report_eq(pings, BENCH_SAMPLES, "IPIs measured");
	summary("ipi", n);
}

TEST_CASE(bench_calls)
{
	volatile uint32_t sink = 0;

	for (unsigned int i = 0; i < BENCH_SAMPLES; i++) {
		unsigned long t0 = bench_counter();
		unsigned long t1;

		(void)bench_null_call();
		t1 = bench_counter();
		samples[i] = t1 - t0;
		take_parts(i, t0, t1);
	}
	summary("hypercall", BENCH_SAMPLES);
	for (unsigned int i = 0; i < BENCH_SAMPLES; i++) {
		unsigned long t0 = bench_counter();
		unsigned long t1;

		sink += bench_mmio_read();
		t1 = bench_counter();
		samples[i] = t1 - t0;
		take_parts(i, t0, t1);
	}
	summary("mmio", BENCH_SAMPLES);
	(void)sink;
}

TEST_CASE(bench_work)
{
	for (unsigned int i = 0; i < bench_work_count; i++) {
		unsigned long t0 = bench_counter();
		uint64_t check = bench_works[i].run();
		unsigned long t1 = bench_counter();

		report(check == bench_works[i].expected, "%s result 0x%llx (expected 0x%llx)",
		       bench_works[i].name, (unsigned long long)check,
		       (unsigned long long)bench_works[i].expected);
		printf("BENCH work_%s value=%lu\n", bench_works[i].name, t1 - t0);
	}
	printf("BENCH boot value=%lu\n", entry_counter);
}
