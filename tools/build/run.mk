# SPDX-License-Identifier: Apache-2.0
# 'make run' and 'make debug': boot the image under QEMU with the board's
# settings (boards/<board>/board.mk). The same description, written to
# $(O)/run.json, drives the non-interactive runner of the system tests.

run-json := $(objtree)/run.json

$(run-json): $(KCONFIG_CONFIG) $(wildcard $(board-dir)/board.mk)
	$(if $(QEMU_SYSTEM),,$(error board $(BOARD) has no QEMU settings (board.mk)))
	$(Q)$(PYTHON) -c 'import json, sys; json.dump({"qemu": sys.argv[1], \
		"qemu_package": sys.argv[2], "firmware": sys.argv[3], \
		"firmware_package": sys.argv[4], "args": sys.argv[5:]}, \
		open("$@", "w"), indent=1)' '$(QEMU_SYSTEM)' '$(QEMU_PACKAGE)' \
		'$(QEMU_FIRMWARE)' '$(QEMU_FIRMWARE_PACKAGE)' $(QEMU_ARGS)

all: $(run-json)

# QEMU_EXTRA="..." adds QEMU options, e.g. -icount shift=0,align=off,sleep=off.
run: all
	$(Q)$(PYTHON) $(srctree)/tools/qemu-run.py $(if $(QEMU),--qemu $(QEMU)) $(run-json) \
		$(if $(QEMU_EXTRA),-- $(QEMU_EXTRA))

debug: all
	@echo 'QEMU waits for gdb: gdb-multiarch $(objtree)/bulwark.elf -ex "target remote :1234"'
	$(Q)$(PYTHON) $(srctree)/tools/qemu-run.py $(if $(QEMU),--qemu $(QEMU)) --gdb $(run-json) \
		$(if $(QEMU_EXTRA),-- $(QEMU_EXTRA))

.PHONY: run debug
