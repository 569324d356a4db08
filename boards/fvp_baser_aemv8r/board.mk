# SPDX-License-Identifier: Apache-2.0
# FVP BaseR AEMv8-R has no QEMU model: 'make' builds it, 'make run' says
# so. On the FVP, load bulwark.elf (or bulwark.bin at 0x0) and let every
# core leave reset at 0x0 (the default RVBAR); power-off is semihosting,
# which each core of Arm's FVPs has on by default (semihosting-enable=1), e.g.:
#   FVP_BaseR_AEMv8R -C cluster0.has_aarch64=1 -a cluster0.*=bulwark.elf \
#     -C bp.pl011_uart0.out_file=-
#
# The test guests run from their physical load address (no translation on
# an MPU board): linked where the default layout puts their RAM, told where
# the GICv3 and their PL011 are, and that PSCI has no SMC conduit (no EL3).

QEMU_SYSTEM :=
GUEST_RAM_BASE := 0x02000000
GUEST_BASES := basic=0x04000000
GUEST_BOARD_DEFINES := -DGUEST_GICD_BASE=0xaf000000UL -DGUEST_GICR_BASE=0xaf100000UL \
	-DGUEST_UART_PL011=0x9c090000UL -DGUEST_PSCI_NO_SMC
# Only the guests of the default layout: no emulator runs this board.
GUEST_ONLY := timer basic
