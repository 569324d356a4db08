# SPDX-License-Identifier: Apache-2.0
# Test guests built from tests/guests for this architecture, so that
# layouts can embed them (they refer to them as ${O}/guests/<name>-rv64.bin).
# The stamp stands for all of them: it is renewed when a guest source changes
# or when the board's GUEST_RAM_BASE or GUEST_BOARD_DEFINES (board.mk) do.

guest-sources := $(shell find $(srctree)/tests/guests -type f 2>/dev/null)
guest-images := $(objtree)/guests/.stamp

# GUEST_CACHE=dir builds them once per content in dir, shared by every
# build directory that names it (make check does: each system test's build
# would otherwise compile the same guests again), and copies them here.
GUEST_CACHE ?=

# A board whose RAM or devices are not where QEMU virt has them says so in
# its board.mk: GUEST_RAM_BASE (where the guests are linked: the base of a
# VM's first memory region), GUEST_BASES (<guest>=<base> for guests linked
# elsewhere: on an MPU board, where guest addresses are physical, each VM's
# guest runs where its RAM is), GUEST_UARTS (<guest>=<base> for guests that
# own a UART of their own), GUEST_BOARD_DEFINES (tests/guests/Makefile)
# and GUEST_ONLY (the guests its layouts use, when not all of them: boards
# QEMU cannot run, whose guests are only built).
# What the guests were last built with is kept outside guests/ (which the
# guest cache replaces whole).
guest-board-defines := $(objtree)/.guest-board-defines
guest-board-now := $(strip $(GUEST_RAM_BASE) $(GUEST_BASES) $(GUEST_UARTS) $(GUEST_BOARD_DEFINES) \
	$(GUEST_ONLY))
guest-board-was := $(if $(wildcard $(guest-board-defines)),$(file <$(guest-board-defines)),<none>)
ifneq ($(guest-board-now),$(strip $(guest-board-was)))
$(shell mkdir -p $(objtree))
$(file >$(guest-board-defines),$(guest-board-now))
endif

# New board values (addresses, link bases) rebuild every guest: the objects
# do not depend on them by themselves.
$(guest-images): $(guest-sources) $(guest-board-defines)
ifeq ($(GUEST_CACHE),)
	$(Q)$(if $(filter $(guest-board-defines),$?),rm -rf $(objtree)/guests)
	$(Q)$(call need-cc)$(MAKE) -f $(srctree)/tests/guests/Makefile \
		srctree=$(srctree) O=$(objtree)/guests GUEST_ARCH=$(ARCH_GUEST) \
		CROSS_COMPILE=$(CROSS_COMPILE) V=$(V) \
		GUEST_BOARD_DEFINES='$(GUEST_BOARD_DEFINES)' GUEST_RAM_BASE=$(GUEST_RAM_BASE) \
		GUEST_BASES='$(GUEST_BASES)' GUEST_UARTS='$(GUEST_UARTS)' \
		$(if $(GUEST_ONLY),guests-$(ARCH_GUEST)='$(GUEST_ONLY)')
else
	$(Q)$(call need-cc)MAKE='$(MAKE)' V=$(V) \
		GUEST_BOARD_DEFINES='$(GUEST_BOARD_DEFINES)' GUEST_RAM_BASE=$(GUEST_RAM_BASE) \
		GUEST_BASES='$(GUEST_BASES)' GUEST_UARTS='$(GUEST_UARTS)' GUEST_ONLY='$(GUEST_ONLY)' \
		$(srctree)/tools/build/guest-cache.sh \
		$(abspath $(GUEST_CACHE)) $(objtree)/guests $(ARCH_GUEST) $(CROSS_COMPILE)
endif
	@touch $@

guests: $(guest-images)
.PHONY: guests

# A layout that names ${O}/linux/... gets the Linux guest: Debian's kernel
# (arm64 on arm64 boards, armhf's armmp-lpae on arm boards) and an
# initramfs around busybox-static, assembled by tools/linux-guest/build.sh.
# LINUX_GUEST_CACHE=dir keeps the downloaded packages outside the build
# directory, to share them between builds.
linux-guest-sources := $(shell find $(srctree)/tools/linux-guest -type f 2>/dev/null)
linux-guest := $(objtree)/linux/.stamp
linux-guest-used := $(if $(wildcard $(vmconf-file)),$(shell grep -l '$${O}/linux/' $(vmconf-file)))

# LINUX_KERNEL=... picks its kernel (default: the one build.sh pins); the
# choice is recorded in $(O)/linux/.kernel, so changing it rebuilds the guest.
linux-kernel-name := $(objtree)/linux/.kernel
ifneq ($(linux-guest-used)$(filter linux-guest,$(MAKECMDGOALS)),)
linux-kernel-was := $(if $(wildcard $(linux-kernel-name)),$(file <$(linux-kernel-name)),<none>)
ifneq ($(strip $(LINUX_KERNEL)),$(strip $(linux-kernel-was)))
$(shell mkdir -p $(objtree)/linux)
$(file >$(linux-kernel-name),$(LINUX_KERNEL))
endif
endif

# The Debian architecture of the guest, after the board's.
linux-debian-arch-arm64 := arm64
linux-debian-arch-arm := armhf
linux-debian-arch := $(linux-debian-arch-$(ARCH))

$(linux-guest): $(linux-guest-sources) $(linux-kernel-name) $(filter /%,$(LINUX_KERNEL))
	$(if $(linux-debian-arch),,$(error the Linux guest (tools/linux-guest) is built for \
	arm64 and arm boards only; board $(BOARD) is $(ARCH)))
	$(Q)LINUX_GUEST_CACHE=$(LINUX_GUEST_CACHE) LINUX_KERNEL='$(LINUX_KERNEL)' \
		$(srctree)/tools/linux-guest/build.sh --arch $(linux-debian-arch) \
		$(objtree)/linux $(ARCH_CROSS_COMPILE)
	@touch $@

ifneq ($(linux-guest-used),)
guest-images += $(linux-guest)
endif

linux-guest: $(linux-guest)
.PHONY: linux-guest
