# SPDX-License-Identifier: Apache-2.0
# How 'make run' and the system tests start this board under QEMU's model
# of it, xlnx-zcu102 (QEMU 10): the four A53s at EL2 (virtualization=on,
# secure=off: no EL3), the GIC-400 with its virtualization extensions at the
# board's addresses (each 4 KiB page repeated over 64 KiB, as on the chip),
# the Cadence UARTs, and PSCI over SMC emulated by QEMU (hw/arm/xlnx-zcu102.c
# sets psci_conduit = SMC; the secondaries start powered off). -m 4G gives
# both DDR ranges of board.hw: 2 GiB at 0 and 2 GiB at 0x800000000. The ELF
# is entered at EL2; the raw image with its arm64 header would need a -dtb
# with 4 GiB (QEMU boots a Linux-style image with ATAGS otherwise). QEMU's
# default network stays: '-nic none' leaves the four GEMs without a peer,
# and QEMU warns about each on the console.
#
# The test guests of the default layout are built for this board: linked at
# 0x10000000 (their VMs' RAM in guest-physical space) and told where its GIC
# and its console UART (a Cadence UART) are.

QEMU_SYSTEM := qemu-system-aarch64
QEMU_PACKAGE := qemu-system-arm
QEMU_FIRMWARE :=
QEMU_FIRMWARE_PACKAGE :=
QEMU_MACHINE := xlnx-zcu102,virtualization=on
QEMU_ARGS := -M $(QEMU_MACHINE) -m 4G -audio none -kernel $(objtree)/bulwark.elf

GUEST_RAM_BASE := 0x10000000
GUEST_BOARD_DEFINES := -DGUEST_GICD_BASE=0xf9010000UL -DGUEST_GICC_BASE=0xf902f000UL \
	-DGUEST_UART_CDNS=0xff000000UL
# The default layout runs only these two guests.
GUEST_ONLY := basic timer
