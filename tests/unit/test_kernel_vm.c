/* SPDX-License-Identifier: Apache-2.0 */
/* Host tests of kernel/vm.c on the fake arch: boot, reboot (fresh image, bounded wait), stop. */
#include <string.h>

#include <bulwark/cpu_event.h>
#include <bulwark/mmio.h>
#include <bulwark/vm.h>

#include "fake_arch.h"
#include "test.h"

#define DTB_OFFSET 0x2000

static const char scribble[] = "left behind by the last run";

static bool image_in_ram(unsigned int id)
{
	return memcmp(fake_vm_ram(id), fake_images[id], fake_image_sizes[id]) == 0 &&
	       memcmp(fake_vm_ram(id) + DTB_OFFSET, "fake device tree", 17) == 0;
}

static void reboot(void *vm)
{
	vm_reboot(vm);
}

static void stop(void *vm)
{
	vm_stop(vm, "test says so");
}

/* What a vCPU's CPU does when it traps with an event pending: handle it, park if stopped. */
static void after_trap(void *v)
{
	vcpu_after_trap(v);
}

static void start_gamma_vcpu1(void *arg)
{
	(void)arg;
	EXPECT_EQ_INT(vcpu_start_sibling(vm_by_id(2)->vcpus[0], 1, 0x80001000, 7, 8), 0);
}

TEST(vm_boot, copies_images_and_builds_every_part)
{
	fake_boot();
	for (unsigned int id = 0; id < FAKE_NR_VMS; id++) {
		struct vm *vm = vm_by_id(id);

		EXPECT_TRUE(image_in_ram(id));
		EXPECT_EQ_INT(vm->state, VM_RUNNING);
		EXPECT_EQ_UINT(vm->boots, 1);
		EXPECT_EQ_UINT(fake_vms[id].virq_inits, 1);
		EXPECT_EQ_UINT(fake_vms[id].model_inits, 1);
		EXPECT_EQ_INT(vm->vcpus[0]->state, VCPU_START_PENDING);
	}
	EXPECT_EQ_UINT(vm_by_id(2)->nr_vcpus, 2);
	EXPECT_EQ_INT(vm_by_id(2)->vcpus[1]->state, VCPU_OFF);
	EXPECT_TRUE(vm_by_id(3) == NULL);
}

TEST(vm_boot, vcpu0_enters_at_entry_with_device_tree)
{
	for (unsigned int cpu = 0; cpu < 3; cpu++) {
		EXPECT_EQ_INT(fake_run_loop(cpu), FAKE_EXIT_GUEST);
		EXPECT_TRUE(fake_cpus[cpu].entered == cpu_vcpu(cpu));
		EXPECT_EQ_UINT(fake_cpus[cpu].entry_pc, FAKE_RAM_GPA);
		EXPECT_EQ_UINT(fake_cpus[cpu].entry_arg0, 0);
		EXPECT_EQ_UINT(fake_cpus[cpu].entry_arg1, FAKE_RAM_GPA + DTB_OFFSET);
		EXPECT_EQ_INT(cpu_vcpu(cpu)->state, VCPU_RUNNING);
		EXPECT_TRUE(!cpu_vcpu(cpu)->parked);
	}
	/* CPU 3 has gamma's second vCPU, which nobody started: it idles. */
	EXPECT_EQ_INT(fake_run_loop(3), FAKE_EXIT_IDLE);
	EXPECT_EQ_UINT(cpu_vcpu(3)->arch.entries, 0);
}

TEST(vm_reboot, fresh_image_and_other_vms_untouched)
{
	struct vm *alpha = vm_by_id(0);

	memcpy(fake_vm_ram(0), scribble, sizeof(scribble));
	memcpy(fake_vm_ram(0) + DTB_OFFSET, scribble, sizeof(scribble));
	memcpy(fake_vm_ram(1), scribble, sizeof(scribble));
	fake_serial_clear();

	EXPECT_EQ_INT(fake_run(0, reboot, alpha), FAKE_EXIT_RETURNED);
	EXPECT_TRUE(image_in_ram(0));
	EXPECT_EQ_INT(alpha->state, VM_RUNNING);
	EXPECT_EQ_UINT(alpha->boots, 2);
	EXPECT_EQ_INT(alpha->vcpus[0]->state, VCPU_START_PENDING);
	EXPECT_EQ_UINT(fake_vms[0].virq_resets, 1);
	EXPECT_EQ_UINT(fake_vms[0].model_resets, 1);
	EXPECT_TRUE(
	    strstr(fake_serial_text(), "vm 'alpha' restarted from a fresh image (boot 2)") != NULL);
	/* Beta is running its own course: its memory, state and models are its own. */
	EXPECT_TRUE(memcmp(fake_vm_ram(1), scribble, sizeof(scribble)) == 0);
	EXPECT_EQ_UINT(vm_by_id(1)->boots, 1);
	EXPECT_EQ_INT(vm_by_id(1)->vcpus[0]->state, VCPU_RUNNING);
	EXPECT_EQ_UINT(fake_vms[1].virq_resets + fake_vms[2].virq_resets, 0);
	EXPECT_EQ_UINT(fake_vms[1].model_resets + fake_vms[2].model_resets, 0);
	memcpy(fake_vm_ram(1), fake_images[1], fake_image_sizes[1]);

	/* Alpha's CPU picks the restart up and enters at the entry point again. */
	EXPECT_TRUE(cpu_event_pending(0) & (1UL << CPU_EVENT_START));
	EXPECT_EQ_INT(fake_run_loop(0), FAKE_EXIT_GUEST);
	EXPECT_EQ_UINT(alpha->vcpus[0]->arch.entries, 2);
	EXPECT_EQ_UINT(fake_cpus[0].entry_pc, FAKE_RAM_GPA);
}

