# SPDX-License-Identifier: Apache-2.0
# 'make help': every goal, defconfig and configuration fragment.

# First comment line of a file, as its one-line description.
describe = $(subst ','\'',$(shell sed -n 's/^\# *//p' $(1) | grep -v SPDX | head -n 1))
# A defconfig holds no comments (savedefconfig must reproduce it byte for
# byte), so it is described by its board's Kconfig.board.
board-of = $(shell sed -n 's/^CONFIG_BOARD="\(.*\)"/\1/p' $(1))
board-kconfig = $(firstword $(wildcard $(srctree)/boards/$(1)/Kconfig.board \
	$(if $(BOARD_ROOT),$(BOARD_ROOT)/boards/$(1)/Kconfig.board)))
describe-defconfig = $(call describe,$(call board-kconfig,$(call board-of,$(1))))
# The architecture a defconfig's board is (board.hw's arch), to list them by it.
board-arch = $(or $(shell sed -n 's/^ *arch *= *\([a-z0-9]*\).*/\1/p' \
	$(dir $(call board-kconfig,$(call board-of,$(call find-config,$(1)))))board.hw 2>/dev/null | \
	head -n 1),other)
help-archs := aarch64 arm riscv64 riscv32 other

help:
	@echo 'Configuration:'
	@echo '  <board>_defconfig   - configure for a board (list below)'
	@echo '  <fragment>.config   - merge a fragment into the configuration (list below,'
	@echo '                        or any path: make ../my/fragment.config)'
	@echo '  <board>_defconfig EXTRA_CONFIG="a.config b.config"'
	@echo '                      - configure, then merge fragments from any path'
	@echo '  menuconfig          - change the configuration in a terminal menu'
	@echo '  oldconfig           - update .config, asking about new options'
	@echo '  olddefconfig        - update .config, new options get their defaults'
	@echo '  savedefconfig       - write the minimal configuration to $$(O)/defconfig'
	@echo '  listnewconfig       - list options .config does not set yet'
	@echo '  diffconfig          - what the last configuration step changed'
	@echo '                        (or the difference with DIFFCONFIG_OLD=<file>)'
	@echo ''
	@echo 'Build and run:'
	@echo '  all (default)       - build $$(O)/bulwark.elf and $$(O)/bulwark.bin (and what the board'\''s'
	@echo '                        loader takes: bulwark.uimg, bulwark-sbi.bin; board.mk BOOT_IMAGE)'
	@echo '  run                 - boot the image under QEMU (Ctrl-a x quits)'
	@echo '  debug               - like run, QEMU waits for gdb on :1234 (GDB_PORT=),'
	@echo '                        see Documentation/debugging.md'
	@echo '  vmconf-show         - print and draw the VM partitioning ($$(O)/vmconf.svg)'
	@echo '  linux-guest         - assemble the arm64 Linux guest from Debian packages ($$(O)/linux)'
	@echo '  compile_commands.json - compilation database for editors'
	@echo '  clean               - remove build output, keep the configuration'
	@echo '  distclean           - remove everything in $$(O)'
	@echo ''
	@echo 'Tests:'
	@echo '  check               - run the whole test suite (unit, tools, QEMU; <= 15 min)'
	@echo '  check-quick         - the edit loop (< 2 min): unit, layouts, one boot per arch'
	@echo '  check-unit check-tools check-system check-lint - parts of it'
	@echo '  check TESTS="tests/system/test_vms.py::test_layout_boots[qemu_rv64-ipc.vmconf-sstc]"'
	@echo '                      - only those tests (pytest ids or paths, unit tests: test_vgic)'
	@echo '  check-system BOARDS=qemu_rv64 - only the tests of those boards'
	@echo '  bench               - native vs virtualized counts for the configured board'
	@echo '  bench-all           - the same for every QEMU board'
	@echo ''
	@echo 'Defconfigs, by architecture (board.hw arch):'
	@$(foreach a,$(help-archs),$(if $(filter $(a),$(foreach d,$(defconfigs),$(call board-arch,$(d)))),\
		echo '  $(a):'; $(foreach d,$(defconfigs),$(if $(filter $(a),$(call board-arch,$(d))),\
		printf '    %-26s - %s\n' '$(d)' '$(call describe-defconfig,$(call find-config,$(d)))';))))
	@echo ''
	@echo 'Fragments:'
	@$(foreach f,$(fragments),printf '  %-28s - %s\n' '$(f)' '$(call describe,$(call find-config,$(f)))';)
	@echo ''
	@echo 'Variables: O=dir (build directory, default build; "make" inside it works too),'
	@echo '  V=1 (show commands), CROSS_COMPILE=prefix, VMCONF=layout,'
	@echo '  BOARD_ROOT=dir (out-of-tree boards; remembered by the build directory),'
	@echo '  PYTHON=interpreter with kconfiglib, QEMU=path, QEMU_EXTRA="qemu options",'
	@echo '  LINUX_GUEST_CACHE=dir (Debian packages of the Linux guest),'
	@echo '  GUEST_CACHE=dir (test guests built once, shared by build directories).'

.PHONY: help
