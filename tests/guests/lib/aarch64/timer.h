/* SPDX-License-Identifier: Apache-2.0 */
/* The EL1 virtual timer; the arch-neutral timer calls are declared in arch.h. */
#ifndef GUEST_AARCH64_TIMER_H
#define GUEST_AARCH64_TIMER_H

#include "../arch.h"

/* Reads CNTFRQ_EL0 and disarms the timer; call once on the boot CPU. */
void timer_init(void);

#endif