static void park_cpu3(void)
{
	struct vcpu *v = cpu_vcpu(3);

	/* CPU 3 takes the STOP interrupt once, while CPU 2 waits for it. */
	if (v->parked)
		return;
	EXPECT_EQ_INT(fake_run(3, after_trap, v), FAKE_EXIT_IDLE);
}

TEST(vm_reboot, waits_for_the_other_vcpus_to_park)
{
	struct vm *gamma = vm_by_id(2);
	unsigned int ipis = fake_cpus[3].ipis;

	EXPECT_EQ_INT(fake_run(2, start_gamma_vcpu1, NULL), FAKE_EXIT_RETURNED);
	EXPECT_EQ_INT(fake_run_loop(3), FAKE_EXIT_GUEST);
	EXPECT_EQ_UINT(fake_cpus[3].entry_pc, 0x80001000);
	EXPECT_EQ_UINT(fake_cpus[3].entry_arg0, 7);
	EXPECT_EQ_UINT(fake_cpus[3].entry_arg1, 8);
	EXPECT_TRUE(!gamma->vcpus[1]->parked);

	fake_serial_clear();
	fake_relax_hook = park_cpu3;
	EXPECT_EQ_INT(fake_run(2, reboot, gamma), FAKE_EXIT_RETURNED);
	fake_relax_hook = NULL;
	/* One IPI to start vCPU 1, one to stop it. */
	EXPECT_EQ_UINT(fake_cpus[3].ipis, ipis + 2);
	EXPECT_TRUE(gamma->vcpus[1]->parked);
	EXPECT_EQ_INT(gamma->vcpus[1]->state, VCPU_OFF);
	EXPECT_EQ_UINT(gamma->boots, 2);
	EXPECT_TRUE(strstr(fake_serial_text(), "did not stop") == NULL);
}

TEST(vm_reboot, gives_up_waiting_after_a_second)
{
	struct vm *gamma = vm_by_id(2);

	EXPECT_EQ_INT(fake_run_loop(2), FAKE_EXIT_GUEST);
	EXPECT_EQ_INT(fake_run(2, start_gamma_vcpu1, NULL), FAKE_EXIT_RETURNED);
	EXPECT_EQ_INT(fake_run_loop(3), FAKE_EXIT_GUEST);
	fake_serial_clear();
	fake_counter_step = 1000; /* 1 ms a read */
	EXPECT_EQ_INT(fake_run(2, reboot, gamma), FAKE_EXIT_RETURNED);
	fake_counter_step = 1;
	EXPECT_TRUE(strstr(fake_serial_text(), "vm 'gamma': vCPU 1 did not stop in 1000 ms") !=
		    NULL);
	EXPECT_EQ_UINT(gamma->boots, 3);
	EXPECT_EQ_INT(gamma->state, VM_RUNNING);
	/* It parks later, on its own. */
	EXPECT_EQ_INT(fake_run(3, after_trap, gamma->vcpus[1]), FAKE_EXIT_IDLE);
}

/* Gamma's layout says fault = inject: it is told, and reports are rate-limited. */
static void gamma_faults(void *arg)
{
	unsigned int *told = arg;

	for (unsigned int i = 0; i < 20; i++)
		*told += vm_contain(vm_by_id(2)->vcpus[0], "store to", 0x5000, 0x80000020,
				    "not its memory", VM_FAULT_INJECTED);
}

static unsigned int count(const char *text, const char *what)
{
	unsigned int n = 0;

	for (const char *at = strstr(text, what); at; at = strstr(at + 1, what))
		n++;
	return n;
}

