/* SPDX-License-Identifier: Apache-2.0 */
/* GICv2 and GICv3 access for the AArch32 runtime: the AArch64 code over sysreg.h's cp15 forms. */
#include "../aarch64/gic.c"
