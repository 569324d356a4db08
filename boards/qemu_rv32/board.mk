# SPDX-License-Identifier: Apache-2.0
# How 'make run' and the system tests start this board under QEMU.

QEMU_SYSTEM := qemu-system-riscv32
# OpenSBI 1.5.1's rv32 generic firmware from bookworm-backports. fw_dynamic,
# as on qemu_rv64 (fw_jump 1.5.1 strands harts that reach it late); QEMU puts
# an RV32 payload at the next 4 MiB boundary after the firmware, 0x80400000,
# where fw_jump would start it too.
QEMU_FIRMWARE ?= /usr/lib/riscv32-linux-gnu/opensbi/generic/fw_dynamic.bin
QEMU_FIRMWARE_PACKAGE := opensbi
QEMU_PACKAGE := qemu-system-riscv
# aia-guests=1: one guest interrupt file per hart (board.hw imsic_guest_files).
QEMU_MACHINE := virt$(if $(CONFIG_IRQCHIP_APLIC),$(comma)aia=aplic)$(if \
	$(CONFIG_IRQCHIP_AIA),$(comma)aia=aplic-imsic$(comma)aia-guests=1)
QEMU_ARGS := -M $(QEMU_MACHINE) -cpu rv32 -smp $(CONFIG_BOARD_NR_CPUS) -m 1G \
	-bios $(QEMU_FIRMWARE) -kernel $(objtree)/bulwark.bin
# Test guests built for the APLIC (tests/guests/lib/riscv/aplic.c) when the hypervisor drives
# one, and for the IMSIC (lib/riscv/imsic.c) under APLIC+IMSIC.
GUEST_BOARD_DEFINES := $(if $(CONFIG_IRQCHIP_APLIC),-DGUEST_APLIC)$(if \
	$(CONFIG_IRQCHIP_AIA),-DGUEST_IMSIC -DGUEST_IMSIC_STRIDE=0x2000)
