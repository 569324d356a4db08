# SPDX-License-Identifier: Apache-2.0
# How 'make run' and the system tests start this board under QEMU. QEMU
# enters the ELF image in Hyp mode and provides PSCI over SMC.

QEMU_SYSTEM := qemu-system-arm
QEMU_PACKAGE := qemu-system-arm
QEMU_FIRMWARE :=
QEMU_FIRMWARE_PACKAGE :=
QEMU_MACHINE := virt,virtualization=on,gic-version=2
QEMU_ARGS := -M $(QEMU_MACHINE) -cpu cortex-a15 -smp $(CONFIG_BOARD_NR_CPUS) -m 1G \
	-nic none -kernel $(objtree)/bulwark.elf
