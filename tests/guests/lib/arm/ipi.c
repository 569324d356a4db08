/* SPDX-License-Identifier: Apache-2.0 */
/* IPIs as GIC SGI IRQ_IPI between CPUs: the same code as on AArch64, over gic.h. */
#include "../aarch64/ipi.c"
