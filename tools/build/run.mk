# SPDX-License-Identifier: Apache-2.0
# 'make run' and 'make debug': boot the image under QEMU with the board's
# settings (boards/<board>/board.mk). The same description, written to
# $(O)/run.json, drives the non-interactive runner of the system tests.

run-json := $(objtree)/run.json

# The settings as this make command sees them, board.mk's or overridden on
# the command line (QEMU_FIRMWARE=..., QEMU_MACHINE=..., QEMU_ARGS=...). They
# are kept in a file rewritten only when they differ, so run.json follows
# every change on the next make, and back again when the override is gone.
run-settings := $(objtree)/.run-settings
run-settings-now := $(strip $(QEMU_SYSTEM)|$(QEMU_PACKAGE)|$(QEMU_FIRMWARE)|$(QEMU_FIRMWARE_PACKAGE)|$(QEMU_ARGS)|$(QEMU_BOOTLOADER)|$(QEMU_BOOTLOADER_ARGS)|$(QEMU_VIRTIO_ARGS))
ifneq ($(run-settings-now),$(strip $(file <$(run-settings))))
$(shell mkdir -p $(objtree))
$(file >$(run-settings),$(run-settings-now))
endif

# A layout that leaves guest files to the boot loader (preload) boots through
# it instead: board.mk's QEMU_BOOTLOADER (firmware) and QEMU_BOOTLOADER_ARGS
# (which attach $(O)/bootdisk.img). vmconf.mk is read when the recipe runs,
# after the layout tool wrote it.
vmconf-fact = $(filter y,$(patsubst $(1):=%,%,$(filter $(1):=%,$(subst $() := ,:=,$(file <$(vmconf-mk))))))
run-preload = $(call vmconf-fact,VMCONF_PRELOAD)
run-firmware = $(if $(run-preload),$(QEMU_BOOTLOADER),$(QEMU_FIRMWARE))
run-firmware-package = $(if $(run-preload),$(QEMU_BOOTLOADER_PACKAGE),$(QEMU_FIRMWARE_PACKAGE))
run-args = $(if $(run-preload),$(or $(QEMU_BOOTLOADER_ARGS),$(error the layout's guest files \
are loaded by the boot loader (preload), but board $(BOARD) has no QEMU_BOOTLOADER_ARGS in \
board.mk to boot through one)),$(QEMU_ARGS)) \
	$(if $(call vmconf-fact,VMCONF_VIRTIO),$(QEMU_VIRTIO_ARGS))

# A layout that gives a VM virtio transports (dma = trusted) gets board.mk's
# QEMU_VIRTIO_ARGS: a disk, $(O)/virtio-disk.img, made once (sparse) and then
# kept with what the guest wrote, and a network.
virtio-disk := $(objtree)/virtio-disk.img
make-virtio-disk = $(if $(call vmconf-fact,VMCONF_VIRTIO),test -e $(virtio-disk) || \
	truncate -s 64M $(virtio-disk))

$(run-json): $(KCONFIG_CONFIG) $(wildcard $(board-dir)/board.mk) $(run-settings) $(vmconf-stamp)
	$(if $(QEMU_SYSTEM),,$(error board $(BOARD) has no QEMU machine (no QEMU_SYSTEM in \
	board.mk): boot $(objtree)/bulwark.bin on the board itself))
	$(Q)$(PYTHON) -c 'import json, sys; json.dump({"qemu": sys.argv[1], \
		"qemu_package": sys.argv[2], "firmware": sys.argv[3], \
		"firmware_package": sys.argv[4], "args": sys.argv[5:]}, \
		open("$@", "w"), indent=1)' '$(QEMU_SYSTEM)' '$(QEMU_PACKAGE)' \
		'$(run-firmware)' '$(run-firmware-package)' $(run-args)
	$(Q)$(make-virtio-disk)

# A board QEMU cannot run (no QEMU_SYSTEM) builds without it; 'make run' says why not.
ifneq ($(QEMU_SYSTEM),)
all: $(run-json)
endif

# Read by the runner at each run, never kept: QEMU=binary, QEMU_EXTRA="..."
# (more QEMU options, e.g. -icount shift=0,align=off,sleep=off) and
# GDB_PORT (where 'make debug' waits for gdb).
GDB_PORT ?= 1234
qemu-run = $(PYTHON) $(srctree)/tools/qemu-run.py $(if $(QEMU),--qemu '$(QEMU)')

run: all $(run-json)
	$(Q)$(make-virtio-disk)
	$(Q)$(qemu-run) $(run-json) $(if $(QEMU_EXTRA),-- $(QEMU_EXTRA))

debug: all $(run-json)
	@echo 'QEMU waits for gdb: gdb-multiarch $(objtree)/bulwark.elf -ex "target remote :$(GDB_PORT)"'
	@echo '(Documentation/debugging.md)'
	$(Q)$(qemu-run) --gdb $(GDB_PORT) $(run-json) $(if $(QEMU_EXTRA),-- $(QEMU_EXTRA))

.PHONY: run debug
