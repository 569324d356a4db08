# SPDX-License-Identifier: Apache-2.0
# No QEMU machine in Debian runs this board ('make run' says so). The test
# guests of the default layout are built for it: linked at 0x10000000
# (their VMs' RAM in guest-physical space) and told where its GIC-500 and
# its 8250 (registers 4 bytes apart) are.

GUEST_RAM_BASE := 0x10000000
GUEST_BOARD_DEFINES := -DGUEST_GICD_BASE=0xfee00000UL -DGUEST_GICR_BASE=0xfef00000UL \
	-DGUEST_UART_NS16550=0xff1a0000UL -DGUEST_UART_SHIFT=2
# The default layout runs only these two guests.
GUEST_ONLY := basic timer
