/* SPDX-License-Identifier: Apache-2.0 */
/* VMs and their vCPUs: the run-time state built from the static layout. */
#ifndef BULWARK_VM_H
#define BULWARK_VM_H

#include <bulwark/addr.h>
#include <bulwark/compiler.h>
#include <bulwark/ratelimit.h>
#include <bulwark/spinlock.h>
#include <bulwark/types.h>
#include <bulwark/vmconf.h>
#include <asm/vcpu.h>

#define VM_MAX_VCPUS 64

enum vm_state {
	VM_RUNNING = 0,
	VM_STOPPED,   /* shut down by itself, or stopped after a fault */
	VM_REBOOTING, /* its vCPUs are being stopped before a fresh start */
};

enum vcpu_state {
	VCPU_OFF = 0,	    /* not started yet, or stopped (SBI HSM / PSCI) */
	VCPU_START_PENDING, /* asked to start, its CPU has not picked it up */
	VCPU_RUNNING,
	VCPU_SUSPENDED, /* waiting for an interrupt (HSM suspend) */
};

struct vm;

struct vcpu {
	struct vm *vm;
	unsigned int index; /* within the VM: the guest's hart id / MPIDR */
	unsigned int cpu;   /* physical CPU it is pinned to */
	volatile enum vcpu_state state;
	volatile bool parked; /* its CPU is idle, not in the guest */
	/* Where it starts when (re)started: entry point and its two arguments. */
	u64 start_pc;
	u64 start_arg0;
	u64 start_arg1;
	struct arch_vcpu arch;
};

struct vm {
	const struct vmconf_vm *desc;
	unsigned int id;
	volatile enum vm_state state;
	unsigned int nr_vcpus;
	spinlock_t lock;
	unsigned int boots; /* how many times it started (1 + reboots) */
	struct vcpu *vcpus[VM_MAX_VCPUS];
	struct arch_vm arch;
	/* The virtual interrupt controller, owned by drivers/irqchip. */
	void *virq;
	/* Fault reports: a budget per VM, taken only by its own vCPUs. */
	spinlock_t report_lock;
	struct ratelimit reports;
};

/* The vCPU the calling physical CPU runs, or NULL. */
struct vcpu *current_vcpu(void);

/* The vCPU pinned to a physical CPU, or NULL. */
struct vcpu *cpu_vcpu(unsigned int cpu);

/* Builds every VM from the layout, on the boot CPU, before any runs. */
void vm_setup_all(u64 online_cpus);

/*
 * Each CPU ends here once everything is set up: it runs its vCPU whenever
 * the vCPU is started, and idles otherwise.
 */
void cpu_run_loop(unsigned int cpu) __noreturn;

/*
 * Called by the arch after it handled a trap from v's guest, before
 * resuming it: handles posted events and parks the CPU (never returning)
 * when v must no longer run.
 */
void vcpu_after_trap(struct vcpu *v);

/* Handles this CPU's posted events (fences, interrupt lines). */
void cpu_handle_events(unsigned int cpu);

/* Host address of guest-physical [gpa, gpa + size) in the VM's RAM, or NULL. */
void *vm_guest_ram(struct vm *vm, gpa_t gpa, u64 size);

/* Stops every vCPU of the VM; when no VM is left running, powers off. */
void vm_stop(struct vm *vm, const char *why);

/* Stops the VM and starts it again from a fresh copy of its image. */
void vm_reboot(struct vm *vm);

/*
 * A guest touched what it does not own. Prints the one-line report and
 * returns true when the guest should be told (a fault injected, or an
 * error returned: consequence names it for the report), false when the VM
 * has been stopped (per its layout's fault action).
 */
bool vm_contain(struct vcpu *v, const char *what, u64 addr, u64 pc, const char *why,
		const char *consequence);

#define VM_FAULT_INJECTED "access fault injected"

/*
 * Every interrupt the VM's virtual controller has: its physical interrupts
 * and its IPC doorbells. Fills out (room for max) and returns the count.
 */
u32 vm_virtual_irqs(const struct vm *vm, u32 *out, u32 max);

/* SBI HSM / PSCI: start vCPU index of v's VM at pc with two arguments. */
int vcpu_start_sibling(struct vcpu *v, unsigned int index, u64 pc, u64 arg0, u64 arg1);

/* The calling vCPU stops itself (SBI HSM hart_stop, PSCI CPU_OFF). */
void vcpu_stop_self(struct vcpu *v) __noreturn;

/* VM by id (index in the layout), NULL when out of range. */
struct vm *vm_by_id(unsigned int id);
unsigned int vm_count(void);

/*
 * Asks vCPU v to raise (or lower) the guest's external interrupt line.
 * Safe from any physical CPU: a remote vCPU is told through an IPI.
 */
void vcpu_set_external_irq(struct vcpu *v, bool pending);

#endif /* BULWARK_VM_H */
