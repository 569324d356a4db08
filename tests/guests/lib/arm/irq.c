/* SPDX-License-Identifier: Apache-2.0 */
/* Interrupts from the GIC to their handlers: the same code as on AArch64, over gic.h. */
#include "../aarch64/irq.c"
