/* SPDX-License-Identifier: Apache-2.0 */
/* Hostile probes of memory, devices, interrupts and harts the VM does not own (VM only). */
#include <stdint.h>
#include "csr.h"
#include "plic.h"
#include "sbi.h"
#include "test.h"
#include "timer.h"
#include "trap.h"

/* Guest-physical RAM outside the VM's regions. */
#ifndef ISOLATION_MEM_ADDR
#define ISOLATION_MEM_ADDR 0x90000000UL
#endif
/* Device registers the VM neither owns nor has emulated (here virtio-mmio 0 and the CLINT). */
#ifndef ISOLATION_DEV_ADDRS
#define ISOLATION_DEV_ADDRS 0x10001000UL, 0x02000000UL
#endif
/* A PLIC source the VM does not own (10 is the UART on QEMU virt). */
#ifndef ISOLATION_IRQ
#define ISOLATION_IRQ 10
#endif
#ifndef ISOLATION_IRQ_WAIT_MS
#define ISOLATION_IRQ_WAIT_MS 200
#endif
/* A hart id that is not one of the VM's vCPUs. */
#ifndef ISOLATION_FOREIGN_HART
#define ISOLATION_FOREIGN_HART 7UL
#endif

static const unsigned long device_addrs[] = {ISOLATION_DEV_ADDRS};
static volatile uint64_t own_word = 0x1234;

static void check_fault(struct fault_info f, bool store, unsigned long addr, const char *what)
{
	bool access = store ? f.cause == CAUSE_STORE_ACCESS || f.cause == CAUSE_STORE_PAGE_FAULT
			    : f.cause == CAUSE_LOAD_ACCESS || f.cause == CAUSE_LOAD_PAGE_FAULT;

	if (!report(f.taken, "%s %s at 0x%lx faults", what, store ? "store" : "load", addr))
		return;
	report(access, "%s %s fault at 0x%lx is an access or page fault (scause %lu)", what,
	       store ? "store" : "load", addr, f.cause);
	report_eqx(f.tval, addr, "stval of the %s %s fault", what, store ? "store" : "load");
}

static void probe(unsigned long addr, const char *what)
{
	unsigned long value = 0;

	report_info("probing %s at 0x%lx (load, then store)", what, addr);
	check_fault(probe_load(addr, 4, &value), false, addr, what);
	check_fault(probe_store(addr, 4, 0), true, addr, what);
}

TEST_CASE(memory_isolation)
{
	unsigned long value = 0;
	struct fault_info f = probe_load((unsigned long)&own_word, 8, &value);

	report(!f.taken && value == 0x1234, "load from own memory works (control)");
	probe(ISOLATION_MEM_ADDR, "memory");
}

TEST_CASE(device_isolation)
{
	unsigned int i;

	for (i = 0; i < sizeof(device_addrs) / sizeof(device_addrs[0]); i++)
		probe(device_addrs[i], "device");
}

static unsigned int context;
static volatile unsigned long foreign_claims, other_claims;

static void external_interrupt(void)
{
	uint32_t id = plic_claim(context);

	if (id == ISOLATION_IRQ)
		foreign_claims++;
	else if (id)
		other_claims++;
	if (id)
		plic_complete(context, id);
}

TEST_CASE(interrupt_isolation)
{
	struct sbiret r;

	context = plic_s_context(this_hart());
	foreign_claims = 0;
	other_claims = 0;
	irq_set_handler(IRQ_S_EXT, external_interrupt);
	plic_set_threshold(context, 0);
	/*
	 * Giving the foreign source a priority or enabling it is an access to
	 * something the VM does not own: the hypervisor answers with a fault.
	 */
	check_fault(probe_store(PLIC_BASE + 4UL * ISOLATION_IRQ, 4, 7), true,
		    PLIC_BASE + 4UL * ISOLATION_IRQ, "foreign interrupt priority");
	check_fault(
	    probe_store(plic_enable_addr(context, ISOLATION_IRQ), 4, 1UL << (ISOLATION_IRQ % 32)),
	    true, plic_enable_addr(context, ISOLATION_IRQ), "foreign interrupt enable");
	report_eq(plic_priority(ISOLATION_IRQ), 0, "foreign source %d priority reads 0",
		  ISOLATION_IRQ);
	report_eq(plic_enabled(context, ISOLATION_IRQ), 0, "foreign source %d enable reads 0",
		  ISOLATION_IRQ);
	csr_set(sie, SIE_SEIE);
	local_irq_enable();
	delay_ms(ISOLATION_IRQ_WAIT_MS);
	local_irq_disable();
	csr_clear(sie, SIE_SEIE);
	report_eq(foreign_claims, 0, "no interrupt of foreign source %d within %d ms",
		  ISOLATION_IRQ, ISOLATION_IRQ_WAIT_MS);
	report_eq(other_claims, 0, "no other external interrupt either");
	irq_set_handler(IRQ_S_EXT, NULL);

	r = sbi_hart_status(ISOLATION_FOREIGN_HART);
	report_eq(r.error, SBI_ERR_INVALID_PARAM, "hart_get_status of foreign hart %lu",
		  ISOLATION_FOREIGN_HART);
	r = sbi_hart_start(ISOLATION_FOREIGN_HART, (unsigned long)&own_word, 0);
	report_eq(r.error, SBI_ERR_INVALID_PARAM, "hart_start of foreign hart %lu",
		  ISOLATION_FOREIGN_HART);
	r = sbi_send_ipi(1, ISOLATION_FOREIGN_HART);
	report_eq(r.error, SBI_ERR_INVALID_PARAM, "send_ipi to foreign hart %lu",
		  ISOLATION_FOREIGN_HART);
}
