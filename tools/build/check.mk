# SPDX-License-Identifier: Apache-2.0
# 'make check' and its parts. Tests build in their own directories under
# $(O)/check, so the configuration in $(O) is never touched.
#   TESTS="a b"   only these: pytest paths or node ids, unit tests (test_vgic)
#   BOARDS="b"    only the tests of these boards (and those of no board)

check-runner = $(call need-python)$(PYTHON) $(srctree)/tools/check.py --objtree $(objtree)/check \
	$(if $(TESTS),--tests '$(TESTS)') $(if $(BOARDS),--boards '$(BOARDS)')

check:
	$(Q)$(check-runner)

check-quick:
	$(Q)$(check-runner) --quick

check-unit check-tools check-system check-lint:
	$(Q)$(check-runner) $(patsubst check-%,%,$@)

.PHONY: check check-quick check-unit check-tools check-system check-lint
