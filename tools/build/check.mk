# SPDX-License-Identifier: Apache-2.0
# 'make check' and its parts. Tests build in their own directories under
# $(O)/check, so the configuration in $(O) is never touched.

check-runner = $(call need-python)$(PYTHON) $(srctree)/tools/check.py --objtree $(objtree)/check

check:
	$(Q)$(check-runner)

check-unit check-tools check-system check-lint:
	$(Q)$(check-runner) $(patsubst check-%,%,$@)

.PHONY: check check-unit check-tools check-system check-lint
