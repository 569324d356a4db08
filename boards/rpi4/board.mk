# SPDX-License-Identifier: Apache-2.0
# How 'make run' and the system tests start this board under QEMU's model
# of it, raspi4b (QEMU 10, 2 GiB: -m must say so). QEMU loads bulwark.bin,
# a raw image with the arm64 Image header, at 0x80000 and enters it at EL2
# (an ELF would be entered at EL3 on every CPU at once). Like the Pi's
# firmware it parks CPUs 1-3 on a spin table at 0xd8 (hw/arm/raspi4b.c's
# write_smpboot64: each waits in WFE for its 64-bit slot, 0xd8 + 8 x its
# MPIDR Aff0, to hold an entry) and has no PSCI: CONFIG_ARM_SPIN_TABLE starts
# them and the power manager's watchdog powers off (QEMU exits when PM_RSTS
# names partition 63). The GIC-400 (with its virtualization extensions)
# and the PL011 sit at the board's addresses.
#
# The test guests of the default layout are built for this board: linked at
# 0x10000000 (their VMs' RAM in guest-physical space) and told where its GIC
# and its PL011 are.

QEMU_SYSTEM := qemu-system-aarch64
QEMU_PACKAGE := qemu-system-arm
QEMU_FIRMWARE :=
QEMU_FIRMWARE_PACKAGE :=
QEMU_MACHINE := raspi4b
QEMU_ARGS := -M $(QEMU_MACHINE) -m 2G -kernel $(objtree)/bulwark.bin

GUEST_RAM_BASE := 0x10000000
GUEST_BOARD_DEFINES := -DGUEST_GICD_BASE=0xff841000UL -DGUEST_GICC_BASE=0xff842000UL \
	-DGUEST_UART_PL011=0xfe201000UL
# The default layout runs only these two guests.
GUEST_ONLY := basic timer
