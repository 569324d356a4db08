/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Two VMs exchange messages through an IPC object: shared memory plus a
 * doorbell each way (VM only). Side A sends IPC_MESSAGES numbered messages,
 * side B checks each arrives once and in order and answers it; A checks the
 * answers the same way. Build with -DIPC_SIDE_A or -DIPC_SIDE_B.
 *
 * With -DIPC_GPIO_ADDR=<its gpio address> (Arm) the side rings and hears
 * its doorbells through the virtual PL061 of its mapping instead of the
 * hypercall (Documentation/ipc.md, "GPIO doorbells"): driving output line 4
 * from 0 to 1 rings event 0, and a peer's ring is a rising edge on input
 * line 0, whose interrupt is the mapping's doorbell.
 */
#include <stdint.h>
#include "arch.h"
#include "test.h"

/*
 * A board whose RAM is not where QEMU virt has it moves the shared memory
 * (GUEST_BOARD_DEFINES in its board.mk: on an MPU board every VM sees it at
 * its physical address).
 */
#ifdef GUEST_IPC_SHMEM_ADDR
#undef IPC_SHMEM_ADDR
#define IPC_SHMEM_ADDR GUEST_IPC_SHMEM_ADDR
#endif
#ifndef IPC_SHMEM_ADDR
#define IPC_SHMEM_ADDR 0x88000000UL
#endif
#ifndef IPC_DOORBELL
#define IPC_DOORBELL 40
#endif
#ifndef IPC_MESSAGES
#define IPC_MESSAGES 10000
#endif
#define IPC_ID	      0 /* the VM's first (only) IPC object */
#define IPC_READY     0x52454459u
#define HC_IPC_NOTIFY 1
/*
 * How long one message may take, in guest time. Without -icount the guest's
 * counter follows the host clock, and the peer's vCPU thread may wait that
 * long for a busy host's cores: generous, so that only a lost doorbell
 * fails (and then after this long), never a loaded machine.
 */
#define WAIT_MS	      30000
#define READY_WAIT_MS 60000

#ifdef IPC_OUTSIDER
/* A VM that is no party to the IPC object can neither see its memory nor ring it. */
TEST_CASE(ipc_outsider)
{
	unsigned long value = 0;
	struct fault_info f = probe_load(IPC_SHMEM_ADDR, 4, &value);

	report(f.taken && fault_is_access(&f, false), "the object's memory at 0x%lx faults",
	       IPC_SHMEM_ADDR);
	report_eq(arch_hypercall(HC_IPC_NOTIFY, IPC_ID, 0), 3, "notify of an IPC object it lacks");
}
#else
struct channel {
	volatile uint32_t seq;
	volatile uint32_t payload;
};

struct ipc_area {
	volatile uint32_t ready; /* set by B once it listens */
	struct channel a_to_b;
	struct channel b_to_a;
};

static struct ipc_area *const area = (struct ipc_area *)IPC_SHMEM_ADDR;
static volatile unsigned long doorbells;

#ifdef IPC_GPIO_ADDR
#define GPIO_DIR      0x400
#define GPIO_IS	      0x404
#define GPIO_IEV      0x40c
#define GPIO_IE	      0x410
#define GPIO_MIS      0x418
#define GPIO_IC	      0x41c
#define GPIO_PCELLID0 0xff0
#define GPIO_IN_LINE  (1U << 0) /* event 0 from the peers */
#define GPIO_OUT_LINE (1U << 4) /* rings event 0 */

static volatile uint32_t *gpio_reg(unsigned long offset)
{
	return (volatile uint32_t *)(IPC_GPIO_ADDR + offset);
}

/* Lines 4-7 outputs, line 0 interrupts on its rising edge. */
static void gpio_setup(void)
{
	report_eqx(*gpio_reg(GPIO_PCELLID0), 0x0d, "the doorbell GPIO reads as a PrimeCell");
	*gpio_reg(GPIO_DIR) = 0xf0;
	*gpio_reg(GPIO_IS) = 0;
	*gpio_reg(GPIO_IEV) = GPIO_IN_LINE;
	*gpio_reg(GPIO_IE) = GPIO_IN_LINE;
}

