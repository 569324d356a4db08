# SPDX-License-Identifier: Apache-2.0
# No QEMU machine models CVA6 ('make run' says so; QEMU's virt machine with
# -cpu rv64 is the nearest stand-in, with another memory map). The test
# guests of the default layout link at 0x80000000 (their VMs' RAM in
# guest-physical space, as on QEMU) and find the PLIC at 0x0c000000, where
# this board has it too; they print through the SBI debug console.

# The default layout runs only these two guests.
GUEST_ONLY := basic timer

# What CVA6's FPGA boot ROM takes: it copies the SD card's boot partition to
# 0x80000000 and enters it with its device tree in a1, so make writes
# bulwark-sbi.bin, Debian's OpenSBI fw_jump.bin with bulwark.bin 2 MiB in
# (Documentation/boards/cva6_genesys2.md).
BOOT_IMAGE := sbi-jump
SBI_JUMP_BASE := 0x80000000
