# SPDX-License-Identifier: Apache-2.0
"""Only what builds is offered: every alternative that menuconfig shows in a
choice, and every board it accepts, either builds or stops with the one
'not implemented yet' message before anything is compiled."""

import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor

from bulwark_test import SRCTREE, make

sys.path.insert(0, str(SRCTREE / "tools" / "kconfig"))

import boards  # noqa: E402
import strict  # noqa: E402

NOT_IMPLEMENTED = re.compile(r"^\S+: \*\*\* (\S+): .* is not implemented yet\b.*Stop\.$")
# What a build may print besides the message: make's directory notes, the
# quiet one-line steps and the image size table.
QUIET = re.compile(r"^(make(\[\d+\])?: (Entering|Leaving) directory .*"
                   r"|  [A-Z]+ +\S.*"
                   r"|\s+text\s+data\s+bss\s+dec\s+hex\s+filename"
                   r"|\s+\d+\s+\d+\s+\d+\s+\d+\s+[0-9a-f]+\s+\S+)$")


def load_kconfig(tmp_path):
    """The Kconfig tree with its generated board list, as make reads it.
    The environment it needs is set for the parse only: a BOARD_ROOT left
    in this process's environment would reach the make runs of the tests
    that come after it on the same pytest worker."""
    saved = dict(os.environ)
    os.environ["srctree"] = str(SRCTREE)
    os.environ.setdefault("BOARD_ROOT", "")
    os.environ.setdefault("BULWARK_VERSION", "test")
    try:
        return boards.load_kconfig(tmp_path, warn=False)
    finally:
        os.environ.clear()
        os.environ.update(saved)


def full_config(kconf, scratch):
    """The whole configuration as text, which identifies what gets built."""
    kconf.write_config(str(scratch), header="", save_old=False)
    return scratch.read_text()


def starting_points(kconf, tmp_path):
    """Shipped defconfigs, and a bare CONFIG_BOARD for every board that has
    none (menuconfig accepts any board name the tree knows)."""
    points = sorted(str(p) for p in (SRCTREE / "configs").glob("*_defconfig"))
    shipped = set()
    for path in points:
        boards.load_config(kconf, path)
        shipped.add(kconf.syms["BOARD"].str_value)
    for board in strict.known_boards(kconf):
        if board not in shipped:
            path = tmp_path / f"{board}.start"
            path.write_text(f'CONFIG_BOARD="{board}"\n')
            points.append(str(path))
    return points


def variants(tmp_path):
    """{configuration text: what it is} for every starting point with each
    visible alternative of each visible choice selected in turn. The board
    list is a choice too, but every board already is a starting point of its
    own: switching the board under another board's defconfig is not tried.

    An alternative is built once per kind of board it can meet (exercised()):
    the code it switches on depends on the architecture, the memory back
    end, the console driver and the interrupt controller, not on a board's
    addresses, which each board's own configuration already builds. So the
    console passed through is built once on the Cadence UART, not on each
    of the three Zynq UltraScale+ boards. The QEMU boards' shipped
    defconfigs are left to the system tests, which build and boot them."""
    kconf = load_kconfig(tmp_path)
    scratch = tmp_path / "scratch.config"
    found = {}
    tried = set()
    booted = set()
    for start in starting_points(kconf, tmp_path):
        boards.load_config(kconf, start)
        board = kconf.syms["BOARD"].str_value
        # A QEMU board's shipped defconfig is built and booted by the system tests.
        base = full_config(kconf, scratch)
        if start.endswith(f"configs/{board}_defconfig") and runs_under_qemu(board):
            booted.add(base)
        else:
            found.setdefault(base, f"{board} as configured")
        offered = [(choice.name, sym.name) for choice in kconf.unique_choices
                   if choice.visibility and choice.name != boards.CHOICE
                   for sym in choice.syms if sym.visibility]
        for choice_name, sym_name in offered:
            boards.load_config(kconf, start)
            kconf.syms[sym_name].set_value(2)
            assert kconf.syms[sym_name].tri_value == 2, sym_name
            key = (choice_name, sym_name, exercised(kconf))
            if key in tried:
                continue
            tried.add(key)
            config = full_config(kconf, scratch)
            if config not in booted:
                found.setdefault(config, f"{board} with {choice_name}={sym_name}")
    return found


def runs_under_qemu(board):
    """Whether QEMU runs the board (its board.mk names a QEMU_SYSTEM)."""
    mk = SRCTREE / "boards" / board / "board.mk"
    return mk.is_file() and re.search(r"^QEMU_SYSTEM[ \t]*:?=[ \t]*\S", mk.read_text(), re.M) is not None


def exercised(kconf):
    """What decides the code a configuration compiles, besides its board's facts: the
    architecture, MMU or MPU, and the console and interrupt-controller drivers."""
    chosen = {c.name: c.selection.name for c in kconf.unique_choices
              if c.name in ("SERIAL", "IRQCHIP") and c.selection is not None}
    return (kconf.syms["ARCH"].str_value, kconf.syms["MPU"].str_value,
            kconf.syms["64BIT"].str_value, chosen.get("SERIAL"), chosen.get("IRQCHIP"))


