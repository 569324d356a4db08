/* SPDX-License-Identifier: Apache-2.0 */
/* The PL1 virtual timer; the arch-neutral timer calls are declared in arch.h. */
#ifndef GUEST_ARM_TIMER_H
#define GUEST_ARM_TIMER_H

#include "../arch.h"

/* Reads CNTFRQ and disarms the timer; call once on the boot CPU. */
void timer_init(void);

#endif
