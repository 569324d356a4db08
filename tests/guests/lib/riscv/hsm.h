/* SPDX-License-Identifier: Apache-2.0 */
/* Starting secondary harts with SBI HSM to run a C function. */
#ifndef GUEST_RISCV_HSM_H
#define GUEST_RISCV_HSM_H

/*
 * Starts hart `hart` running fn(hart, arg); when fn returns the hart calls
 * SBI hart_stop. Returns the SBI error of hart_start.
 */
long hsm_start(unsigned long hart, void (*fn)(unsigned long hart, void *arg), void *arg);
/* Returns the SBI HSM status of a hart, or the (negative) SBI error. */
long hsm_status(unsigned long hart);
/* Polls until hart reaches status or ms milliseconds pass; returns the last status. */
long hsm_wait_status(unsigned long hart, long status, unsigned long ms);
/* The lowest hart id below MAX_HARTS that is stopped, or -1. */
long hsm_find_stopped_hart(void);

#endif
