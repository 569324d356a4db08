/* SPDX-License-Identifier: Apache-2.0 */
/* A passed-through device interrupt as an MSI into the hart's IMSIC file (APLIC in MSI mode). */
#include <stdint.h>
#include "aplic.h"
#include "csr.h"
#include "goldfish_rtc.h"
#include "imsic.h"
#include "test.h"
#include "timer.h"
#include "trap.h"

/* A second source of the VM (its virtual UART's), used Detached: only setipnum makes it pending. */
#ifndef SECOND_IRQ
#define SECOND_IRQ 10
#endif
/* A source another VM (or nobody) owns. */
#ifndef FOREIGN_IRQ
#define FOREIGN_IRQ 1
#endif
/* The identities the sources are forwarded as: not their numbers, to see the target at work. */
#define RTC_ID	  20U
#define SECOND_ID 21U
#define SELF_ID	  22U

static unsigned long hart;
static volatile unsigned long taken, spurious;
static volatile unsigned int last_id;

static void external_interrupt(void)
{
	unsigned int id = imsic_claim();

	if (!id) {
		spurious++;
		return;
	}
	last_id = id;
	if (id == RTC_ID)
		rtc_ack();
	taken++;
}

static bool wait_taken(unsigned long n, unsigned long ms)
{
	unsigned long end = time_now() + ms * TICKS_PER_MS;

	while (taken < n && time_now() < end)
		;
	return taken >= n;
}

TEST_CASE(imsic_registers)
{
	hart = this_hart();
	aplic_write(APLIC_DOMAINCFG, APLIC_DOMAINCFG_IE | APLIC_DOMAINCFG_DM);
	report_eq(aplic_read(APLIC_DOMAINCFG), 0x80000104U, "domaincfg: MSI mode, IE set");
	aplic_msi_source(RTC_IRQ, APLIC_SM_LEVEL1, hart, RTC_ID);
	report_eq(aplic_read(APLIC_SOURCECFG(RTC_IRQ)), APLIC_SM_LEVEL1, "source %d is Level1",
		  RTC_IRQ);
	report_eq(aplic_read(APLIC_TARGET(RTC_IRQ)), APLIC_MSI_TARGET(hart, RTC_ID),
		  "target: hart %lu, identity %u", hart, RTC_ID);
	aplic_write(APLIC_TARGET(RTC_IRQ), APLIC_MSI_TARGET(hart, RTC_ID) | 1U << 12);
	report_eq(aplic_read(APLIC_TARGET(RTC_IRQ)), APLIC_MSI_TARGET(hart, RTC_ID),
		  "the guest index reads 0 (no guest files below the VM)");
	aplic_write(APLIC_SOURCECFG(FOREIGN_IRQ), APLIC_SM_EDGE1);
	aplic_write(APLIC_SETIENUM, FOREIGN_IRQ);
	report_eq(aplic_read(APLIC_SOURCECFG(FOREIGN_IRQ)), 0, "foreign source %d stays inactive",
		  FOREIGN_IRQ);
	report(!aplic_enabled(FOREIGN_IRQ), "foreign source %d enable reads 0", FOREIGN_IRQ);

	imsic_init();
	report_eq(imsic_read(IMSIC_EIDELIVERY), 1, "eidelivery of this hart's file");
	imsic_write(IMSIC_EITHRESHOLD, 30);
	report_eq(imsic_read(IMSIC_EITHRESHOLD), 30, "eithreshold holds 30");
	imsic_write(IMSIC_EITHRESHOLD, 0);
	imsic_enable(RTC_ID, true);
	report(imsic_enabled(RTC_ID), "identity %u enabled in the file", RTC_ID);
	report_eq(imsic_claim(), 0, "nothing pending in the file");
}

TEST_CASE(imsic_self_msi)
{
	/* An MSI written to this hart's own file: pending, then claimed, never through SBI. */
	imsic_enable(SELF_ID, true);
	imsic_send(hart, SELF_ID);
	report(imsic_pending(SELF_ID), "a write to the file at 0x%lx makes %u pending",
	       IMSIC_FILE(hart), SELF_ID);
	report_eq(imsic_claim(), SELF_ID, "stopei claims it");
	report(!imsic_pending(SELF_ID), "claimed: no longer pending");
	imsic_enable(SELF_ID, false);
	imsic_send(hart, SELF_ID);
	report_eq(imsic_claim(), 0, "a disabled identity is pending but not claimable");
	imsic_write(IMSIC_EIP0, 0);
}

