/* SPDX-License-Identifier: Apache-2.0 */
/* Host tests of kernel/cpu_event.c and the per-CPU event dispatch and run loop in kernel/vcpu.c. */
#include <string.h>

#include <bulwark/cpu_event.h>
#include <bulwark/errno.h>
#include <bulwark/ipc.h>
#include <bulwark/vm.h>

#include "fake_arch.h"
#include "test.h"

static void handle_events(void *arg)
{
	cpu_handle_events(*(unsigned int *)arg);
}

static void after_trap(void *v)
{
	vcpu_after_trap(v);
}

static void stop_self(void *v)
{
	vcpu_stop_self(v);
}

/* Posts event to cpu from CPU 0 and lets cpu handle it. */
static void post_and_handle(unsigned int cpu, enum cpu_event event)
{
	fake_cpu = 0;
	cpu_event_post(cpu, event);
	EXPECT_EQ_INT(fake_run(cpu, handle_events, &cpu), FAKE_EXIT_RETURNED);
	EXPECT_EQ_UINT(cpu_event_pending(cpu), 0);
}

TEST(cpu_event, post_sets_bit_and_interrupts_only_another_cpu)
{
	fake_boot();
	fake_cpu = 0;
	for (unsigned int cpu = 0; cpu < FAKE_NR_CPUS; cpu++)
		(void)cpu_event_take(cpu);
	memset(fake_cpus, 0, sizeof(fake_cpus));

	cpu_event_post(1, CPU_EVENT_LINES);
	cpu_event_post(1, CPU_EVENT_IPC);
	EXPECT_EQ_UINT(cpu_event_pending(1), (1UL << CPU_EVENT_LINES) | (1UL << CPU_EVENT_IPC));
	EXPECT_EQ_UINT(fake_cpus[1].ipis, 2);
	EXPECT_EQ_UINT(cpu_event_pending(2), 0);

	/* To itself: the bit, no interrupt (it looks at its events before it idles). */
	cpu_event_post(0, CPU_EVENT_STOP);
	EXPECT_EQ_UINT(cpu_event_pending(0), 1UL << CPU_EVENT_STOP);
	EXPECT_EQ_UINT(fake_cpus[0].ipis, 0);
}

TEST(cpu_event, take_returns_every_posted_event_once)
{
	EXPECT_EQ_UINT(cpu_event_take(1), (1UL << CPU_EVENT_LINES) | (1UL << CPU_EVENT_IPC));
	EXPECT_EQ_UINT(cpu_event_take(1), 0);
	EXPECT_EQ_UINT(cpu_event_pending(1), 0);
	EXPECT_EQ_UINT(cpu_event_take(0), 1UL << CPU_EVENT_STOP);
}

TEST(cpu_event, fences_flush_the_receiving_cpu)
{
	post_and_handle(2, CPU_EVENT_FENCE_VMA);
	EXPECT_EQ_UINT(fake_cpus[2].tlb_flushes, 1);
	EXPECT_EQ_UINT(fake_cpus[2].icache_flushes, 0);
	post_and_handle(2, CPU_EVENT_FENCE_I);
	EXPECT_EQ_UINT(fake_cpus[2].icache_flushes, 1);
	EXPECT_EQ_UINT(fake_cpus[2].tlb_flushes + fake_cpus[1].tlb_flushes, 1);
}

TEST(cpu_event, lines_are_synced_only_for_a_running_vcpu)
{
	struct vcpu *v = cpu_vcpu(1);

	/* Not started yet: nothing to sync. */
	post_and_handle(1, CPU_EVENT_LINES);
	EXPECT_EQ_UINT(v->arch.lines_synced, 0);

	EXPECT_EQ_INT(fake_run_loop(1), FAKE_EXIT_GUEST);
	post_and_handle(1, CPU_EVENT_LINES);
	EXPECT_EQ_UINT(v->arch.lines_synced, 1);
}

TEST(cpu_event, ipc_is_delivered_on_the_receiving_cpu)
{
	unsigned int raises = fake_nr_raises;

	/* Alpha rings its "ring" object; beta's CPU raises its doorbell for event 0. */
	fake_cpu = 0;
	EXPECT_EQ_INT(ipc_notify(vm_by_id(0), 0, 0), 0);
	EXPECT_EQ_UINT(fake_nr_raises, raises);
	EXPECT_TRUE(cpu_event_pending(1) & (1UL << CPU_EVENT_IPC));
	EXPECT_EQ_INT(fake_run(1, handle_events, &(unsigned int){1}), FAKE_EXIT_RETURNED);
	EXPECT_EQ_UINT(fake_nr_raises, raises + 1);
	EXPECT_EQ_UINT(fake_raises[raises].vm, 1);
	EXPECT_EQ_UINT(fake_raises[raises].irq, 50);
	EXPECT_EQ_UINT(fake_raises[raises].cpu, 1);
}