TEST(vm_contain, injected_faults_are_reported_16_a_second)
{
	static const char report[] = "warning: vm 'gamma' vCPU 0: store to 0x5000 (pc 0x80000020): "
				     "not its memory; access fault injected\n";
	unsigned int told = 0;

	fake_serial_clear();
	EXPECT_EQ_INT(fake_run(2, gamma_faults, &told), FAKE_EXIT_RETURNED);
	EXPECT_EQ_UINT(told, 20);
	EXPECT_EQ_UINT(count(fake_serial_text(), report), 16);
	EXPECT_EQ_INT(vm_by_id(2)->state, VM_RUNNING);

	/* A second later the next report says how many were not shown. */
	fake_counter_step = 1000000;
	EXPECT_EQ_INT(fake_run(2, gamma_faults, &told), FAKE_EXIT_RETURNED);
	fake_counter_step = 1;
	EXPECT_TRUE(strstr(fake_serial_text(), "warning: vm 'gamma': 4 fault reports not shown (at "
					       "most 16 a second)\n") != NULL);
}

static bool injected = true;

/* Beta touches what it does not own; its layout says fault = stop. */
static void beta_faults(void *arg)
{
	(void)arg;
	injected = vm_contain(vm_by_id(1)->vcpus[0], "load from", 0x1234, 0x80000010,
			      "not its memory", VM_FAULT_INJECTED);
}

TEST(vm_stop, a_fault_stops_the_vm_its_layout_says_to_stop)
{
	struct vm *beta = vm_by_id(1);

	fake_serial_clear();
	EXPECT_EQ_INT(fake_run(1, beta_faults, NULL), FAKE_EXIT_RETURNED);
	EXPECT_TRUE(!injected);
	EXPECT_EQ_INT(beta->state, VM_STOPPED);
	EXPECT_EQ_INT(beta->vcpus[0]->state, VCPU_OFF);
	EXPECT_TRUE(strstr(fake_serial_text(),
			   "warning: vm 'beta' vCPU 0: load from 0x1234 (pc 0x80000010): not its "
			   "memory; VM stopped (fault = stop in its layout)\n") != NULL);
	EXPECT_TRUE(strstr(fake_serial_text(), "vm 'beta' stopped: contained after a fault\n") !=
		    NULL);
	/* Its CPU leaves the guest at its next trap and idles. */
	EXPECT_EQ_INT(fake_run(1, after_trap, beta->vcpus[0]), FAKE_EXIT_IDLE);
}

TEST(vm_stop, stopped_vm_is_not_rebooted_and_last_stop_powers_off)
{
	struct vm *beta = vm_by_id(1);

	fake_serial_clear();
	EXPECT_EQ_INT(fake_run(1, stop, beta), FAKE_EXIT_RETURNED);
	EXPECT_TRUE(strstr(fake_serial_text(), "stopped") == NULL); /* already was */

	memcpy(fake_vm_ram(1), scribble, sizeof(scribble));
	EXPECT_EQ_INT(fake_run(0, reboot, beta), FAKE_EXIT_RETURNED);
	EXPECT_EQ_INT(beta->state, VM_STOPPED);
	EXPECT_EQ_UINT(beta->boots, 1);
	EXPECT_TRUE(memcmp(fake_vm_ram(1), scribble, sizeof(scribble)) == 0);

	EXPECT_EQ_INT(fake_run(0, stop, vm_by_id(0)), FAKE_EXIT_RETURNED);
	EXPECT_EQ_UINT(fake_poweroffs, 0);
	EXPECT_EQ_INT(fake_run(2, stop, vm_by_id(2)), FAKE_EXIT_POWEROFF);
	EXPECT_EQ_UINT(fake_poweroffs, 1);
	EXPECT_EQ_INT(fake_poweroff_reason, 0);
	EXPECT_TRUE(strstr(fake_serial_text(), "every VM has stopped; powering off") != NULL);
}

/* kernel/mmio.c: the last window found answers first, and never for an address outside it. */
TEST(vm_boot, mmio_find_remembers_the_last_window_of_each_vm)
{
	const struct mmio_window *w0, *w1;

	fake_boot();
	w0 = mmio_find(0, 0x20000800);
	w1 = mmio_find(1, 0x20000000);
	EXPECT_TRUE(w0 != NULL && w1 != NULL && w0 != w1);
	EXPECT_TRUE(mmio_find(0, 0x20000ffc) == w0);
	EXPECT_TRUE(mmio_find(0, 0x20001000) == NULL);
	EXPECT_TRUE(mmio_find(0, 0x1ffffffc) == NULL);
	EXPECT_TRUE(mmio_find(1, 0x20000fff) == w1);
	EXPECT_TRUE(mmio_find(0, 0x20000000) == w0);
	EXPECT_TRUE(mmio_find(FAKE_NR_VMS + 5, 0x20000000) == NULL);
}
