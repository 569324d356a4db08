/* SPDX-License-Identifier: Apache-2.0 */
/* The per-CPU run loop: run the pinned vCPU when it is started, idle otherwise. */
#include <bulwark/arch.h>
#include <bulwark/bench_probe.h>
#include <bulwark/compiler.h>
#include <bulwark/console.h>
#include <bulwark/cpu_event.h>
#include <bulwark/ipc.h>
#include <bulwark/mem.h>
#include <bulwark/printk.h>
#include <bulwark/vm.h>

#define FENCE_EVENTS ((1UL << CPU_EVENT_FENCE_VMA) | (1UL << CPU_EVENT_FENCE_I))

void cpu_handle_events(unsigned int cpu)
{
	unsigned long events;
	struct vcpu *v;

	/* Nothing marked (an idle CPU's wake-ups, mostly): not even the atomic swap. */
	if (!cpu_work_pending(cpu))
		return;
	events = cpu_event_take(cpu);
	v = cpu_vcpu(cpu);
	if (events & FENCE_EVENTS)
		mem_flush_guest(cpu, events & (1UL << CPU_EVENT_FENCE_I));
	if (events & ((1UL << CPU_EVENT_CONSOLE) | CPU_WORK_CONSOLE))
		console_pump(NULL); /* marks CPU_WORK_CONSOLE again if the device is busy */
	if (v && (events & (1UL << CPU_EVENT_IPC)))
		ipc_receive(v->vm);
	if (v && (events & (1UL << CPU_EVENT_LINES)) && v->state == VCPU_RUNNING) {
		arch_vcpu_sync_lines(v);
		bench_mark(BENCH_PT_LINES);
	}
	/*
	 * STOP needs no work here, the vCPU's state says it all, but a trap
	 * that takes it in a wait loop (a remote fence, an HSM suspend) must
	 * still park on its way back to the guest: the mark tells it to look.
	 */
	if (v && (events & (1UL << CPU_EVENT_STOP)) && v->state != VCPU_RUNNING)
		cpu_work_mark_self(cpu, CPU_WORK_PARK);
}

/* Something is marked in the CPU's word: do it, and park if v must stop. */
static __noinline void vcpu_after_trap_work(struct vcpu *v)
{
	cpu_handle_events(v->cpu);
	if (v->state != VCPU_RUNNING)
		cpu_run_loop(v->cpu);
}

void vcpu_after_trap(struct vcpu *v)
{
	/*
	 * Whoever gives this CPU work marks its word first (the vCPU's state
	 * changes before its STOP), then interrupts it: a word read as empty
	 * here means any later mark comes with an interrupt out of the guest.
	 */
	if (unlikely(cpu_work_pending(v->cpu)))
		vcpu_after_trap_work(v);
}

/* Moves a vCPU asked to start to running, under its VM's lock. */
static bool vcpu_claim_start(struct vcpu *v)
{
	bool start;

	spin_lock(&v->vm->lock);
	start = v->state == VCPU_START_PENDING && v->vm->state == VM_RUNNING;
	if (start) {
		v->state = VCPU_RUNNING;
		v->parked = false;
	}
	spin_unlock(&v->vm->lock);
	return start;
}

void cpu_run_loop(unsigned int cpu)
{
	struct vcpu *v = cpu_vcpu(cpu);

	for (;;) {
		if (v)
			v->parked = true;
		cpu_handle_events(cpu);
		if (v && vcpu_claim_start(v)) {
			/* make bench measures guest boot from here (Linux: to init). */
			if (v->index == 0)
				pr_debug("vm '%s' boot %u: vCPU 0 enters at counter %llu",
					 v->vm->desc->name, v->vm->boots,
					 (unsigned long long)arch_counter_read());
			arch_vcpu_start(v);
		}
		arch_idle(cpu);
	}
}
