# SPDX-License-Identifier: Apache-2.0
# How 'make run' and the system tests start this board under QEMU. QEMU
# has no machine of its own for it, but its xlnx-zcu102 models the same
# Zynq UltraScale+ SoC (boards/zcu102/board.mk says what it provides: EL2
# with virtualization=on, PSCI over SMC, the GIC-400 and the Cadence UARTs
# at the SoC's addresses), so it stands in: -m 2G gives this board's 2 GiB
# of DDR at 0 and nothing more; the console is UART0 at 0xff000000, QEMU's
# first serial port.
#
# The test guests of the default layout are built for this board: linked at
# 0x10000000 (their VMs' RAM in guest-physical space) and told where its
# GIC and its console UART (a Cadence UART) are.

QEMU_SYSTEM := qemu-system-aarch64
QEMU_PACKAGE := qemu-system-arm
QEMU_FIRMWARE :=
QEMU_FIRMWARE_PACKAGE :=
QEMU_MACHINE := xlnx-zcu102,virtualization=on
QEMU_ARGS := -M $(QEMU_MACHINE) -m 2G -audio none -kernel $(objtree)/bulwark.elf

GUEST_RAM_BASE := 0x10000000
GUEST_BOARD_DEFINES := -DGUEST_GICD_BASE=0xf9010000UL -DGUEST_GICC_BASE=0xf902f000UL \
	-DGUEST_UART_CDNS=0xff000000UL
# The default layout runs only these two guests.
GUEST_ONLY := basic timer
