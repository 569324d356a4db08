/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The fake arch: implements include/bulwark/arch.h on the host so the real
 * kernel/ files run in unit tests. CPUs are simulated one at a time: the
 * test says which CPU runs (fake_run), and what never returns on hardware
 * (guest entry, idle, power-off) jumps back to the test instead.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

#include <bulwark/arch.h>
#include <bulwark/console.h>
#include <bulwark/mem.h>
#include <bulwark/vconsole.h>
#include <bulwark/vm.h>

#include "fake_arch.h"

#define FAKE_MAX_NESTING 4

unsigned int fake_cpu;
struct fake_cpu_record fake_cpus[FAKE_NR_CPUS];
int fake_start_cpu_result[FAKE_NR_CPUS];
u64 fake_counter_step = 1;
void (*fake_relax_hook)(void);
unsigned int fake_poweroffs;
int fake_poweroff_reason;

static u64 counter;

/* Where each nested fake_run is waiting for its CPU's turn to end, and how it ended. */
static jmp_buf turns[FAKE_MAX_NESTING];
static unsigned int depth;
static enum fake_exit ended;

static void __noreturn end_turn(enum fake_exit how)
{
	if (!depth) {
		fprintf(stderr, "fake arch: CPU %u ended its turn (%d) outside fake_run\n",
			fake_cpu, (int)how);
		abort();
	}
	ended = how;
	longjmp(turns[depth - 1], 1);
}

enum fake_exit fake_run(unsigned int cpu, void (*fn)(void *), void *arg)
{
	unsigned int was = fake_cpu;

	if (depth == FAKE_MAX_NESTING)
		abort();
	fake_cpu = cpu;
	/* setjmp only as the C standard allows it: the whole operand of a comparison. */
	if (setjmp(turns[depth]) == 0) {
		depth++;
		fn(arg);
		ended = FAKE_EXIT_RETURNED;
	}
	depth--;
	fake_cpu = was;
	return ended;
}

static void run_loop(void *arg)
{
	cpu_run_loop(*(unsigned int *)arg);
}

enum fake_exit fake_run_loop(unsigned int cpu)
{
	return fake_run(cpu, run_loop, &cpu);
}

static void boot(void *arg)
{
	(void)arg;
	console_init();
	vm_setup_all((1ULL << FAKE_NR_CPUS) - 1);
	vconsole_init();
	console_start_callbacks();
}

void fake_boot(void)
{
	static bool booted;

	if (booted)
		return;
	booted = true;
	(void)fake_run(0, boot, NULL);
}

unsigned int arch_cpu_id(void)
{
	return fake_cpu;
}

unsigned long arch_cpu_hw_id(unsigned int cpu)
{
	return cpu;
}

const char *arch_cpu_hw_id_name(void)
{
	return "fake id";
}

const char *arch_cpu_mode_name(void)
{
	return "host";
}

int arch_cpu_init(unsigned int cpu)
{
	(void)cpu;
	return 0;
}

int arch_start_cpu(unsigned int cpu)
{
	return cpu < FAKE_NR_CPUS ? fake_start_cpu_result[cpu] : -1;
}

const char *arch_cpu_silent_hint(unsigned int cpu)
{
	(void)cpu;
	return NULL;
}

u64 arch_counter_read(void)
{
	counter += fake_counter_step;
	return counter;
}

u64 arch_counter_freq(void)
{
	return 1000000;
}

void arch_relax(void)
{
	if (fake_relax_hook)
		fake_relax_hook();
}

void arch_halt(void)
{
	end_turn(FAKE_EXIT_HALT);
}

void arch_poweroff(enum arch_poweroff_reason reason)
{
	fake_poweroffs++;
	fake_poweroff_reason = (int)reason;
	end_turn(FAKE_EXIT_POWEROFF);
}

void arch_send_event_ipi(unsigned int cpu)
{
	if (cpu < FAKE_NR_CPUS)
		fake_cpus[cpu].ipis++;
}

void arch_cpu_virt_init(unsigned int cpu)
{
	(void)cpu;
}

/* The memory back end (mem.h): counts what it is asked to map. */
int mem_cpu_init(unsigned int cpu)
{
	(void)cpu;
	return 0;
}

int mem_vm_create(struct vm *vm)
{
	return fake_vms[vm->id].vm_init_error;
}

int mem_vm_map(struct vm *vm, gpa_t gpa, hpa_t pa, u64 size, u32 access, enum vm_map_kind kind)
{
	(void)gpa, (void)pa, (void)size, (void)access, (void)kind;
	vm->arch.map_runs++;
	return 0;
}

void mem_vcpu_load(struct vcpu *v)
{
	(void)v;
}

void mem_flush_guest(unsigned int cpu, bool instruction_cache)
{
	if (instruction_cache)
		fake_cpus[cpu].icache_flushes++;
	else
		fake_cpus[cpu].tlb_flushes++;
}

void arch_vcpu_start(struct vcpu *v)
{
	struct fake_cpu_record *rec = &fake_cpus[fake_cpu];

	if (v->cpu != fake_cpu) {
		fprintf(stderr, "fake arch: vCPU of CPU %u entered on CPU %u\n", v->cpu, fake_cpu);
		abort();
	}
	v->arch.entries++;
	rec->entered = v;
	rec->entry_pc = v->start_pc;
	rec->entry_arg0 = v->start_arg0;
	rec->entry_arg1 = v->start_arg1;
	end_turn(FAKE_EXIT_GUEST);
}

void arch_idle(unsigned int cpu)
{
	(void)cpu;
	end_turn(FAKE_EXIT_IDLE);
}

void arch_vcpu_sync_lines(struct vcpu *v)
{
	v->arch.lines_synced++;
}