def build(out, config):
    """Configures OUT with CONFIG and builds it (again: OUT may hold the build
    of another configuration of the same board, see by_board)."""
    out.mkdir(exist_ok=True)
    (out / ".config").write_text(config)
    res = make("olddefconfig", O=out)
    if res.returncode != 0:
        return res
    return make(O=out)


def by_board(jobs):
    """JOBS ((configuration, what) pairs) in one list per board, the board as
    configured first. The configurations of a board are built one after the
    other in one build directory: make follows each change of the
    configuration as it does after menuconfig (every object that uses a
    changed symbol, or is new to the object lists, is compiled again, and
    everything when the flags change; test_build.py checks that), so each
    configuration is still compiled and linked whole, but the objects the
    change does not touch are compiled once per board instead of once per
    configuration."""
    boards = {}
    for job in jobs:
        boards.setdefault(job[1].split()[0], []).append(job)
    return [sorted(group, key=lambda job: not job[1].endswith(" as configured"))
            for group in boards.values()]


def build_board(tmp_path, index, group):
    """Builds each configuration of GROUP in one directory; [(what, result)]."""
    out = tmp_path / f"build{index}"
    return [(what, build(out, config)) for config, what in group]


def verdict(what, res):
    """None when RES is a good outcome for WHAT, or why it is not."""
    lines = res.out.splitlines()
    noise = [line for line in lines if not QUIET.match(line) and not NOT_IMPLEMENTED.match(line)]
    messages = [line for line in lines if NOT_IMPLEMENTED.match(line)]
    if res.returncode == 0 and not messages and not noise:
        return None
    if res.returncode != 0 and len(messages) == 1 and not noise:
        board = NOT_IMPLEMENTED.match(messages[0]).group(1)
        if what.startswith(board + " ") and not re.search(r"^  (CC|AS|LD) ", res.out, re.M):
            return None
    return f"{what}: exit {res.returncode}\n" + "\n".join(lines[-25:])


def test_every_offered_choice_builds_or_says_not_implemented(tmp_path):
    found = variants(tmp_path)
    assert any("IRQCHIP=" in what for what in found.values())
    jobs = list(found.items())
    groups = by_board(jobs)
    # The largest groups first, so that the two builders end together.
    groups.sort(key=len, reverse=True)
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = [r for group in pool.map(lambda job: build_board(tmp_path, *job),
                                           enumerate(groups)) for r in group]
    assert len(results) == len(jobs)
    bad = [why for what, res in results if (why := verdict(what, res)) is not None]
    assert not bad, f"{len(bad)} of {len(jobs)} configurations:\n\n" + "\n\n".join(bad)


def config_only_board(tmp_path):
    """An out-of-tree board that this tree describes but cannot build. Every
    in-tree board builds now, so the board adds its own NOT_IMPLEMENTED
    default (arch/Kconfig), as a piece a board needs would."""
    vendor = tmp_path / "vendor"
    board = vendor / "boards" / "r82_demo"
    board.mkdir(parents=True)
    (board / "Kconfig.board").write_text(
        'config BOARD_R82_DEMO\n\tdef_bool BOARD = "r82_demo"\n\tselect ARCH_ARM64\n'
        '\tselect ARM_PROFILE_R\n\tselect HAS_MPU\n\tselect HAS_GICV3\n'
        '\tselect HAS_UART_PL011\n\nconfig BOARD_NR_CPUS\n\tdefault 1 if BOARD_R82_DEMO\n\n'
        'config NOT_IMPLEMENTED\n\tdefault "the R82 demo\'s DSU interrupt routing is not '
        'implemented yet" if BOARD_R82_DEMO\n')
    return vendor


def test_not_implemented_stops_before_compiling(tmp_path):
    """A configuration-only board says so once, names itself, and leaves no
    objects; asking again says the same (nothing stale is kept)."""
    vendor = config_only_board(tmp_path)
    out = tmp_path / "r82"
    out.mkdir()
    (out / ".config").write_text('CONFIG_BOARD="r82_demo"\n')
    assert make(f"BOARD_ROOT={vendor}", "olddefconfig", O=out).returncode == 0
    for _ in range(2):
        res = make(O=out)
        assert res.returncode != 0
        assert verdict("r82_demo as configured", res) is None, res
        assert "the R82 demo's DSU interrupt routing" in res.out
        assert not list(out.rglob("*.o"))


def test_switching_back_to_a_building_board(tmp_path):
    """A stale configuration that could not build does not block one that can."""
    vendor = config_only_board(tmp_path)
    out = tmp_path / "switch"
    out.mkdir()
    (out / ".config").write_text('CONFIG_BOARD="r82_demo"\n')
    make(f"BOARD_ROOT={vendor}", "olddefconfig", O=out)
    assert make(O=out).returncode != 0
    res = make("BOARD_ROOT=", "qemu_rv64_defconfig", O=out)
    assert res.returncode == 0, res
    res = make("vmconf-show", O=out)
    assert res.returncode == 0, res
