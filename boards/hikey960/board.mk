# SPDX-License-Identifier: Apache-2.0
# No QEMU machine models the HiKey960 ('make run' says so). The test guests
# of the default layout are built for it: linked at 0x10000000 (their VMs'
# RAM in guest-physical space) and told where its GIC and its PL011 are.

GUEST_RAM_BASE := 0x10000000
GUEST_BOARD_DEFINES := -DGUEST_GICD_BASE=0xe82b1000UL -DGUEST_GICC_BASE=0xe82b2000UL \
	-DGUEST_UART_PL011=0xfff32000UL
# The default layout runs only these two guests.
GUEST_ONLY := basic timer
