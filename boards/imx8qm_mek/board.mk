# SPDX-License-Identifier: Apache-2.0
# No QEMU machine in Debian runs this board ('make run' says so). The test
# guests of the default layout are built for it: linked at the DDR base
# (their VMs' RAM in guest-physical space) and told where its GIC-500 and
# its LPUART are.

GUEST_RAM_BASE := 0x80000000
GUEST_BOARD_DEFINES := -DGUEST_GICD_BASE=0x51a00000UL -DGUEST_GICR_BASE=0x51b00000UL \
	-DGUEST_UART_LPUART=0x5a060000UL
# The default layout runs only these two guests.
GUEST_ONLY := basic timer
