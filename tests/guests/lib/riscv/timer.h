/* SPDX-License-Identifier: Apache-2.0 */
/* The supervisor timer: time CSR, deadlines through Sstc stimecmp or SBI set_timer. */
#ifndef GUEST_RISCV_TIMER_H
#define GUEST_RISCV_TIMER_H

#include <stdbool.h>

#define TIMEBASE_HZ  10000000UL
#define TICKS_PER_MS (TIMEBASE_HZ / 1000)

/* Detects Sstc by trapping on a stimecmp read; call once on the boot hart. */
void timer_init(void);
bool timer_has_sstc(void);
unsigned long time_now(void);
/* Arms the timer interrupt of this hart for an absolute time; ~0UL disarms it. */
void timer_set(unsigned long deadline);
void timer_cancel(void);
/* Busy-waits (wfi) until the time CSR reaches now + ms milliseconds. */
void delay_ms(unsigned long ms);

#endif