TEST(run_loop, start_and_stop_a_sibling_vcpu)
{
	struct vm *gamma = vm_by_id(2);
	unsigned int ipis = fake_cpus[3].ipis;

	fake_cpu = 2;
	EXPECT_EQ_INT(vcpu_start_sibling(gamma->vcpus[0], 1, 0x80004000, 1, 2), 0);
	EXPECT_EQ_INT(gamma->vcpus[1]->state, VCPU_START_PENDING);
	EXPECT_EQ_UINT(fake_cpus[3].ipis, ipis + 1);
	/* Asked twice before it started, or for a vCPU the VM lacks. */
	EXPECT_EQ_INT(vcpu_start_sibling(gamma->vcpus[0], 1, 0, 0, 0), -EBUSY);
	EXPECT_EQ_INT(vcpu_start_sibling(gamma->vcpus[0], 2, 0, 0, 0), -EINVAL);

	EXPECT_EQ_INT(fake_run_loop(3), FAKE_EXIT_GUEST);
	EXPECT_TRUE(fake_cpus[3].entered == gamma->vcpus[1]);
	EXPECT_EQ_UINT(fake_cpus[3].entry_pc, 0x80004000);
	EXPECT_EQ_UINT(fake_cpus[3].entry_arg0, 1);
	EXPECT_EQ_UINT(fake_cpus[3].entry_arg1, 2);
	EXPECT_EQ_INT(gamma->vcpus[1]->state, VCPU_RUNNING);

	/* A trap with nothing pending goes back to the guest. */
	EXPECT_EQ_INT(fake_run(3, after_trap, gamma->vcpus[1]), FAKE_EXIT_RETURNED);
	/* The guest stops itself: its CPU parks and idles. */
	EXPECT_EQ_INT(fake_run(3, stop_self, gamma->vcpus[1]), FAKE_EXIT_IDLE);
	EXPECT_EQ_INT(gamma->vcpus[1]->state, VCPU_OFF);
	EXPECT_TRUE(gamma->vcpus[1]->parked);
}

TEST(run_loop, stop_event_takes_a_vcpu_out_of_the_guest)
{
	struct vcpu *v = cpu_vcpu(1);

	/* Another CPU marks it off and posts STOP; its next trap parks it. */
	v->state = VCPU_OFF;
	fake_cpu = 0;
	cpu_event_post(1, CPU_EVENT_STOP);
	EXPECT_EQ_INT(fake_run(1, after_trap, v), FAKE_EXIT_IDLE);
	EXPECT_TRUE(v->parked);
	EXPECT_EQ_UINT(cpu_event_pending(1), 0);
	/* Nothing to start: idles again, without entering. */
	EXPECT_EQ_INT(fake_run_loop(1), FAKE_EXIT_IDLE);
	EXPECT_EQ_UINT(v->arch.entries, 1);
}

TEST(cpu_work, own_work_is_in_the_word_but_is_no_event)
{
	unsigned int ipis = fake_cpus[1].ipis;

	fake_cpu = 1;
	EXPECT_EQ_UINT(cpu_work_pending(1), 0);
	/* Event bits are for cpu_event_post: the mark keeps only work bits. */
	cpu_work_mark_self(1, CPU_WORK_CONSOLE | (1UL << CPU_EVENT_IPC));
	EXPECT_EQ_UINT(cpu_work_pending(1), CPU_WORK_CONSOLE);
	/* Idling waits on events only: its own work never keeps it awake. */
	EXPECT_EQ_UINT(cpu_event_pending(1), 0);
	EXPECT_EQ_UINT(fake_cpus[1].ipis, ipis);
	EXPECT_EQ_UINT(cpu_event_take(1), CPU_WORK_CONSOLE);
	EXPECT_EQ_UINT(cpu_work_pending(1), 0);
}

TEST(cpu_work, a_posted_event_is_seen_by_the_trap_exit_test)
{
	fake_cpu = 0;
	cpu_event_post(1, CPU_EVENT_LINES);
	EXPECT_EQ_UINT(cpu_work_pending(1), 1UL << CPU_EVENT_LINES);
	EXPECT_EQ_INT(fake_run(1, handle_events, &(unsigned int){1}), FAKE_EXIT_RETURNED);
	EXPECT_EQ_UINT(cpu_work_pending(1), 0);
}

TEST(run_loop, a_stop_taken_in_a_wait_loop_still_parks_at_the_trap_exit)
{
	struct vcpu *v = cpu_vcpu(2);

	EXPECT_EQ_INT(fake_run_loop(2), FAKE_EXIT_GUEST);
	EXPECT_EQ_INT(v->state, VCPU_RUNNING);
	EXPECT_EQ_UINT(cpu_work_pending(2), 0);

	/*
	 * CPU 0 stops it while its CPU waits in a trap (a remote fence): the
	 * wait loop takes the STOP; the way back to the guest must still park.
	 */
	v->state = VCPU_OFF;
	fake_cpu = 0;
	cpu_event_post(2, CPU_EVENT_STOP);
	EXPECT_EQ_INT(fake_run(2, handle_events, &(unsigned int){2}), FAKE_EXIT_RETURNED);
	EXPECT_EQ_UINT(cpu_event_pending(2), 0);
	EXPECT_EQ_UINT(cpu_work_pending(2), CPU_WORK_PARK);
	EXPECT_EQ_INT(fake_run(2, after_trap, v), FAKE_EXIT_IDLE);
	EXPECT_TRUE(v->parked);
	EXPECT_EQ_UINT(cpu_work_pending(2), 0);
}
