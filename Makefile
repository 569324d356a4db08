# SPDX-License-Identifier: Apache-2.0
#
# Bulwark build front end, Kbuild style. 'make help' lists what it can do.
# Directories list their objects in small Makefile fragments
# (obj-y += x.o, obj-$(CONFIG_FOO) += foo.o, obj-y += subdir/); this file
# walks them and never names a source file itself.

VERSION := 0.1.0

MAKEFLAGS += --no-builtin-rules --no-builtin-variables --no-print-directory
.SUFFIXES:
.DELETE_ON_ERROR:
.DEFAULT_GOAL := all

srctree := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
O ?= build
objtree := $(abspath $(O))
export srctree objtree

# How the user runs make for this build directory, for messages: 'make' in
# the tree or in the build directory (its generated Makefile sets O), and
# 'make O=...' when O was given on the command line.
make-hint := make$(if $(filter command line,$(origin O)), O=$(O))

# Board directories may live outside the tree (vendor boards). BOARD_ROOT
# given when configuring is remembered in the build directory (.board_root,
# written by tools/kconfig), so later goals there need not repeat it;
# BOARD_ROOT= (empty) forgets it.
ifeq ($(origin BOARD_ROOT),undefined)
BOARD_ROOT := $(if $(wildcard $(objtree)/.board_root),$(strip $(file <$(objtree)/.board_root)))
endif
override BOARD_ROOT := $(if $(BOARD_ROOT),$(abspath $(BOARD_ROOT)))

# Quiet by default; V=1 shows every command.
V ?= 0
ifeq ($(V),1)
Q :=
say :=
else
Q := @
say = @printf '  %-8s %s\n' '$(1)' '$(2)';
endif

comma := ,
empty :=
space := $(empty) $(empty)

include $(srctree)/tools/build/python.mk

# ---------------------------------------------------------------------------
# Goals that need no configuration, goals that write one, and the rest.

config-goals := menuconfig oldconfig olddefconfig savedefconfig listnewconfig \
	%_defconfig %.config
noconfig-goals := help clean distclean check check-% bench-all cppcheck \
	format format-check diffconfig board-facts board-from-dtb
config-in-goals := $(filter $(config-goals),$(MAKECMDGOALS))
other-goals := $(filter-out $(config-goals) $(noconfig-goals),$(MAKECMDGOALS))

# 'make foo_defconfig all' runs the goals one after the other.
ifneq ($(config-in-goals),)
ifneq ($(filter-out $(config-goals),$(MAKECMDGOALS)),)
sequential := 1
endif
endif

ifeq ($(sequential),1)
$(MAKECMDGOALS): run-goals-in-order ; @:
run-goals-in-order:
	$(Q)set -e; for goal in $(MAKECMDGOALS); do \
		case $$goal in *_defconfig) extra=;; *) extra=EXTRA_CONFIG=;; esac; \
		O='$(O)' $(MAKE) -f $(srctree)/Makefile $$goal $$extra; done
.PHONY: run-goals-in-order
else

KCONFIG_CONFIG := $(objtree)/.config
kconfig-env := srctree=$(srctree) KCONFIG_CONFIG=$(KCONFIG_CONFIG) \
	BOARD_ROOT=$(BOARD_ROOT) BULWARK_VERSION=$(VERSION) MAKE_HINT='$(make-hint)'
kconfig = $(call need-python) $(kconfig-env) $(PYTHON) $(srctree)/tools/kconfig/kconfig.py

