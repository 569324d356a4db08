# SPDX-License-Identifier: Apache-2.0
# Runs the stages in order: config, board, layout, checks, allocation; returns the finished model.

import os

from .alloc import allocate_layout
from .board import apply_config, load_board
from .checks import check_layout
from .config import parse_config
from .errors import Collector, TooManyErrors
from .images import number_images
from .layout import load_layout
from .mpu import check_identity
from .pgtables import check_tables
from .vdev import check_virtual_irqs


class System:
    """A checked layout on its board, with physical addresses assigned."""

    def __init__(self, layout, board, config, alloc, source):
        self.layout = layout
        self.board = board
        self.config = config
        self.alloc = alloc
        self.source = source


def source_name(layout_path, srctree):
    """The layout path as given, or relative to srctree when it lies inside it."""
    path = os.path.abspath(layout_path)
    tree = os.path.abspath(srctree)
    if os.path.commonpath([path, tree]) == tree:
        return os.path.relpath(path, tree)
    return layout_path


def build(layout_path, board_dir, config_path, srctree, objtree):
    """Loads and checks everything; raises VmconfError (an ErrorList when there are several).

    The .config and the board stop at their first problem; the layout is checked
    whole, each independent mistake reported once (up to MAX_ERRORS), and nothing
    is allocated or generated unless it passed."""
    config = parse_config(config_path)
    board = load_board(os.path.join(board_dir, 'board.hw'))
    apply_config(board, config)
    errors = Collector()
    try:
        layout = load_layout(layout_path, srctree, objtree, errors)
        check_layout(layout, board, config, errors)
        check_virtual_irqs(layout, board, config, errors)
        errors.raise_if_any()
        if board.mode == 'mpu':
            check_identity(layout, errors)
            errors.raise_if_any()
        alloc = allocate_layout(layout, board)
        check_tables(layout, board, config, errors)
        errors.raise_if_any()
    except TooManyErrors as stop:
        raise stop.errors from None
    number_images(layout)
    return System(layout, board, config, alloc, source_name(layout_path, srctree))
