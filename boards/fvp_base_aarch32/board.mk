# SPDX-License-Identifier: Apache-2.0
# Arm's FVP Base with its cores in AArch32 has no QEMU model: 'make' builds
# it, 'make run' says so. On the FVP, TF-A's AArch32 build (SP_MIN) enters
# bulwark.bin, preloaded at 0x80080000, in Hyp mode:
# Documentation/boards/fvp_base_aarch32.md gives the model's parameters.
#
# The test guests of the default layout are built for it: linked at the
# DRAM base (their VMs' RAM in guest-physical space) and told where its
# GICv3 and its PL011 are.

QEMU_SYSTEM :=
GUEST_RAM_BASE := 0x80000000
GUEST_BOARD_DEFINES := -DGUEST_GICD_BASE=0x2f000000UL -DGUEST_GICR_BASE=0x2f100000UL \
	-DGUEST_UART_PL011=0x1c090000UL
# The default layout runs only these two guests.
GUEST_ONLY := basic timer
