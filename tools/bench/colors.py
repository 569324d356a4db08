# SPDX-License-Identifier: Apache-2.0
"""Cache-color collisions between the real-time VM and the Linux VM, with coloring off and on.

Where a page lives decides which cache sets it uses (its color); two VMs
can evict each other's lines only in the colors they both have. The count
is read off the placement tools/vmconf computes, which is where the
hypervisor maps every page (tests/system/test_colors.py checks that from
the tables themselves). QEMU models no cache, so this counts the pages
exposed to the neighbour, not the time they would lose: benchmarks.md says
how to measure that on hardware.
"""

import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                "vmconf"))
from vmconflib.pipeline import build as vmconf_build  # noqa: E402


POOL_PAGES = 256


def colored_layout(text, colors):
    """The layout with colors = [...] added to each VM named in colors (name -> 'a-b')."""
    for name, spec in colors.items():
        text, n = re.subn(r'^(vm %s \{\n)' % re.escape(name),
                          r'\g<1>    colors = [%s]\n' % spec, text, flags=re.M)
        if n != 1:
            raise ValueError("no vm '%s' block in the layout" % name)
    return text


def _pages_colors(vm, board):
    """The color of every page of the VM's memory regions (not its shared memory)."""
    out = []
    for region in vm.regions:
        for start, end in region.runs:
            for pa in range(start, end, board.page_size):
                out.append(pa // board.color_size % board.colors)
    return out


def collisions(srctree, layout, board_dir, config, objtree, rt, other):
    """Pages of rt, how many have a color other's memory has too, and the colors each takes."""
    system = vmconf_build(layout, board_dir, config, srctree, objtree)
    board = system.board
    if not board.colors:
        return None
    vms = {vm.name: vm for vm in system.layout.vms}
    theirs = set(_pages_colors(vms[other], board))
    mine = _pages_colors(vms[rt], board)
    return {"pages": len(mine), "colliding": sum(1 for c in mine if c in theirs),
            "rt_colors": len(set(mine)), "other_colors": len(theirs), "colors": board.colors}


def measure(srctree, board, objtree, layout, rt="rt", other="linux"):
    """Collisions with the layout as shipped, then with rt given 2 colors and other the rest.

    objtree is a build of the layout (its .config, and the guest files the layout names)."""
    board_dir = os.path.join(srctree, "boards", board)
    config = os.path.join(objtree, ".config")
    with open(config) as f:
        text = f.read()
    on_config = os.path.join(objtree, "bench-coloring.config")
    # A colored region is mapped page by page: 256 MiB of Linux takes 132 table pages.
    text = re.sub(r"^(# )?CONFIG_(CACHE_COLORING|ARM64_STAGE2_POOL_PAGES|RISCV_GSTAGE_POOL_PAGES)"
                  r"\b.*\n", "", text, flags=re.M)
    with open(on_config, "w") as f:
        f.write(text + "CONFIG_CACHE_COLORING=y\nCONFIG_ARM64_STAGE2_POOL_PAGES=%d\n"
                "CONFIG_RISCV_GSTAGE_POOL_PAGES=%d\n" % (POOL_PAGES, POOL_PAGES))
    off = collisions(srctree, layout, board_dir, config, objtree, rt, other)
    if off is None:
        return {"note": "the board declares no cache (board.hw): no colors"}
    with open(layout) as f:
        colored = colored_layout(f.read(), {rt: "0-1", other: "2-%d" % (off["colors"] - 1)})
    on_layout = os.path.join(objtree, "bench-colored.vmconf")
    with open(on_layout, "w") as f:
        f.write(colored)
    on = collisions(srctree, on_layout, board_dir, on_config, objtree, rt, other)
    return {"rt": rt, "other": other, "off": off, "on": on}
