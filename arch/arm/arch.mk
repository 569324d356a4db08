# SPDX-License-Identifier: Apache-2.0
# AArch32 (Armv7-A with the virtualization extensions) toolchain and flags for the top Makefile.

ARCH_CROSS_COMPILE := arm-linux-gnueabihf-
ARCH_CC_PACKAGE := gcc-arm-linux-gnueabihf
# Armv7-A with the virtualization extensions (Hyp mode, LPAE, integer divide),
# ARM instructions; no FP/SIMD in the hypervisor: the guest owns those registers.
ARCH_CFLAGS := -march=armv7ve -marm -mfloat-abi=soft -mgeneral-regs-only
ARCH_LDFLAGS := -m armelf_linux_eabi
ARCH_GUEST := arm
# PSCI, syndrome and MMIO decoding, GIC register names, stage-2 formats: shared with AArch64.
ARCH_SHARED_DIRS := arch/arm-common
