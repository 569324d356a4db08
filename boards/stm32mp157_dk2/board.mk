# SPDX-License-Identifier: Apache-2.0
# No QEMU machine models the STM32MP157 ('make run' says so). The test
# guests of the default layout are built for this board: linked at the DDR
# base (their VMs' RAM starts there in guest-physical space too) and told
# where its GIC and console USART are.

GUEST_RAM_BASE := 0xc0000000
GUEST_BOARD_DEFINES := -DGUEST_GICD_BASE=0xa0021000UL -DGUEST_GICC_BASE=0xa0022000UL \
	-DGUEST_UART_STM32=0x40010000UL

# ST's U-Boot boots with bootm: make also writes bulwark.uimg, a legacy
# U-Boot image loaded and entered at CONFIG_HYP_LOAD_ADDR (0xc0000000).
BOOT_IMAGE := uimage