config-dirs := $(srctree)/configs $(if $(BOARD_ROOT),$(BOARD_ROOT)/configs)
defconfigs := $(sort $(notdir $(wildcard $(addsuffix /*_defconfig,$(config-dirs)))))
fragments := $(sort $(notdir $(wildcard $(addsuffix /*.config,$(config-dirs)))))
find-config = $(firstword $(wildcard $(addsuffix /$(1),$(config-dirs))))

# ---------------------------------------------------------------------------
# Configuration goals

$(objtree):
	$(Q)mkdir -p $@

# EXTRA_CONFIG="a.config dir/b.config": fragments (any path) merged right
# after a defconfig, judged in the same strict run.
EXTRA_CONFIG ?=
extra-configs := $(abspath $(EXTRA_CONFIG))
$(foreach f,$(extra-configs),$(if $(wildcard $(f)),,$(error EXTRA_CONFIG: $(f): no such fragment)))
ifneq ($(extra-configs),)
ifeq ($(filter %_defconfig,$(MAKECMDGOALS)),)
$(error EXTRA_CONFIG is merged after a defconfig: run '$(make-hint) <board>_defconfig \
EXTRA_CONFIG=...', or '$(make-hint) path/to/fragment.config' to merge one into this configuration)
endif
endif

$(defconfigs): %_defconfig: | $(objtree)
	$(call say,DEFCONFIG,$(call find-config,$@))
	$(Q)$(if $(Q),$(foreach f,$(extra-configs),printf '  %-8s %s\n' MERGE '$(f)';)) \
		$(kconfig) defconfig $(call find-config,$@) $(extra-configs)

$(fragments): %.config: | $(objtree)
	$(call say,MERGE,$(call find-config,$@))
	$(Q)$(kconfig) merge $(call find-config,$@)

# A fragment may also be named by its path ('make ../vendor/my.config'):
# any goal ending in .config that names an existing file.
path-fragments := $(filter-out $(fragments),$(foreach g,$(filter %.config,$(MAKECMDGOALS)),\
	$(if $(wildcard $(g)),$(g))))
$(path-fragments): | $(objtree)
	$(call say,MERGE,$(abspath $@))
	$(Q)$(kconfig) merge $(abspath $@)

unknown-configs := $(filter-out $(defconfigs) $(fragments) $(path-fragments),\
	$(filter %_defconfig %.config,$(MAKECMDGOALS)))
ifneq ($(unknown-configs),)
$(error unknown configuration '$(firstword $(unknown-configs))': 'make help' lists the \
defconfigs and fragments$(if $(BOARD_ROOT),, (out-of-tree boards need BOARD_ROOT=<dir>)))
endif

menuconfig oldconfig: | $(objtree)
	$(Q)cd $(objtree) && $(kconfig) $@

olddefconfig listnewconfig:
	$(Q)$(kconfig) $@

savedefconfig:
	$(Q)$(kconfig) savedefconfig $(objtree)/defconfig

# What the last configuration step changed (.config.old is the .config it
# replaced), or the difference with DIFFCONFIG_OLD=<file>.
DIFFCONFIG_OLD ?= $(KCONFIG_CONFIG).old
diffconfig:
	$(Q)$(call need-python)$(PYTHON) $(srctree)/tools/kconfig/diffconfig.py \
		$(DIFFCONFIG_OLD) $(KCONFIG_CONFIG)

.PHONY: diffconfig menuconfig oldconfig olddefconfig listnewconfig savedefconfig \
	$(defconfigs) $(fragments) $(path-fragments)

# ---------------------------------------------------------------------------
# Goals that need no configuration

include $(srctree)/tools/build/help.mk
include $(srctree)/tools/build/check.mk
include $(srctree)/tools/build/bench.mk
include $(srctree)/tools/build/boards.mk

clean:
	$(call say,CLEAN,$(objtree))
	$(Q)if [ -d $(objtree) ]; then cd $(objtree) && find . -mindepth 1 -maxdepth 1 \
		! -name .config ! -name defconfig ! -name include ! -name .board_root \
		! -name .gitignore ! -name Makefile -exec rm -rf {} +; \
		rm -rf include/generated/vmconf* include/generated/board.h; fi

distclean:
	$(call say,CLEAN,$(objtree) (everything))
	$(Q)rm -rf $(objtree)

.PHONY: clean distclean

# ---------------------------------------------------------------------------
# Everything else builds from the configuration.

ifneq ($(filter-out $(noconfig-goals) $(config-goals),$(or $(MAKECMDGOALS),all)),)
ifeq ($(wildcard $(KCONFIG_CONFIG)),)
$(error no configuration in $(objtree): run '$(make-hint) <board>_defconfig' first \
(defconfigs: $(defconfigs); '$(make-hint) help' lists them all))
endif
include $(srctree)/tools/build/build.mk
endif

endif # sequential
