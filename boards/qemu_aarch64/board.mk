# SPDX-License-Identifier: Apache-2.0
# How 'make run' and the system tests start this board under QEMU. QEMU
# enters the ELF image at EL2 and provides PSCI over SMC.

QEMU_SYSTEM := qemu-system-aarch64
QEMU_PACKAGE := qemu-system-arm
QEMU_FIRMWARE :=
QEMU_FIRMWARE_PACKAGE :=
QEMU_MACHINE := virt,virtualization=on,gic-version=$(if $(CONFIG_IRQCHIP_GICV2),2,3)
QEMU_ARGS := -M $(QEMU_MACHINE) -cpu cortex-a53 -smp $(CONFIG_BOARD_NR_CPUS) -m 1G \
	-nic none -kernel $(objtree)/bulwark.elf
# Layouts whose guest files the boot loader loads (preload): Debian's U-Boot
# finds boot.scr on the boot disk the build made, loads them and the
# hypervisor, and starts it with booti (Documentation/vm-layout.md).
QEMU_BOOTLOADER := /usr/lib/u-boot/qemu_arm64/u-boot.bin
QEMU_BOOTLOADER_PACKAGE := u-boot-qemu
QEMU_BOOTLOADER_ARGS := -M $(QEMU_MACHINE) -cpu cortex-a53 -smp $(CONFIG_BOARD_NR_CPUS) -m 1G \
	-nic none -bios $(QEMU_BOOTLOADER) \
	-drive if=none,format=raw,file=$(objtree)/bootdisk.img,id=bootdisk \
	-device virtio-blk-device,drive=bootdisk
# Layouts that give a VM virtio-mmio transports (dma = trusted): back ends
# for them. The first -device takes the last transport (31), then 30, 29.
QEMU_VIRTIO_ARGS := -drive if=none,format=raw,file=$(objtree)/virtio-disk.img,id=vdisk \
	-device virtio-blk-device,drive=vdisk \
	-netdev user,id=vnet -device virtio-net-device,netdev=vnet \
	-device virtio-rng-device
