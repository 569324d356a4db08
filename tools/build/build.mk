# SPDX-License-Identifier: Apache-2.0
#
# The configured build: included by the top Makefile for every goal that
# needs a configuration. Reads auto.conf, walks the directories' object
# lists, checks and compiles the VM layout, links the image.

auto-conf := $(objtree)/include/config/auto.conf
auto-conf-cmd := $(objtree)/include/config/auto.conf.cmd
autoconf-h := $(objtree)/include/generated/autoconf.h

ifeq ($(wildcard $(KCONFIG_CONFIG)),)
$(error no configuration in $(objtree): run 'make <board>_defconfig' first \
('make help' lists the boards))
endif

# auto.conf.cmd names the Kconfig files auto.conf was generated from. An
# auto.conf older than any of them or than .config is not read: make
# regenerates it and restarts first, so the checks below judge the
# configuration as it is now (one that could not be built must not block
# the next).
-include $(auto-conf-cmd)
auto-conf-stale := $(if $(wildcard $(auto-conf-cmd)),$(shell find $(KCONFIG_CONFIG) \
	$(kconfig-files) -newer $(auto-conf-cmd) 2>/dev/null | head -n 1),missing)
ifeq ($(auto-conf-stale),)
-include $(auto-conf)
endif

# Regenerates autoconf.h, auto.conf and the per-symbol files. auto.conf.cmd
# is always rewritten and serves as the stamp; autoconf.h and the symbol
# files change only when their content does, so an unchanged configuration
# rebuilds nothing.
$(auto-conf-cmd): $(KCONFIG_CONFIG) $(kconfig-files)
	$(call say,GEN,include/generated/autoconf.h)
	$(Q)$(kconfig) genconfig $(objtree)/include

ifneq ($(CONFIG_BOARD),)

# auto.conf keeps the quotes of string values.
unquote = $(patsubst "%",%,$(1))
ARCH := $(call unquote,$(CONFIG_ARCH))
BOARD := $(call unquote,$(CONFIG_BOARD))

# --------------------------------------------------------------------------
# Board and architecture

board-dir := $(firstword $(wildcard $(srctree)/boards/$(BOARD) \
	$(if $(BOARD_ROOT),$(BOARD_ROOT)/boards/$(BOARD))))
ifeq ($(board-dir),)
$(error board '$(BOARD)' has no directory under boards/$(if $(BOARD_ROOT),, \
(out-of-tree boards need BOARD_ROOT=<dir>)))
endif

