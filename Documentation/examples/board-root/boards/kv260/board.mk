# SPDX-License-Identifier: Apache-2.0
# The KV260 runs from U-Boot (booti): bulwark.bin is what it loads. No QEMU
# machine models the K26 SOM. The test guests of the demo layout are built
# for it: linked at 0x10000000 (their VMs' RAM in guest-physical space),
# told where its GIC and its console UART (a Cadence UART) are.

GUEST_RAM_BASE := 0x10000000
GUEST_BOARD_DEFINES := -DGUEST_GICD_BASE=0xf9010000UL -DGUEST_GICC_BASE=0xf902f000UL \
	-DGUEST_UART_CDNS=0xff010000UL
GUEST_ONLY := basic timer
