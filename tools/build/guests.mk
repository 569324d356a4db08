# SPDX-License-Identifier: Apache-2.0
# Guest images built from tests/guests for this architecture, so that
# layouts can embed them (they refer to them as ${O}/guests/<name>.bin).

guest-sources := $(shell find $(srctree)/tests/guests -type f 2>/dev/null)
guest-images := $(objtree)/guests/hello-$(ARCH_GUEST).bin

$(guest-images) &: $(guest-sources)
	$(Q)$(call need-cc)$(MAKE) -f $(srctree)/tests/guests/Makefile \
		srctree=$(srctree) O=$(objtree)/guests GUEST_ARCH=$(ARCH_GUEST) \
		CROSS_COMPILE=$(CROSS_COMPILE) V=$(V)

guests: $(guest-images)
.PHONY: guests
