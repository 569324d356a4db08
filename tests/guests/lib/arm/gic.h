/* SPDX-License-Identifier: Apache-2.0 */
/* The GIC of QEMU virt as a PL1 guest sees it: the AArch64 runtime's interface, GICv2 only. */
#include "../aarch64/gic.h"
