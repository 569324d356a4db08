/* SPDX-License-Identifier: Apache-2.0 */
/* Bringing up the other CPUs and tracking which of them came online. */
#ifndef BULWARK_SMP_H
#define BULWARK_SMP_H

#include <bulwark/types.h>

/* How long the boot CPU waits for a started CPU to report, in ms. */
#define SMP_REPORT_TIMEOUT_MS 5000u

/* Called by each CPU, boot CPU included, once it is fully set up. */
void smp_report_online(unsigned int cpu);

/* Called by a CPU that cannot run the hypervisor, so nobody waits for it. */
void smp_report_failed(unsigned int cpu);

u64 smp_online_mask(void);

/*
 * Starts every board CPU except the caller, waits (bounded) for each to
 * report and prints which did not. Returns the mask of CPUs online.
 */
u64 smp_start_secondaries(unsigned int boot_cpu);

#endif /* BULWARK_SMP_H */
