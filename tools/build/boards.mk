# SPDX-License-Identifier: Apache-2.0
# 'make board-facts' and 'make board-from-dtb': boards' hardware facts against
# vendor device trees (tools/boardfacts, Documentation/boards.md).

# Debian's DTBs are fetched once into this cache (outside the source tree by
# default: the build directory).
BOARD_DTB_CACHE ?= $(objtree)/board-dtbs
boardfacts := $(srctree)/tools/boardfacts

# Every board of the tree, and of BOARD_ROOT when one is given (BOARD_DIRS= names others).
BOARD_DIRS ?= $(if $(BOARD_ROOT),$(patsubst %/board.hw,%,$(wildcard $(srctree)/boards/*/board.hw \
	$(BOARD_ROOT)/boards/*/board.hw)))
board-facts:
	$(Q)dir=$$($(boardfacts)/fetch-dtbs.sh $(BOARD_DTB_CACHE)) && \
		$(PYTHON) $(boardfacts)/boardfacts.py check -v --dtb-dir "$$dir" $(BOARD_DIRS)

# make board-from-dtb DTB=path/to/board.dtb BOARD=name [BOARD_DIR=dir]
board-from-dtb:
	$(Q)if [ -z '$(DTB)' ] || [ -z '$(BOARD)' ]; then \
		echo 'usage: make board-from-dtb DTB=<file.dtb> BOARD=<name> [BOARD_DIR=<dir>]' >&2; \
		exit 2; fi
	$(Q)mkdir -p $(or $(BOARD_DIR),boards/$(BOARD))
	$(Q)$(PYTHON) $(boardfacts)/boardfacts.py draft '$(DTB)' '$(BOARD)' \
		-o $(or $(BOARD_DIR),boards/$(BOARD))/board.hw
	$(call say,DRAFT,$(or $(BOARD_DIR),boards/$(BOARD))/board.hw (from $(notdir $(DTB))))

.PHONY: board-facts board-from-dtb
