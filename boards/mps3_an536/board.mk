# SPDX-License-Identifier: Apache-2.0
# How 'make run' and the system tests start this board under QEMU 10
# (Debian 12's QEMU 7.2 has no mps3-an536). With -kernel QEMU would hold
# CPU 1 powered off, and the board has no PSCI to start it: the ELF is
# loaded with -device loader instead, CPU 0 starts at its entry and CPU 1
# at the same address (boot.S keeps it in a pen, CONFIG_ARM_BOOT_PEN).
# The console is UART2, QEMU's third serial port; the per-CPU UARTs 0 and
# 1 go nowhere. Power-off is semihosting SYS_EXIT.

QEMU_SYSTEM := qemu-system-arm
QEMU_PACKAGE := qemu-system-arm
QEMU_FIRMWARE :=
QEMU_FIRMWARE_PACKAGE :=
QEMU_ARGS := -M mps3-an536 -smp $(CONFIG_BOARD_NR_CPUS) -nic none \
	-semihosting-config enable=on,target=native \
	-monitor none -serial null -serial null -serial mon:stdio \
	-device loader,file=$(objtree)/bulwark.elf,cpu-num=0 \
	-device loader,addr=$(CONFIG_HYP_LOAD_ADDR),cpu-num=1

# The test guests run from their physical load address (no translation on
# an MPU board): linked where the layouts put their RAM, and told where the
# GICv3 and their console UART are, and that PSCI has no SMC conduit here
# (no EL3: SMC is undefined at EL1). The isolation guest (in the first VM)
# probes the second VM's RAM, UART3 and the dual timer, and (its default,
# INTID 39) UART3's receive interrupt. The IPC guests find their shared
# memory at 0x24000000 (vmconf/mps3_an536-ipc.vmconf). The benchmark's
# second VMs (tests/bench/mps3_an536-*.vmconf) run at 0x23000000; the
# native builds are linked at 0x22000000 and, started in Hyp mode with no
# firmware, go through the guests' own Hyp stub (tests/guests/lib/arm/hyp_stub.S).
GUEST_RAM_BASE := 0x22000000
GUEST_BASES := basic=0x23000000 console-b=0x23000000 reboot=0x23000000 ipc-b=0x23000000 \
	bench-ipc-b=0x23000000 spin=0x23000000 hostile-loop=0x23000000 native=0x22000000
GUEST_BOARD_DEFINES := -DGUEST_GICD_BASE=0xf0000000UL -DGUEST_GICR_BASE=0xf0100000UL \
	-DGUEST_UART_CMSDK=0xe0205000UL -DGUEST_PSCI_NO_SMC \
	-DISOLATION_MEM_ADDR=0x23000000UL -DISOLATION_DEV_ADDRS=0xe0206000UL,0xe0101000UL \
	-DGUEST_IPC_SHMEM_ADDR=0x24000000UL
