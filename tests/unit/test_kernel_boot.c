/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host tests of bringing the machine up on the fake arch: starting the
 * other CPUs with a bounded wait (kernel/smp.c), and a VM whose memory
 * cannot be built staying stopped while the others run (kernel/vm.c).
 */
#include <string.h>

#include <bulwark/errno.h>
#include <bulwark/smp.h>
#include <bulwark/vm.h>

#include "fake_arch.h"
#include "test.h"

static bool shown(const char *text)
{
	return strstr(fake_serial_text(), text) != NULL;
}

/* CPU 1 reports as soon as the boot CPU waits; CPU 3 never does. */
static void cpu1_reports(void)
{
	smp_report_online(1);
}

static u64 online;

static void start_secondaries(void *arg)
{
	(void)arg;
	smp_report_online(0);
	online = smp_start_secondaries(0);
}

TEST(smp, start_waits_bounded_and_names_missing_cpus)
{
	fake_start_cpu_result[2] = -ENODEV;
	fake_relax_hook = cpu1_reports;
	fake_counter_step = 1000; /* 1 ms a read */
	EXPECT_EQ_INT(fake_run(0, start_secondaries, NULL), FAKE_EXIT_RETURNED);
	fake_relax_hook = NULL;
	fake_counter_step = 1;
	EXPECT_EQ_UINT(online, 0x3);
	EXPECT_EQ_UINT(smp_online_mask(), 0x3);
	EXPECT_TRUE(shown("CPU 2 (fake id 2) not started: not present\n"));
	EXPECT_TRUE(shown("CPU 3 (fake id 3) started but did not report within 5000 ms\n"));
	EXPECT_TRUE(!shown("CPU 1 ("));
}

TEST(vm_boot, a_vm_whose_memory_cannot_be_built_stays_stopped)
{
	fake_serial_clear();
	fake_vms[1].vm_init_error = -ENOMEM;
	fake_boot();
	EXPECT_TRUE(shown("vm 'beta' not started: mapping its memory failed: out of memory\n"));
	EXPECT_EQ_INT(vm_by_id(1)->state, VM_STOPPED);
	EXPECT_EQ_UINT(vm_by_id(1)->boots, 0);
	EXPECT_EQ_UINT(fake_vms[1].virq_inits + fake_vms[1].model_inits, 0);
	EXPECT_EQ_INT(vm_by_id(0)->state, VM_RUNNING);
	EXPECT_EQ_INT(vm_by_id(2)->state, VM_RUNNING);
	/* Its CPU has nothing to run; the others enter their guests. */
	EXPECT_EQ_INT(fake_run_loop(1), FAKE_EXIT_IDLE);
	EXPECT_EQ_INT(fake_run_loop(0), FAKE_EXIT_GUEST);
	EXPECT_EQ_INT(fake_run_loop(2), FAKE_EXIT_GUEST);
}

static void stop(void *vm)
{
	vm_stop(vm, "done");
}

TEST(vm_boot, a_vm_that_never_started_does_not_keep_the_machine_on)
{
	EXPECT_EQ_INT(fake_run(0, stop, vm_by_id(0)), FAKE_EXIT_RETURNED);
	EXPECT_EQ_INT(fake_run(2, stop, vm_by_id(2)), FAKE_EXIT_POWEROFF);
	EXPECT_EQ_UINT(fake_poweroffs, 1);
}
