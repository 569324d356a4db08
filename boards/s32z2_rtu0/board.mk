# SPDX-License-Identifier: Apache-2.0
# No QEMU machine models the S32Z2 ('make run' says so). The boot flow
# loads bulwark.bin at 0x31780000 (RTU0's SRAM) and starts RTU0's four
# Cortex-R52 there in Hyp mode. The test guests of the default layout are
# linked where its VMs' RAM is (physical addresses: an MPU board), told
# where the GICv3 and the LINFlexD console are, and that PSCI has no SMC
# conduit (no EL3); the second VM's guest prints on UART1, which it owns.

QEMU_SYSTEM :=
GUEST_RAM_BASE := 0x31800000
GUEST_BASES := basic=0x31840000
GUEST_UARTS := basic=0x40180000
GUEST_BOARD_DEFINES := -DGUEST_GICD_BASE=0x47800000UL -DGUEST_GICR_BASE=0x47900000UL \
	-DGUEST_UART_LINFLEXD=0x40170000UL -DGUEST_PSCI_NO_SMC
# Only the guests of the default layout: no emulator runs this board.
GUEST_ONLY := timer basic
