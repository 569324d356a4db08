/* SPDX-License-Identifier: Apache-2.0 */
/* Host tests of kernel/ipc.c and the IPC hypercall on the fake arch's three-VM layout. */
#include <bulwark/cpu_event.h>
#include <bulwark/hypercall.h>
#include <bulwark/ipc.h>
#include <bulwark/vm.h>

#include "fake_arch.h"
#include "test.h"

#define ALPHA 0
#define BETA  1
#define GAMMA 2

struct notify {
	unsigned int vm;
	u32 ipc, event;
	long ret;
};

static void do_notify(void *arg)
{
	struct notify *n = arg;

	n->ret = ipc_notify(vm_by_id(n->vm), n->ipc, n->event);
}

/* VM vm rings event on its IPC object ipc, from its own CPU; returns the HC_* code. */
static long notify(unsigned int vm, u32 ipc, u32 event)
{
	struct notify n = {vm, ipc, event, -1};

	EXPECT_EQ_INT(fake_run(vm_by_id(vm)->vcpus[0]->cpu, do_notify, &n), FAKE_EXIT_RETURNED);
	return n.ret;
}

static void handle_events(void *arg)
{
	cpu_handle_events(*(unsigned int *)arg);
}

/* Each CPU handles what was posted to it, as after its IPI. */
static void deliver_all(void)
{
	for (unsigned int cpu = 0; cpu < FAKE_NR_CPUS; cpu++)
		EXPECT_EQ_INT(fake_run(cpu, handle_events, &cpu), FAKE_EXIT_RETURNED);
}

static void reset_records(void)
{
	fake_boot();
	deliver_all();
	fake_nr_raises = 0;
	for (unsigned int cpu = 0; cpu < FAKE_NR_CPUS; cpu++)
		fake_cpus[cpu].ipis = 0;
}

TEST(ipc_notify, ring_sets_bits_and_posts_to_the_receivers_cpu)
{
	reset_records();
	EXPECT_EQ_INT(notify(ALPHA, 0, 1), HC_SUCCESS);
	/* Nothing is raised on the ringing CPU: beta's CPU is told. */
	EXPECT_EQ_UINT(fake_nr_raises, 0);
	EXPECT_EQ_UINT(cpu_event_pending(1), 1UL << CPU_EVENT_IPC);
	EXPECT_EQ_UINT(fake_cpus[1].ipis, 1);
	EXPECT_EQ_UINT(cpu_event_pending(0) | cpu_event_pending(2) | cpu_event_pending(3), 0);
	EXPECT_EQ_UINT(fake_cpus[0].ipis + fake_cpus[2].ipis + fake_cpus[3].ipis, 0);
}

TEST(ipc_notify, receiver_raises_its_own_doorbell_for_the_event)
{
	deliver_all();
	EXPECT_EQ_UINT(fake_nr_raises, 1);
	EXPECT_EQ_UINT(fake_raises[0].vm, BETA);
	EXPECT_EQ_UINT(fake_raises[0].irq, 51); /* beta's doorbell for event 1 */
	EXPECT_EQ_UINT(fake_raises[0].cpu, 1);	/* on beta's own CPU */
}

TEST(ipc_notify, events_rung_before_delivery_all_arrive_in_order)
{
	reset_records();
	EXPECT_EQ_INT(notify(BETA, 0, 1), HC_SUCCESS);
	EXPECT_EQ_INT(notify(BETA, 0, 0), HC_SUCCESS);
	EXPECT_EQ_INT(notify(BETA, 0, 1), HC_SUCCESS);
	deliver_all();
	EXPECT_EQ_UINT(fake_nr_raises, 2);
	EXPECT_EQ_UINT(fake_raises[0].vm, ALPHA);
	EXPECT_EQ_UINT(fake_raises[0].irq, 40);
	EXPECT_EQ_UINT(fake_raises[1].vm, ALPHA);
	EXPECT_EQ_UINT(fake_raises[1].irq, 41);
	/* Delivered once: a second look finds nothing. */
	deliver_all();
	EXPECT_EQ_UINT(fake_nr_raises, 2);
}