/* A 0-1 transition on the output line (GPIODATA: address bits 9:2 select the lines). */
static void ring(void)
{
	*gpio_reg(GPIO_OUT_LINE << 2) = GPIO_OUT_LINE;
	*gpio_reg(GPIO_OUT_LINE << 2) = 0;
}

static void doorbell(unsigned int id)
{
	uint32_t mis;

	if (id != IPC_DOORBELL)
		return;
	mis = *gpio_reg(GPIO_MIS);
	*gpio_reg(GPIO_IC) = mis;
	doorbells += mis & GPIO_IN_LINE;
}
#else
static void gpio_setup(void)
{
}

static void ring(void)
{
	(void)arch_hypercall(HC_IPC_NOTIFY, IPC_ID, 0);
}

static void doorbell(unsigned int id)
{
	if (id == IPC_DOORBELL)
		doorbells++;
}
#endif

static uint32_t payload_of(uint32_t seq, uint32_t salt)
{
	return seq * 2654435761u ^ salt;
}

/*
 * Waits until message seq is in the channel and its doorbell rang: strictly
 * one message in flight each way, so the n-th message comes with the n-th ring.
 */
static bool wait_for(const struct channel *c, uint32_t seq)
{
	unsigned long end = time_now() + WAIT_MS * TICKS_PER_MS;

	while (doorbells < seq || c->seq != seq)
		if (time_now() > end)
			return false;
	return true;
}

static void send(struct channel *c, uint32_t seq, uint32_t salt)
{
	c->payload = payload_of(seq, salt);
	arch_mb();
	c->seq = seq;
	arch_mb();
	ring();
}

TEST_CASE(ipc_messages)
{
	unsigned long lost = 0, disorder = 0;
	struct channel *in, *out;
	uint32_t salt_in, salt_out;

	gpio_setup();
	arch_dev_irq_set_handler(doorbell);
	arch_dev_irq_enable(IPC_DOORBELL);
	arch_dev_irq_unmask(true);
	local_irq_enable();
#ifdef IPC_SIDE_B
	in = &area->a_to_b;
	out = &area->b_to_a;
	salt_in = 0xa;
	salt_out = 0xb;
	area->a_to_b.seq = 0;
	area->b_to_a.seq = 0;
	arch_mb();
	area->ready = IPC_READY;
#else
	in = &area->b_to_a;
	out = &area->a_to_b;
	salt_in = 0xb;
	salt_out = 0xa;
	{
		unsigned long end = time_now() + READY_WAIT_MS * TICKS_PER_MS;

		while (area->ready != IPC_READY && time_now() < end)
			;
	}
	if (!report_eqx(area->ready, IPC_READY, "the peer listens"))
		return;
#endif
	for (uint32_t seq = 1; seq <= IPC_MESSAGES; seq++) {
#ifndef IPC_SIDE_B
		send(out, seq, salt_out);
#endif
		if (!wait_for(in, seq)) {
			lost++;
			break;
		}
		if (in->payload != payload_of(seq, salt_in))
			disorder++;
#ifdef IPC_SIDE_B
		send(out, seq, salt_out);
#endif
	}
	local_irq_disable();
	arch_dev_irq_unmask(false);
	report_eq(lost, 0, "messages lost (waited %d ms for each)", WAIT_MS);
	report_eq(disorder, 0, "messages out of order or corrupted of %d", IPC_MESSAGES);
	report_eq(doorbells, IPC_MESSAGES, "doorbells rung, one per message");
	report_eq(arch_hypercall(HC_IPC_NOTIFY, IPC_ID + 5, 0), 3, "notify of a bad IPC id");
	report_eq(arch_hypercall(HC_IPC_NOTIFY, IPC_ID, 7), 3, "notify of a bad event");
	report_eq(arch_hypercall(77, 0, 0), 2, "unknown hypercall id");
#ifdef IPC_SIDE_B
	area->ready = 0;
#endif
}
#endif