# A board may describe more than this tree implements (arch/Kconfig,
# NOT_IMPLEMENTED): such a configuration stops here with one message,
# before anything is compiled.
ifneq ($(CONFIG_NOT_IMPLEMENTED),)
$(error $(BOARD): $(subst ",,$(CONFIG_NOT_IMPLEMENTED)) (this board is configuration \
only; see README.md, Status))
endif

arch-mk := $(srctree)/arch/$(ARCH)/arch.mk
ifeq ($(wildcard $(arch-mk)),)
$(error $(BOARD): architecture '$(ARCH)' has no arch/$(ARCH)/arch.mk; an architecture \
that is not implemented yet belongs in NOT_IMPLEMENTED in arch/Kconfig)
endif
ARCH_SHARED_DIRS :=
include $(arch-mk)
-include $(board-dir)/board.mk

# Code an arch shares with its sibling execution states (arch.mk sets
# ARCH_SHARED_DIRS, e.g. arch/arm-common for arm64 and arm): each directory
# is walked like arch/$(ARCH), and its include/ is searched right after
# arch/$(ARCH)/include, so an execution state's own header comes first.
arch-dirs := arch/$(ARCH) $(ARCH_SHARED_DIRS)

CROSS_COMPILE ?= $(ARCH_CROSS_COMPILE)
CC := $(CROSS_COMPILE)gcc
LD := $(CROSS_COMPILE)ld
OBJCOPY := $(CROSS_COMPILE)objcopy
SIZE := $(CROSS_COMPILE)size

# An arch.mk may add ARCH_CC_CHECK: what else the compiler must have (a multilib).
need-cc = $(if $(shell command -v $(CC)),$(ARCH_CC_CHECK),$(error $(CC) not found: install the \
Debian package $(ARCH_CC_PACKAGE) (sudo apt-get install $(ARCH_CC_PACKAGE)), or set \
CROSS_COMPILE= to a prefix of a $(ARCH) cross compiler))

# --------------------------------------------------------------------------
# Flags

WARNINGS := -Wall -Wextra -Werror -Wshadow -Wmissing-prototypes -Wstrict-prototypes \
	-Wmissing-declarations -Wpointer-arith -Wundef -Wvla -Wcast-align -Wformat=2 \
	-Wimplicit-fallthrough -Wconversion -Wno-sign-conversion

CPPFLAGS := -nostdinc -isystem $(shell $(CC) -print-file-name=include 2>/dev/null) \
	-I$(srctree)/include -I$(objtree)/include $(foreach d,$(arch-dirs),-I$(srctree)/$(d)/include) \
	-include $(autoconf-h) -DBULWARK_VERSION='"$(VERSION)"'
CFLAGS := -std=c11 -ffreestanding -fno-common -fno-builtin -fno-stack-protector -fno-pic \
	$(if $(CONFIG_DEBUG_OPTIMIZE),-Og,-O2) -g $(WARNINGS) $(ARCH_CFLAGS)
ASFLAGS := -D__ASSEMBLY__ -fno-pic $(ARCH_CFLAGS)
LDFLAGS := -nostdlib -static --no-dynamic-linker -z noexecstack -z max-page-size=4096 \
	$(ARCH_LDFLAGS)

# Objects are rebuilt when the flags or the compiler change, not only when
# sources do: the flags are kept in a file rewritten only when they differ.
build-flags := $(objtree)/.build-flags
build-flags-now := $(CC) $(CPPFLAGS) $(CFLAGS) $(ASFLAGS) $(LDFLAGS)
ifneq ($(build-flags-now),$(strip $(file <$(build-flags))))
$(shell mkdir -p $(objtree))
$(file >$(build-flags),$(build-flags-now))
endif

# --------------------------------------------------------------------------
# Objects, from the directories' obj-y lists

# walk-dir DIR: adds DIR's objects to all-objs and walks its subdirectories.
define walk-dir
obj-y :=
include $(srctree)/$(1)/Makefile
objs-$(1) := $$(addprefix $(1)/,$$(filter-out %/,$$(obj-y)))
subdirs-$(1) := $$(addprefix $(1)/,$$(patsubst %/,%,$$(filter %/,$$(obj-y))))
all-objs += $$(objs-$(1))
$$(foreach d,$$(subdirs-$(1)),$$(eval $$(call walk-dir,$$(d))))
endef

all-objs :=
$(foreach d,$(arch-dirs) kernel drivers,$(eval $(call walk-dir,$(d))))

# Board stubs, in the tree or out of it, built into boards/<board>/.
ifneq ($(wildcard $(board-dir)/Makefile),)
obj-y :=
include $(board-dir)/Makefile
all-objs += $(addprefix boards/$(BOARD)/,$(obj-y))
endif

objs := $(addprefix $(objtree)/,$(all-objs)) \
	$(objtree)/generated/vmconf.o $(objtree)/generated/vmconf_images.o

# --------------------------------------------------------------------------
# VM layout: checked against the board and compiled into C tables

VMCONF ?= $(call unquote,$(CONFIG_VMCONF))
# An absolute path, so make run in the tree or in O= names the same file.
find-vmconf = $(abspath $(firstword $(wildcard $(1) $(srctree)/$(1) \
	$(if $(BOARD_ROOT),$(BOARD_ROOT)/$(1)))))
vmconf-file := $(if $(filter /%,$(VMCONF)),$(VMCONF),$(call find-vmconf,$(VMCONF)))
vmconf-tool = $(PYTHON) $(srctree)/tools/vmconf/vmconf.py
vmconf-args = --layout $(vmconf-file) --board-dir $(board-dir) --config $(KCONFIG_CONFIG) \
	--srctree $(srctree) --objtree $(objtree)
vmconf-outputs := $(objtree)/generated/vmconf.c $(objtree)/generated/vmconf_images.S \
	$(objtree)/include/generated/board.h

vmconf-places := the current directory, $(srctree)$(if $(BOARD_ROOT),$(comma) $(BOARD_ROOT))
need-vmconf = $(if $(VMCONF),,$(error no VM layout: set CONFIG_VMCONF in menuconfig or \
pass VMCONF=path))$(if $(wildcard $(vmconf-file)),,$(error VM layout '$(VMCONF)' not found \
(looked in $(vmconf-places))))

# The layout's guest images come from tests/guests (see guests.mk).
include $(srctree)/tools/build/guests.mk

# Every goal here needs the layout: say at once when it cannot be found.
$(call need-vmconf)

# Which layout the outputs came from, rewritten when VMCONF names another.
vmconf-name := $(objtree)/generated/vmconf.name
ifneq ($(vmconf-file),$(strip $(file <$(vmconf-name))))
$(shell mkdir -p $(objtree)/generated)
$(file >$(vmconf-name),$(vmconf-file))
endif

# The tool rewrites an output only when its content changes; the stamp
# records that the layout was checked against the current inputs. Besides
# the fixed inputs below, the tool writes vmconf-inputs.d naming every file it
# read (the layout, board.hw, each guest image and initrd, wherever they
# live), so replacing any of them on disk re-runs it and re-embeds them.
vmconf-stamp := $(objtree)/generated/vmconf.stamp
# A layout whose guest files the boot loader loads (preload) also gets a
# U-Boot script and the list of files for the boot disk; vmconf.mk says
# whether it has any (read by run.mk at recipe time, after the tool ran).
vmconf-mk := $(objtree)/generated/vmconf.mk
boot-cmd := $(objtree)/generated/boot.cmd
bootdisk-manifest := $(objtree)/generated/bootdisk.manifest
vmconf-deps := $(objtree)/generated/vmconf-inputs.d
$(vmconf-stamp): $(vmconf-file) $(vmconf-name) $(board-dir)/board.hw $(KCONFIG_CONFIG) \
		$(wildcard $(srctree)/tools/vmconf/*.py $(srctree)/tools/vmconf/vmconflib/*.py) \
		$(guest-images)
	$(call need-vmconf)
	$(call say,VMCONF,$(patsubst $(srctree)/%,%,$(vmconf-file)))
	$(Q)rm -f $(objtree)/bulwark.elf $(objtree)/bulwark.bin $(objtree)/bulwark.uimg \
		$(objtree)/bulwark-sbi.bin $@
	$(Q)$(vmconf-tool) compile $(vmconf-args) --out-c $(objtree)/generated/vmconf.c \
		--out-s $(objtree)/generated/vmconf_images.S --out-h $(objtree)/include/generated/board.h \
		--out-d $(vmconf-deps) --dep-target $@ \
		--dep-target $(objtree)/generated/vmconf_images.o \
		--out-mk $(vmconf-mk) --out-boot-cmd $(boot-cmd) --out-manifest $(bootdisk-manifest)
	$(Q)touch $@
$(vmconf-outputs): $(vmconf-stamp) ;
-include $(vmconf-deps)

# .incbin dependencies are invisible to the compiler's dependency files
# (vmconf-inputs.d adds the embedded files themselves).
$(objtree)/generated/vmconf_images.o: $(guest-images) $(vmconf-stamp)

# Everything compiled needs the generated headers first.
prepare: $(auto-conf-cmd) $(vmconf-stamp)
.PHONY: prepare

# --------------------------------------------------------------------------
# Compile and link

c-cmd = $(CC) $(CPPFLAGS) $(CFLAGS)
s-cmd = $(CC) $(CPPFLAGS) $(ASFLAGS)
fixdep = $(PYTHON) $(srctree)/tools/build/fixdep.py

# compile KIND, command: compiles $< into $@ with config-aware dependencies.
define compile
	$(call say,$(1),$(patsubst $(objtree)/%,%,$@))
	@mkdir -p $(@D)
	$(Q)$(call need-cc)$(2) -MMD -MP -MF $(@:.o=.d.raw) -c -o $@ $<
	$(Q)$(fixdep) $(@:.o=.d.raw) $@ $(objtree)/include/config > $(@:.o=.d) && rm -f $(@:.o=.d.raw)
endef

$(objtree)/%.o: $(srctree)/%.c $(build-flags) | prepare
	$(call compile,CC,$(c-cmd))
$(objtree)/%.o: $(srctree)/%.S $(build-flags) | prepare
	$(call compile,AS,$(s-cmd))
$(objtree)/generated/%.o: $(objtree)/generated/%.c $(build-flags) | prepare
	$(call compile,CC,$(c-cmd))
$(objtree)/generated/%.o: $(objtree)/generated/%.S $(build-flags) | prepare
	$(call compile,AS,$(s-cmd))
ifneq ($(BOARD_ROOT),)
$(objtree)/boards/%.o: $(BOARD_ROOT)/boards/%.c $(build-flags) | prepare
	$(call compile,CC,$(c-cmd))
$(objtree)/boards/%.o: $(BOARD_ROOT)/boards/%.S $(build-flags) | prepare
	$(call compile,AS,$(s-cmd))
endif

-include $(objs:.o=.d)

lds := $(objtree)/arch/$(ARCH)/linker.lds
$(lds): $(srctree)/arch/$(ARCH)/linker.ld.S $(build-flags) | prepare
	$(call say,LDS,$(patsubst $(objtree)/%,%,$@))
	@mkdir -p $(@D)
	$(Q)$(call need-cc)$(CC) $(CPPFLAGS) -D__ASSEMBLY__ -D__LINKER__ -E -P -x c \
		-MMD -MP -MF $@.d.raw -MT $@ -o $@ $<
	$(Q)$(fixdep) $@.d.raw $@ $(objtree)/include/config > $@.d && rm -f $@.d.raw
-include $(lds).d

# Linked to a temporary name and renamed: a failed link leaves no image.
$(objtree)/bulwark.elf: $(objs) $(lds)
	$(call say,LD,bulwark.elf)
	$(Q)$(LD) $(LDFLAGS) -T $(lds) -Map $(objtree)/bulwark.map -o $@.tmp $(objs) $(ARCH_LIBS)
	$(Q)mv -f $@.tmp $@

$(objtree)/bulwark.bin: $(objtree)/bulwark.elf
	$(call say,OBJCOPY,bulwark.bin)
	$(Q)$(OBJCOPY) -O binary $< $@.tmp
	$(Q)mv -f $@.tmp $@

# What the board's boot loader takes besides the raw image, from board.mk's
# BOOT_IMAGE: 'uimage' is a legacy U-Boot image for bootm (bulwark.uimg),
# loaded and entered at the link address. Written to a temporary name: a
# failed mkimage leaves none.
boot-images := $(if $(filter uimage,$(BOOT_IMAGE)),$(objtree)/bulwark.uimg) \
	$(if $(filter sbi-jump,$(BOOT_IMAGE)),$(objtree)/bulwark-sbi.bin)
MKIMAGE ?= mkimage
$(objtree)/bulwark.uimg: $(objtree)/bulwark.bin $(KCONFIG_CONFIG) $(wildcard $(board-dir)/board.mk)
	$(call say,MKIMAGE,bulwark.uimg)
	$(Q)command -v $(MKIMAGE) >/dev/null || { echo "$(BOARD): $(MKIMAGE) not found: install the \
Debian package u-boot-tools (tools/install-deps.sh does it), or set MKIMAGE=" >&2; exit 1; }
	$(Q)$(MKIMAGE) -A $(ARCH) -O linux -T kernel -C none -a $(CONFIG_HYP_LOAD_ADDR) \
		-e $(CONFIG_HYP_LOAD_ADDR) -n "Bulwark $(VERSION) $(BOARD)" -d $< $@.tmp >/dev/null
	$(Q)mv -f $@.tmp $@

# 'sbi-jump' (RISC-V) is one raw image for a first-stage loader that copies
# it to RAM at SBI_JUMP_BASE and enters it with the device tree in a1
# (CVA6's FPGA boot ROM): OpenSBI's generic fw_jump.bin from Debian's
# opensbi package, padded to its payload offset (FW_JUMP_OFFSET, 2 MiB on
# RV64), then bulwark.bin, which must be linked that far past SBI_JUMP_BASE.
SBI_FW_JUMP ?= /usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin
SBI_JUMP_OFFSET := 0x200000
$(objtree)/bulwark-sbi.bin: $(objtree)/bulwark.bin $(KCONFIG_CONFIG) $(wildcard $(board-dir)/board.mk)
	$(call say,SBI,bulwark-sbi.bin)
	$(Q)test -f $(SBI_FW_JUMP) || { echo "$(BOARD): $(SBI_FW_JUMP) not found: install the Debian \
package opensbi (tools/install-deps.sh does it), or set SBI_FW_JUMP=" >&2; exit 1; }
	$(Q)if [ $$(($(CONFIG_HYP_LOAD_ADDR) - $(SBI_JUMP_BASE))) -ne $$(($(SBI_JUMP_OFFSET))) ]; then \
		echo "$(BOARD): the hypervisor is linked at $(CONFIG_HYP_LOAD_ADDR), but fw_jump enters \
its payload $(SBI_JUMP_OFFSET) past SBI_JUMP_BASE ($(SBI_JUMP_BASE))" >&2; exit 1; fi
	$(Q)if [ $$(stat -c %s $(SBI_FW_JUMP)) -gt $$(($(SBI_JUMP_OFFSET))) ]; then \
		echo "$(BOARD): $(SBI_FW_JUMP) is larger than its payload offset $(SBI_JUMP_OFFSET)" >&2; \
		exit 1; fi
	$(Q)cp $(SBI_FW_JUMP) $@.tmp && chmod u+w $@.tmp && truncate -s $$(($(SBI_JUMP_OFFSET))) $@.tmp && \
		cat $< >> $@.tmp
	$(Q)mv -f $@.tmp $@

# Preloaded guests: boot.scr and bootdisk.img beside the image (tools/bootdisk.py),
# or neither when the layout embeds every file.
bootdisk-stamp := $(objtree)/generated/bootdisk.stamp
$(bootdisk-stamp): $(objtree)/bulwark.bin $(vmconf-stamp) $(srctree)/tools/bootdisk.py
	$(if $(wildcard $(bootdisk-manifest)),$(call say,DISK,bootdisk.img boot.scr))
	$(Q)$(PYTHON) $(srctree)/tools/bootdisk.py --manifest $(bootdisk-manifest) \
		--boot-cmd $(boot-cmd) --hypervisor $(objtree)/bulwark.bin \
		--out-scr $(objtree)/boot.scr --out-disk $(objtree)/bootdisk.img
	$(Q)touch $@

all: $(objtree)/bulwark.elf $(objtree)/bulwark.bin $(boot-images) $(bootdisk-stamp)
	@$(SIZE) $(objtree)/bulwark.elf | sed 's/^/  /'
.PHONY: all

vmconf-show: $(auto-conf-cmd) $(guest-images)
	$(call need-vmconf)
	$(Q)$(vmconf-tool) show $(vmconf-args) --out-svg $(objtree)/vmconf.svg
.PHONY: vmconf-show

include $(srctree)/tools/build/compdb.mk

bench:
	$(Q)$(bench-tool) $(BOARD)
.PHONY: bench
include $(srctree)/tools/build/run.mk

endif # CONFIG_BOARD
