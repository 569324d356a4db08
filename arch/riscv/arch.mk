# SPDX-License-Identifier: Apache-2.0
# RISC-V toolchain and flags for the top Makefile.

ifeq ($(CONFIG_64BIT),y)
ARCH_CROSS_COMPILE := riscv64-linux-gnu-
ARCH_CC_PACKAGE := gcc-riscv64-linux-gnu
ARCH_CFLAGS := -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany -mno-relax
ARCH_LDFLAGS := -m elf64lriscv
ARCH_GUEST := rv64
else
ARCH_CROSS_COMPILE := riscv64-linux-gnu-
ARCH_CC_PACKAGE := gcc-riscv64-linux-gnu
ARCH_CFLAGS := -march=rv32imac_zicsr_zifencei -mabi=ilp32 -mcmodel=medany -mno-relax
ARCH_LDFLAGS := -m elf32lriscv
ARCH_GUEST := rv32
endif
