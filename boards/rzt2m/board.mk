# SPDX-License-Identifier: Apache-2.0
# No QEMU machine models the RZ/T2M ('make run' says so). The boot flow
# loads bulwark.bin at 0x10000000 (system SRAM) and starts both
# Cortex-R52 there in Hyp mode. The test guests of the default layout are
# linked where its VMs' RAM is (physical addresses: an MPU board), told
# where the GICv3 and the SCI console are, and that PSCI has no SMC
# conduit (no EL3); the second VM's guest prints on SCI3, which it owns.

QEMU_SYSTEM :=
GUEST_RAM_BASE := 0x10080000
GUEST_BASES := basic=0x100c0000
GUEST_UARTS := basic=0x80001c00
GUEST_BOARD_DEFINES := -DGUEST_GICD_BASE=0x94000000UL -DGUEST_GICR_BASE=0x94100000UL \
	-DGUEST_UART_RZ_SCI=0x80001000UL -DGUEST_PSCI_NO_SMC
# Only the guests of the default layout: no emulator runs this board.
GUEST_ONLY := timer basic
