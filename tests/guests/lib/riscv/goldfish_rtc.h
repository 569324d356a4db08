/* SPDX-License-Identifier: Apache-2.0 */
/* The goldfish RTC of QEMU's RISC-V virt: an alarm in nanoseconds, its level interrupt. */
#ifndef GUEST_RISCV_GOLDFISH_RTC_H
#define GUEST_RISCV_GOLDFISH_RTC_H

#include <stdint.h>

#define RTC_BASE 0x101000UL
#define RTC_IRQ	 11 /* its PLIC / APLIC source */

/* Raises the interrupt ns nanoseconds from now (the interrupt enabled). */
void rtc_alarm_in_ns(uint64_t ns);

/* Lowers the interrupt after an alarm. */
void rtc_ack(void);

/* Disarms the alarm and disables and lowers the interrupt. */
void rtc_stop(void);

#endif /* GUEST_RISCV_GOLDFISH_RTC_H */