TEST_CASE(imsic_rtc)
{
	taken = 0;
	spurious = 0;
	last_id = 0;
	irq_set_handler(IRQ_S_EXT, external_interrupt);
	aplic_msi_source(RTC_IRQ, APLIC_SM_LEVEL1, hart, RTC_ID);
	aplic_enable(RTC_IRQ, true);
	report(aplic_enabled(RTC_IRQ), "source %d enabled", RTC_IRQ);
	csr_set(sie, SIE_SEIE);
	local_irq_enable();

	rtc_alarm_in_ns(2000000);
	report(wait_taken(1, 1000), "RTC alarm arrives as an MSI");
	report_eq(last_id, RTC_ID, "claimed identity");
	delay_ms(5);
	report_eq(taken, 1, "one interrupt per alarm");
	report_eq(spurious, 0, "no empty claim");
	rtc_alarm_in_ns(2000000);
	report(wait_taken(2, 1000), "the next alarm arrives too");

	/* The file's threshold masks identities at or above it; the MSI waits in eip. */
	imsic_write(IMSIC_EITHRESHOLD, RTC_ID);
	rtc_alarm_in_ns(2000000);
	delay_ms(50);
	report_eq(taken, 2, "no interrupt while eithreshold %u <= identity %u", RTC_ID, RTC_ID);
	report(imsic_pending(RTC_ID), "identity %u pending in the file", RTC_ID);
	imsic_write(IMSIC_EITHRESHOLD, RTC_ID + 1);
	report(wait_taken(3, 1000), "interrupt arrives once the threshold is above it");
	imsic_write(IMSIC_EITHRESHOLD, 0);

	/* Disabled in the APLIC: nothing sent; enabled again, the pending source is forwarded. */
	aplic_enable(RTC_IRQ, false);
	rtc_alarm_in_ns(2000000);
	delay_ms(50);
	report_eq(taken, 3, "no interrupt while source %d is disabled", RTC_IRQ);
	aplic_enable(RTC_IRQ, true);
	report(wait_taken(4, 1000), "interrupt arrives once enabled again");

	/* Aimed at a hart the VM does not have: the MSI goes nowhere. */
	aplic_write(APLIC_TARGET(RTC_IRQ), APLIC_MSI_TARGET(hart + 5, RTC_ID));
	rtc_alarm_in_ns(2000000);
	delay_ms(50);
	report_eq(taken, 4, "no interrupt for a target hart the VM lacks");
	rtc_ack();
	/* The alarm left the source pending in the real APLIC: clripnum reaches it there. */
	aplic_write(APLIC_CLRIPNUM, RTC_IRQ);
	aplic_write(APLIC_TARGET(RTC_IRQ), APLIC_MSI_TARGET(hart, RTC_ID));
	delay_ms(5);
	report_eq(taken, 4, "nothing stale once clripnum cleared it");

	/* A virtual source (the hypervisor writes its MSI into the file): setipnum of a Detached
	 * one. */
	aplic_msi_source(SECOND_IRQ, APLIC_SM_DETACHED, hart, SECOND_ID);
	imsic_enable(SECOND_ID, true);
	aplic_enable(SECOND_IRQ, true);
	aplic_write(APLIC_SETIPNUM, SECOND_IRQ);
	report(wait_taken(5, 1000), "setipnum of virtual source %d arrives", SECOND_IRQ);
	report_eq(last_id, SECOND_ID, "as identity %u", SECOND_ID);
	report(!aplic_pending(SECOND_IRQ), "forwarded: source %d no longer pending", SECOND_IRQ);
	aplic_enable(SECOND_IRQ, false);
	aplic_write(APLIC_SETIPNUM, SECOND_IRQ);
	delay_ms(5);
	report_eq(taken, 5, "disabled: nothing sent");
	report(aplic_pending(SECOND_IRQ), "source %d pending while disabled", SECOND_IRQ);
	aplic_enable(SECOND_IRQ, true);
	report(wait_taken(6, 1000), "sent once enabled again");

	local_irq_disable();
	csr_clear(sie, SIE_SEIE);
	irq_set_handler(IRQ_S_EXT, NULL);
	aplic_write(APLIC_SOURCECFG(SECOND_IRQ), APLIC_SM_INACTIVE);
	aplic_write(APLIC_SOURCECFG(RTC_IRQ), APLIC_SM_INACTIVE);
	report(!aplic_enabled(RTC_IRQ), "inactive source %d has no enable bit", RTC_IRQ);
	rtc_stop();
}
