/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The benchmark's VM-to-VM doorbell: side A notes the counter in shared
 * memory and rings side B through the IPC hypercall; B's doorbell handler
 * takes the difference and answers through shared memory. B prints the
 * figure. Build with -DIPC_SIDE_A or -DIPC_SIDE_B (VM only).
 */
#include <stdint.h>
#include "arch.h"
#include "bench.h"
#include "bench_parts.h"
#include "bench_work.h"
#include "printf.h"
#include "test.h"

/* A board whose layouts put the IPC object elsewhere says where (board.mk), as for ipc.c. */
#ifdef GUEST_IPC_SHMEM_ADDR
#undef IPC_SHMEM_ADDR
#define IPC_SHMEM_ADDR GUEST_IPC_SHMEM_ADDR
#endif

#define SAMPLES	      1000
#define IPC_READY     0x52454459u
#define HC_IPC_NOTIFY 1
#define WAIT_MS	      2000

struct doorbell_area {
	volatile uint32_t ready;
	volatile uint32_t acked;
	volatile unsigned long sent_at;
};

static struct doorbell_area *const area = (struct doorbell_area *)IPC_SHMEM_ADDR;

#ifdef IPC_SIDE_B
static unsigned long samples[SAMPLES];
static struct bench_parts parts[SAMPLES]; /* bench-breakdown builds (bench_parts.h) */
static volatile unsigned int taken;

static void doorbell(unsigned int id)
{
	unsigned long now = bench_counter();

	if (id != IPC_DOORBELL || taken >= SAMPLES)
		return;
	/* Marks of every CPU, the ringing VM's too: the breakdown build shares them all. */
	if (bench_parts_available())
		bench_parts_take(&parts[taken], area->sent_at, now);
	samples[taken++] = now - area->sent_at;
	area->acked = taken;
	/* Ring back, so the sender can wait in wfi (QEMU -icount round-robin moves on at once). */
	(void)arch_hypercall(HC_IPC_NOTIFY, 0, 0);
}

TEST_CASE(bench_doorbell)
{
	unsigned long end;

	area->acked = 0;
	arch_dev_irq_set_handler(doorbell);
	arch_dev_irq_enable(IPC_DOORBELL);
	arch_dev_irq_unmask(true);
	local_irq_enable();
	arch_mb();
	area->ready = IPC_READY;
	end = time_now() + 20 * WAIT_MS * TICKS_PER_MS;
	while (taken < SAMPLES && time_now() < end)
		wait_for_interrupt();
	local_irq_disable();
	area->ready = 0;
	if (!report_eq(taken, SAMPLES, "doorbells measured"))
		return;
	sort_ulong(samples, SAMPLES);
	printf("BENCH doorbell n=%u min=%lu median=%lu p99=%lu max=%lu\n", SAMPLES, samples[0],
	       samples[SAMPLES / 2], samples[SAMPLES * 99 / 100], samples[SAMPLES - 1]);
	bench_parts_print("doorbell", parts, SAMPLES, samples[SAMPLES / 2]);
}
#else
static void answer(unsigned int id)
{
	(void)id; /* waking the sender up is all it is for */
}

TEST_CASE(bench_doorbell)
{
	unsigned long end = time_now() + 10 * WAIT_MS * TICKS_PER_MS;
	unsigned int sent;

	while (area->ready != IPC_READY && time_now() < end)
		;
	if (!report_eqx(area->ready, IPC_READY, "the peer listens"))
		return;
	arch_dev_irq_set_handler(answer);
	arch_dev_irq_enable(IPC_DOORBELL);
	arch_dev_irq_unmask(true);
	local_irq_enable();
	for (sent = 1; sent <= SAMPLES; sent++) {
		area->sent_at = bench_counter();
		arch_mb();
		(void)arch_hypercall(HC_IPC_NOTIFY, 0, 0);
		while (area->acked != sent)
			wait_for_interrupt();
	}
	local_irq_disable();
	report_eq(sent - 1, SAMPLES, "doorbells rung and answered");
}
#endif
