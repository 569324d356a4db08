/* SPDX-License-Identifier: Apache-2.0 */
/* Entry points from the arch boot code into the arch-neutral core. */
#ifndef BULWARK_INIT_H
#define BULWARK_INIT_H

#include <bulwark/compiler.h>

/*
 * The boot CPU arrives here with a stack, a trap vector and a cleared bss.
 * boot_arg is the firmware's argument (device tree address on RISC-V).
 */
void kernel_boot_main(unsigned int cpu, unsigned long boot_arg) __noreturn;

/* Each other CPU arrives here after arch_start_cpu() woke it. */
void kernel_secondary_main(unsigned int cpu) __noreturn;

#endif /* BULWARK_INIT_H */
