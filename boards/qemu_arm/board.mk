# SPDX-License-Identifier: Apache-2.0
# How 'make run' and the system tests start this board under QEMU. QEMU
# enters the ELF image in Hyp mode and provides PSCI over SMC. A GICv3
# build (gicv3.config) needs an Armv8-A CPU in AArch32 with the GICv3
# system registers: QEMU's -cpu max; Cortex-A15 has a GICv2 CPU interface.

QEMU_SYSTEM := qemu-system-arm
QEMU_PACKAGE := qemu-system-arm
QEMU_FIRMWARE :=
QEMU_FIRMWARE_PACKAGE :=
QEMU_MACHINE := virt,virtualization=on,gic-version=$(if $(CONFIG_IRQCHIP_GICV3),3,2)
QEMU_CPU := $(if $(CONFIG_IRQCHIP_GICV3),max,cortex-a15)
QEMU_ARGS := -M $(QEMU_MACHINE) -cpu $(QEMU_CPU) -smp $(CONFIG_BOARD_NR_CPUS) -m 1G \
	-nic none -kernel $(objtree)/bulwark.elf
