# SPDX-License-Identifier: Apache-2.0
# AArch64 toolchain and flags for the top Makefile.

ARCH_CROSS_COMPILE := aarch64-linux-gnu-
ARCH_CC_PACKAGE := gcc-aarch64-linux-gnu
# No FP/SIMD in the hypervisor: the guest owns those registers.
ARCH_CFLAGS := -march=armv8-a -mgeneral-regs-only -mstrict-align
ARCH_LDFLAGS := -m aarch64elf
ARCH_GUEST := aarch64
# PSCI, syndrome and MMIO decoding, GIC register names: shared with AArch32.
ARCH_SHARED_DIRS := arch/arm-common
