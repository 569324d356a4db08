/* SPDX-License-Identifier: Apache-2.0 */
/* The supervisor timer: time CSR, deadlines through Sstc stimecmp or SBI set_timer. */
#ifndef GUEST_RISCV_TIMER_H
#define GUEST_RISCV_TIMER_H

#include "../arch.h"

/* Detects Sstc by trapping on a stimecmp read; call once on the boot hart. */
void timer_init(void);
bool timer_has_sstc(void);
/*
 * The time CSR's 64-bit value at time_now() reading t, for deadlines given to
 * the SBI directly: the same on RV64; on RV32 time_now() counts from the
 * runtime's start.
 */
unsigned long long timer_counter_at(unsigned long t);

#endif
