# SPDX-License-Identifier: Apache-2.0
# Finds a Python 3 interpreter that can import kconfiglib (Debian's
# python3-kconfiglib). 'make PYTHON=/path/to/python3' picks one by hand.

PYTHON := $(shell PYTHON='$(PYTHON)' $(srctree)/tools/build/find-python.sh)
export PYTHON

# Expands to nothing when Python is usable, and stops make otherwise.
need-python = $(if $(PYTHON),,$(error no Python 3 interpreter here can import kconfiglib: \
install it with 'sudo apt-get install python3-kconfiglib' (or run tools/install-deps.sh), \
or point PYTHON= at an interpreter that has it))
