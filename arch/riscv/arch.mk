# SPDX-License-Identifier: Apache-2.0
# RISC-V toolchain and flags for the top Makefile.

ifeq ($(CONFIG_64BIT),y)
ARCH_CROSS_COMPILE := riscv64-linux-gnu-
ARCH_CC_PACKAGE := gcc-riscv64-linux-gnu
ARCH_CFLAGS := -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany -mno-relax
ARCH_LDFLAGS := -m elf64lriscv
ARCH_GUEST := rv64
else
# RV32: the bare-metal toolchain, whose multilibs include rv32imac/ilp32 with
# its libgcc (the 64-bit division and shift helpers that 32-bit code calls).
# Debian's riscv64-linux-gnu- compiles rv32 but has only an rv64 libgcc.
ARCH_CROSS_COMPILE := riscv64-unknown-elf-
ARCH_CC_PACKAGE := gcc-riscv64-unknown-elf
ARCH_CFLAGS := -march=rv32imac_zicsr_zifencei -mabi=ilp32 -mcmodel=medany -mno-relax
ARCH_LDFLAGS := -m elf32lriscv
ARCH_GUEST := rv32
# GCC 12 picks a multilib only for the exact -march it was built with, so
# libgcc is looked up with the plain ISA string (zicsr/zifencei change no
# code in it). need-arch-cc refuses a compiler without that multilib.
riscv32-multilib := rv32imac/ilp32
riscv32-multilib-flags := -march=rv32imac -mabi=ilp32
ARCH_LIBS = $(shell $(CC) $(riscv32-multilib-flags) -print-libgcc-file-name)
ARCH_CC_CHECK = $(if $(filter $(riscv32-multilib),$(shell $(CC) $(riscv32-multilib-flags) \
	-print-multi-directory 2>/dev/null)),,$(error $(CC) has no $(riscv32-multilib) multilib \
	(its libgcc is needed for 64-bit arithmetic on RV32): install the Debian package \
	$(ARCH_CC_PACKAGE) (tools/install-deps.sh does), or set CROSS_COMPILE= to a prefix of a \
	RISC-V compiler with that multilib))
endif
