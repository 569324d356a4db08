# SPDX-License-Identifier: Apache-2.0
# No QEMU machine in Debian runs this board ('make run' says so). The test
# guests of the default layout are built for it: linked at the DDR base
# (their VMs' RAM in guest-physical space) and told where its GIC-500 and
# its i.MX UART are.

GUEST_RAM_BASE := 0x40000000
GUEST_BOARD_DEFINES := -DGUEST_GICD_BASE=0x38800000UL -DGUEST_GICR_BASE=0x38880000UL \
	-DGUEST_UART_IMX=0x30860000UL
# The default layout runs only these two guests.
GUEST_ONLY := basic timer
