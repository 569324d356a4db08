/* SPDX-License-Identifier: Apache-2.0 */
/* Hostile probes of memory, devices, interrupts and CPUs the VM does not own (VM only). */
#include <stdint.h>
#include "arch.h"
#include "test.h"

/*
 * The defaults name QEMU virt addresses: guest-physical RAM outside the VM's
 * regions, device registers the VM neither owns nor has emulated, a device
 * interrupt the VM does not own (RISC-V: source 9, which no device uses;
 * Arm: the PL061's; nobody's, since a VM with a virtual console owns a
 * virtual copy of the UART's), a CPU that is none of the VM's vCPUs.
 */
#if defined(__aarch64__) || defined(__arm__)
#ifndef ISOLATION_MEM_ADDR
#define ISOLATION_MEM_ADDR 0x50000000UL
#endif
#ifndef ISOLATION_DEV_ADDRS
#define ISOLATION_DEV_ADDRS 0x09030000UL, 0x0a000000UL /* PL061 GPIO, virtio-mmio 0 */
#endif
#ifndef ISOLATION_IRQ
#define ISOLATION_IRQ 39
#endif
#else
#ifndef ISOLATION_MEM_ADDR
#define ISOLATION_MEM_ADDR 0x90000000UL
#endif
#ifndef ISOLATION_DEV_ADDRS
#define ISOLATION_DEV_ADDRS 0x10001000UL, 0x02000000UL /* virtio-mmio 0, CLINT */
#endif
#ifndef ISOLATION_IRQ
#define ISOLATION_IRQ 9
#endif
#endif
#ifndef ISOLATION_IRQ_WAIT_MS
#define ISOLATION_IRQ_WAIT_MS 200
#endif
#ifndef ISOLATION_FOREIGN_HART
#define ISOLATION_FOREIGN_HART 7UL
#endif

static const unsigned long device_addrs[] = {ISOLATION_DEV_ADDRS};
static volatile uint64_t own_word = 0x1234;

static void check_fault(struct fault_info f, bool store, unsigned long addr, const char *what)
{
	const char *kind = store ? "store" : "load";

	if (!report(f.taken, "%s %s at 0x%lx faults", what, kind, addr))
		return;
	report(fault_is_access(&f, store),
	       "%s %s fault at 0x%lx is an access or page fault (" FAULT_CAUSE_NAME " %lu)", what,
	       kind, addr, f.cause);
	report_eqx(f.tval, addr, FAULT_ADDR_NAME " of the %s %s fault", what, kind);
}

static void probe(unsigned long addr, const char *what)
{
	unsigned long value = 0;

	report_info("probing %s at 0x%lx (load, then store)", what, addr);
	check_fault(probe_load(addr, 4, &value), false, addr, what);
	check_fault(probe_store(addr, 4, 0), true, addr, what);
}

static __attribute__((unused)) void probe_reg_store(struct reg_store s, const char *what)
{
	check_fault(probe_store(s.addr, s.width, s.value), true, s.addr, what);
}

/* A store the controller takes but ignores (as hardware ignores unimplemented bits). */
static void probe_reg_store_ignored(struct reg_store s, const char *what)
{
	struct fault_info f = probe_store(s.addr, s.width, s.value);

	report(!f.taken, "%s store at 0x%lx is ignored without a fault", what, s.addr);
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

static volatile unsigned long foreign_claims, other_claims;

static void device_interrupt(unsigned int id)
{
	if (id == ISOLATION_IRQ)
		foreign_claims++;
	else
		other_claims++;
}

TEST_CASE(interrupt_isolation)
{
	foreign_claims = 0;
	other_claims = 0;
	arch_dev_irq_set_handler(device_interrupt);
	/*
	 * Its priority may be written, as an operating system does for every
	 * interrupt at boot, and so may its enable bit, but both go nowhere:
	 * an interrupt the VM does not own is one its controller does not
	 * implement for it, whose bits the GIC and PLIC specifications make
	 * read as zero and ignore writes. The store is ignored, never faulted.
	 */
	probe_reg_store_ignored(arch_dev_irq_priority_store(ISOLATION_IRQ),
				"foreign interrupt priority");
	probe_reg_store_ignored(arch_dev_irq_enable_store(ISOLATION_IRQ),
				"foreign interrupt enable");
	report_eq(arch_dev_irq_priority(ISOLATION_IRQ), 0, "foreign source %d priority reads 0",
		  ISOLATION_IRQ);
	report_eq(arch_dev_irq_enabled(ISOLATION_IRQ), 0, "foreign source %d enable reads 0",
		  ISOLATION_IRQ);
	arch_dev_irq_unmask(true);
	local_irq_enable();
	delay_ms(ISOLATION_IRQ_WAIT_MS);
	local_irq_disable();
	arch_dev_irq_unmask(false);
	report_eq(foreign_claims, 0, "no interrupt of foreign source %d within %d ms",
		  ISOLATION_IRQ, ISOLATION_IRQ_WAIT_MS);
	report_eq(other_claims, 0, "no other external interrupt either");
	arch_dev_irq_set_handler(NULL);

	report_eq(arch_cpu_status(ISOLATION_FOREIGN_HART), CPU_ERR_INVALID,
		  CPU_STATUS_NAME " of foreign " CPU_NOUN " %lu", ISOLATION_FOREIGN_HART);
	report_eq(arch_cpu_start(ISOLATION_FOREIGN_HART, NULL, NULL), CPU_ERR_INVALID,
		  CPU_START_NAME " of foreign " CPU_NOUN " %lu", ISOLATION_FOREIGN_HART);
	if (IPI_CHECKS_TARGET)
		report_eq(arch_ipi_send(ISOLATION_FOREIGN_HART), CPU_ERR_INVALID,
			  "send_ipi to foreign " CPU_NOUN " %lu", ISOLATION_FOREIGN_HART);
}
