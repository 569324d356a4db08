/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the benchmark guest needs from each arch: a fine counter and the
 * operations it times. Under QEMU -icount shift=0 the counter advances by
 * one per instruction executed on the machine, guest or hypervisor.
 */
#ifndef GUEST_BENCH_H
#define GUEST_BENCH_H

#include <stdbool.h>
#include <stdint.h>

/* Make the counter readable (Arm: enable the PMU cycle counter). */
void bench_counter_init(void);
/* The fine counter: RISC-V instret, Arm PMCCNTR_EL0. */
unsigned long bench_counter(void);
/* The cheapest call into the layer below: SBI get_spec_version, PSCI_VERSION. */
long bench_null_call(void);
/* A read of an interrupt controller register (trapped and emulated in a VM). */
uint32_t bench_mmio_read(void);
/* Acknowledge an IPI in its handler where the runtime does not. */
void bench_ipi_ack(void);
/*
 * The IPIs the benchmark times: handler runs for each on this CPU; send
 * one to cpu. arch_ipi_* (SBI, GIC SGIs) unless the interrupt controller
 * lets CPUs signal each other directly (RISC-V IMSIC).
 */
void bench_ipi_enable(void (*handler)(void));
void bench_ipi_send(unsigned long cpu);

/* A device that can interrupt on a deadline, where the board has one. */
bool bench_device_available(void);
/* Arm the device to interrupt about delay_ns from now, and route its interrupt here. */
void bench_device_arm(unsigned long delay_ns);
/* In the device handler: quiet the device. */
void bench_device_ack(void);
/* The device's interrupt number, for arch_dev_irq_set_handler. */
unsigned int bench_device_irq(void);

#endif
