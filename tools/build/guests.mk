# SPDX-License-Identifier: Apache-2.0
# Test guests built from tests/guests for this architecture, so that
# layouts can embed them (they refer to them as ${O}/guests/<name>-rv64.bin).
# The stamp stands for all of them: it is renewed when a guest source changes.

guest-sources := $(shell find $(srctree)/tests/guests -type f 2>/dev/null)
guest-images := $(objtree)/guests/.stamp

$(guest-images): $(guest-sources)
	$(Q)$(call need-cc)$(MAKE) -f $(srctree)/tests/guests/Makefile \
		srctree=$(srctree) O=$(objtree)/guests GUEST_ARCH=$(ARCH_GUEST) \
		CROSS_COMPILE=$(CROSS_COMPILE) V=$(V)
	@touch $@

guests: $(guest-images)
.PHONY: guests
