# SPDX-License-Identifier: Apache-2.0
# Finds a Python 3 interpreter that can import kconfiglib (Debian's
# python3-kconfiglib). 'make PYTHON=/path/to/python3' picks one by hand: that
# one is checked the same way and, when it cannot serve, make stops with a
# message instead of running it (no traceback from a missing module).

python-given := $(if $(filter command line,$(origin PYTHON)),$(PYTHON))
override PYTHON := $(shell PYTHON='$(PYTHON)' PYTHON_ONLY='$(if $(python-given),1)' \
	$(srctree)/tools/build/find-python.sh)
export PYTHON

# Expands to nothing when Python is usable, and stops make otherwise.
need-python = $(if $(PYTHON),,$(error $(if $(python-given),PYTHON=$(python-given) \
cannot be used: it is not a Python 3.9 or later that can import kconfiglib (install \
python3-kconfiglib for it or leave PYTHON unset to use the default),no Python 3 \
interpreter here can import kconfiglib: install it with 'sudo apt-get install \
python3-kconfiglib' (or run tools/install-deps.sh), or point PYTHON= at an interpreter \
that has it)))
