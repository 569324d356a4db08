/* SPDX-License-Identifier: Apache-2.0 */
/* The supervisor timer: time CSR, deadlines through Sstc stimecmp or SBI set_timer. */
#ifndef GUEST_RISCV_TIMER_H
#define GUEST_RISCV_TIMER_H

#include "../arch.h"

/* Detects Sstc by trapping on a stimecmp read; call once on the boot hart. */
void timer_init(void);
bool timer_has_sstc(void);

#endif
