# SPDX-License-Identifier: Apache-2.0
# No QEMU machine models the Jetson TX2 ('make run' says so). The test
# guests of the default layout are built for it: linked at the DRAM base
# (their VMs' RAM in guest-physical space) and told where its GIC and its
# 8250 (registers 4 bytes apart) are.

GUEST_RAM_BASE := 0x80000000
GUEST_BOARD_DEFINES := -DGUEST_GICD_BASE=0x03881000UL -DGUEST_GICC_BASE=0x03882000UL \
	-DGUEST_UART_NS16550=0x03100000UL -DGUEST_UART_SHIFT=2
# The default layout runs only these two guests.
GUEST_ONLY := basic timer
