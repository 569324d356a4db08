/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The fake arch the host tests of kernel/ link against: its controls (which
 * CPU is running, what the firmware answers) and what it recorded (guest
 * entries, IPIs, serial output, raised interrupts).
 */
#ifndef TESTS_UNIT_FAKE_ARCH_H
#define TESTS_UNIT_FAKE_ARCH_H

#include <bulwark/types.h>
#include <bulwark/vm_map.h>

#define FAKE_NR_CPUS 4
#define FAKE_NR_VMS  3

/* How a simulated CPU's turn ended. */
enum fake_exit {
	FAKE_EXIT_RETURNED = 0, /* the function returned */
	FAKE_EXIT_GUEST,	/* arch_vcpu_start entered a vCPU */
	FAKE_EXIT_IDLE,		/* arch_idle: nothing to run */
	FAKE_EXIT_POWEROFF,	/* arch_poweroff */
	FAKE_EXIT_HALT,		/* arch_halt */
};

/* The CPU arch_cpu_id() answers; fake_run sets it. */
extern unsigned int fake_cpu;

/*
 * Runs fn(arg) as CPU cpu until it returns or reaches a function that never
 * returns on hardware (guest entry, idle, power-off, halt), which jumps
 * back here. Nests: a hook may run another CPU while this one waits.
 */
enum fake_exit fake_run(unsigned int cpu, void (*fn)(void *), void *arg);

/* cpu_run_loop(cpu) until the CPU enters a guest or goes idle. */
enum fake_exit fake_run_loop(unsigned int cpu);

/* Builds the fake layout's VMs once, as kernel_main does (CPUs 0..3 online). */
void fake_boot(void);

/* What each physical CPU was asked or did. */
struct fake_cpu_record {
	unsigned int ipis;	     /* arch_send_event_ipi to it */
	unsigned int tlb_flushes;    /* mem_flush_guest without the I-cache */
	unsigned int icache_flushes; /* mem_flush_guest with it */
	/* The last guest entry: the vCPU and its start state. */
	const struct vcpu *entered;
	u64 entry_pc, entry_arg0, entry_arg1;
};
extern struct fake_cpu_record fake_cpus[FAKE_NR_CPUS];

/* What arch_start_cpu answers for each CPU (0 by default). */
extern int fake_start_cpu_result[FAKE_NR_CPUS];

/* The counter: every read advances it by fake_counter_step ticks (1 MHz). */
extern u64 fake_counter_step;

/* Called by each arch_relax (a busy wait): lets a test act as another CPU. */
extern void (*fake_relax_hook)(void);

/* Power-off and halt requests. */
extern unsigned int fake_poweroffs;
extern int fake_poweroff_reason;

/* --- Serial console (fake_devices.c): every byte written, in order. --- */

/* Everything written since the last clear, NUL-terminated. */
const char *fake_serial_text(void);
void fake_serial_clear(void);

/* Called after each serial write, with the device held by the writing CPU. */
extern void (*fake_serial_hook)(void);

/* --- Virtual interrupt controller and the device model (fake_devices.c). --- */

struct fake_raise {
	unsigned int vm;
	u32 irq;
	unsigned int cpu; /* the CPU that raised it */
};
#define FAKE_MAX_RAISES 64
extern struct fake_raise fake_raises[FAKE_MAX_RAISES];
extern unsigned int fake_nr_raises;

struct fake_vm_record {
	unsigned int virq_inits, virq_resets;
	unsigned int model_inits, model_resets;
	unsigned int input_ready; /* console_input_ready calls */
	bool model_takes_ipc;	  /* the model claims IPC events (a GPIO doorbell) */
	unsigned int model_ipc;	  /* IPC events the model took */
	u32 last_ipc, last_event; /* the last of them */
	int vm_init_error;	  /* what mem_vm_create returns */
};
extern struct fake_vm_record fake_vms[FAKE_NR_VMS];

/* --- The layout (fake_layout.c). --- */

/* Each VM's plain RAM region in host memory (its guest base is FAKE_RAM_GPA). */
#define FAKE_RAM_GPA  0x80000000ULL
#define FAKE_RAM_SIZE 0x4000ULL
u8 *fake_vm_ram(unsigned int vm);

/*
 * Gamma's colored region (colors 1 and 2 of 4: host pages 1-2 and 5-6 of
 * the buffer) and the initrd loaded into it across the gap.
 */
#define FAKE_COLORED_GPA 0xa0000000ULL
#define FAKE_INITRD_GPA	 (FAKE_COLORED_GPA + 0x800)
#define FAKE_INITRD_SIZE 0x2000
u8 *fake_colored_ram(void);
const u8 *fake_initrd(void);

/* The pristine image each VM boots from, and where it goes in its RAM. */
extern const u8 *const fake_images[FAKE_NR_VMS];
extern const u64 fake_image_sizes[FAKE_NR_VMS];

#endif /* TESTS_UNIT_FAKE_ARCH_H */
