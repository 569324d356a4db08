# SPDX-License-Identifier: Apache-2.0
# No QEMU machine in Debian runs this board as it is ('make run' says so).
# The test guests of the default layout are built for it: linked at
# 0x10000000 (their VMs' RAM in guest-physical space) and told where its
# GIC and its console UART (a Cadence UART) are.

GUEST_RAM_BASE := 0x10000000
GUEST_BOARD_DEFINES := -DGUEST_GICD_BASE=0xf9010000UL -DGUEST_GICC_BASE=0xf902f000UL \
	-DGUEST_UART_CDNS=0xff010000UL
# The default layout runs only these two guests.
GUEST_ONLY := basic timer