TEST(ipc_notify, vm_not_connected_to_the_object_cannot_ring_it)
{
	reset_records();
	/* Gamma's IPC 0 is "solo", which nobody else maps: nobody hears it. */
	EXPECT_EQ_INT(notify(GAMMA, 0, 0), HC_SUCCESS);
	deliver_all();
	EXPECT_EQ_UINT(fake_nr_raises, 0);
	for (unsigned int cpu = 0; cpu < FAKE_NR_CPUS; cpu++)
		EXPECT_EQ_UINT(fake_cpus[cpu].ipis, 0);
	/* Its "log" mapping has no doorbells; it has no IPC 2; solo has one event. */
	EXPECT_EQ_INT(notify(GAMMA, 1, 0), HC_INVALID_ARG);
	EXPECT_EQ_INT(notify(GAMMA, 2, 0), HC_INVALID_ARG);
	EXPECT_EQ_INT(notify(GAMMA, 0, 1), HC_INVALID_ARG);
	/* The ring has two events. */
	EXPECT_EQ_INT(notify(ALPHA, 0, 2), HC_INVALID_ARG);
	deliver_all();
	EXPECT_EQ_UINT(fake_nr_raises, 0);
}

TEST(ipc_notify, the_hypercall_checks_its_arguments)
{
	struct vcpu *v = vm_by_id(ALPHA)->vcpus[0];

	reset_records();
	fake_cpu = 0;
	EXPECT_EQ_INT(hypercall(v, HC_IPC_NOTIFY, 0, 0, 0), HC_SUCCESS);
	EXPECT_EQ_INT(hypercall(v, HC_IPC_NOTIFY, 1UL << 32, 0, 0), HC_INVALID_ARG);
	EXPECT_EQ_INT(hypercall(v, HC_IPC_NOTIFY, 0, (1UL << 32) | 1, 0), HC_INVALID_ARG);
	EXPECT_EQ_INT(hypercall(v, 99, 0, 0, 0), HC_INVALID_ID);
	deliver_all();
	EXPECT_EQ_UINT(fake_nr_raises, 1);
	EXPECT_EQ_UINT(fake_raises[0].irq, 50);
}

TEST(ipc_notify, a_model_that_carries_the_mapping_takes_the_event)
{
	reset_records();
	fake_vms[BETA].model_takes_ipc = true;
	EXPECT_EQ_INT(notify(ALPHA, 0, 1), HC_SUCCESS);
	deliver_all();
	fake_vms[BETA].model_takes_ipc = false;
	EXPECT_EQ_UINT(fake_nr_raises, 0);
	EXPECT_EQ_UINT(fake_vms[BETA].model_ipc, 1);
	EXPECT_EQ_UINT(fake_vms[BETA].last_ipc, 0);
	EXPECT_EQ_UINT(fake_vms[BETA].last_event, 1);
}

TEST(ipc_notify, a_peer_that_is_not_running_gets_nothing)
{
	struct vm *beta = vm_by_id(BETA);

	reset_records();
	/* Rung while running, but restarting when its CPU looks: what was rung is gone. */
	EXPECT_EQ_INT(notify(ALPHA, 0, 0), HC_SUCCESS);
	beta->state = VM_REBOOTING;
	deliver_all();
	EXPECT_EQ_UINT(fake_nr_raises, 0);
	/* Not running when rung: not even told. */
	EXPECT_EQ_INT(notify(ALPHA, 0, 0), HC_SUCCESS);
	EXPECT_EQ_UINT(cpu_event_pending(1), 0);
	beta->state = VM_RUNNING;
	deliver_all();
	EXPECT_EQ_UINT(fake_nr_raises, 0);
}
