# SPDX-License-Identifier: Apache-2.0
# How 'make run' and the system tests start this board under QEMU.

QEMU_SYSTEM := qemu-system-riscv64
# OpenSBI 1.5.1 from bookworm-backports. fw_dynamic rather than fw_jump:
# fw_jump 1.5.1 strands harts that reach its boot lottery late (under
# -smp 4 most boots lose at least one hart), fw_dynamic does not. Both
# start the payload at 0x80200000; fw_jump still works with
# QEMU_FIRMWARE=/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin.
QEMU_FIRMWARE ?= /usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin
QEMU_FIRMWARE_PACKAGE := opensbi
QEMU_PACKAGE := qemu-system-riscv
# aia-guests=1: one guest interrupt file per hart (board.hw imsic_guest_files).
QEMU_MACHINE := virt$(if $(CONFIG_IRQCHIP_APLIC),$(comma)aia=aplic)$(if \
	$(CONFIG_IRQCHIP_AIA),$(comma)aia=aplic-imsic$(comma)aia-guests=1)
QEMU_ARGS := -M $(QEMU_MACHINE) -cpu rv64 -smp $(CONFIG_BOARD_NR_CPUS) -m 1G \
	-bios $(QEMU_FIRMWARE) -kernel $(objtree)/bulwark.bin
# Test guests built for the APLIC (tests/guests/lib/riscv/aplic.c) when the hypervisor drives one,
# or for the APLIC in MSI mode and the IMSIC (tests/guests/lib/riscv/imsic.c).
GUEST_BOARD_DEFINES := $(if $(CONFIG_IRQCHIP_APLIC),-DGUEST_APLIC)$(if \
	$(CONFIG_IRQCHIP_AIA),-DGUEST_IMSIC -DGUEST_IMSIC_STRIDE=0x2000)
