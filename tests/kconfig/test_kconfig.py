# SPDX-License-Identifier: Apache-2.0
"""The Kconfig front end: defconfigs, fragments, strict mode, savedefconfig."""

import os
import re
import subprocess

import pytest

from bulwark_test import SRCTREE, make, make_ok

DEFCONFIGS = sorted(p.name for p in (SRCTREE / "configs").glob("*_defconfig"))
FRAGMENTS = sorted(p.name for p in (SRCTREE / "configs").glob("*.config"))
# The tree's boards (a directory under boards/ with a Kconfig.board), as the messages list them.
TREE_BOARDS = sorted(p.parent.name for p in (SRCTREE / "boards").glob("*/Kconfig.board"))
KNOWN_BOARDS = ", ".join(TREE_BOARDS)


def config_of(out):
    values = {}
    for line in (out / ".config").read_text().splitlines():
        m = re.match(r"CONFIG_(\w+)=(.*)", line)
        if m:
            values[m.group(1)] = m.group(2)
        m = re.match(r"# CONFIG_(\w+) is not set", line)
        if m:
            values[m.group(1)] = "n"
    return values


def clean_env():
    env = dict(os.environ)
    env.pop("MAKEFLAGS", None)
    env.pop("MAKELEVEL", None)
    return env


def test_there_are_defconfigs():
    assert "qemu_rv64_defconfig" in DEFCONFIGS


@pytest.mark.parametrize("defconfig", DEFCONFIGS)
def test_savedefconfig_round_trip(tmp_path, defconfig):
    make_ok(defconfig, O=tmp_path)
    make_ok("savedefconfig", O=tmp_path)
    assert (tmp_path / "defconfig").read_bytes() == (SRCTREE / "configs" / defconfig).read_bytes()


def test_defconfig_sets_board_facts(tmp_path):
    make_ok("qemu_rv64_defconfig", O=tmp_path)
    cfg = config_of(tmp_path)
    assert cfg["BOARD_QEMU_RV64"] == "y"
    assert cfg["ARCH"] == '"riscv"'
    assert cfg["HAS_PLIC"] == "y"
    assert cfg["IRQCHIP_PLIC"] == "y"
    assert cfg["MMU"] == "y"
    assert cfg["NR_CPUS"] == "4"
    assert "HAS_GICV3" not in cfg


@pytest.mark.parametrize("fragment", FRAGMENTS)
def test_every_fragment_merges(tmp_path, fragment):
    """Each fragment applies cleanly on top of at least one shipped defconfig."""
    wanted = {}
    for line in (SRCTREE / "configs" / fragment).read_text().splitlines():
        m = re.match(r"CONFIG_(\w+)=(.*)", line)
        if m:
            wanted[m.group(1)] = m.group(2)
    outcomes = []
    for defconfig in DEFCONFIGS:
        out = tmp_path / defconfig
        make_ok(defconfig, O=out)
        res = make(fragment, O=out)
        outcomes.append(f"{defconfig}: {res.out.strip()}")
        if res.returncode == 0:
            assert "MERGE" in res.out
            cfg = config_of(out)
            assert all(cfg[k] == v for k, v in wanted.items()), cfg
            return
    pytest.fail("no defconfig takes the fragment:\n" + "\n".join(outcomes))


def test_defconfig_and_fragment_in_one_command(tmp_path):
    make_ok("qemu_rv64_defconfig", "debug.config", O=tmp_path)
    cfg = config_of(tmp_path)
    assert cfg["DEBUG"] == "y" and cfg["LOG_LEVEL"] == "3"


def vendor_defconfig(tmp_path, text, with_board=False):
    """A BOARD_ROOT holding one defconfig with TEXT, for strict-mode tests; WITH_BOARD, also
    a board of its own, vendor_soc, whose DMA engine option depends on a piece not
    implemented yet (every in-tree option is implemented now)."""
    root = tmp_path / "vendor"
    (root / "configs").mkdir(parents=True)
    (root / "configs" / "broken_defconfig").write_text(text)
    if not with_board:
        return root, root / "configs" / "broken_defconfig"
    board = root / "boards" / "vendor_soc"
    board.mkdir(parents=True)
    (board / "Kconfig.board").write_text(
        'config BOARD_VENDOR_SOC\n\tdef_bool BOARD = "vendor_soc"\n\tselect ARCH_RISCV\n'
        '\tselect 64BIT\n\tselect HAS_MMU\n\tselect HAS_PLIC\n\tselect HAS_UART_NS16550\n\n'
        'config VENDOR_DMA_IMPLEMENTED\n\tdef_bool n\n\n'
        'config VENDOR_DMA\n\tbool "The SoC\'s DMA engine"\n'
        '\tdepends on BOARD_VENDOR_SOC && VENDOR_DMA_IMPLEMENTED\n')
    return root, root / "configs" / "broken_defconfig"


STRICT_CASES = [
    ("undefined", 'CONFIG_BOARD="qemu_rv64"\nCONFIG_NO_SUCH_THING=y\n',
     "{f}:2: error: CONFIG_NO_SUCH_THING: undefined symbol"),
    ("unmet", 'CONFIG_BOARD="qemu_rv64"\nCONFIG_IRQCHIP_GICV3=y\n',
     "{f}:2: error: CONFIG_IRQCHIP_GICV3=y did not take: unmet dependencies: "
     "depends on HAS_GICV3"),
    ("not-implemented", 'CONFIG_BOARD="vendor_soc"\nCONFIG_VENDOR_DMA=y\n',
     "{f}:2: error: CONFIG_VENDOR_DMA=y did not take: not implemented yet "
     "(VENDOR_DMA_IMPLEMENTED is n); depends on BOARD_VENDOR_SOC && VENDOR_DMA_IMPLEMENTED"),
    ("range", 'CONFIG_BOARD="qemu_rv64"\nCONFIG_LOG_LEVEL=7\n',
     "{f}:2: error: CONFIG_LOG_LEVEL=7 did not take: 7 is out of range [0, 3]"),
    ("type-int", 'CONFIG_BOARD="qemu_rv64"\nCONFIG_MAX_VMS=lots\n',
     "{f}:2: error: CONFIG_MAX_VMS: expects a decimal integer, got 'lots'"),
    ("type-bool", 'CONFIG_BOARD="qemu_rv64"\nCONFIG_DEBUG=yes\n',
     "{f}:2: error: CONFIG_DEBUG: expects y or n for a bool, got 'yes'"),
    ("type-string", 'CONFIG_BOARD=qemu_rv64\n',
     "{f}:1: error: CONFIG_BOARD: expects a quoted string, got qemu_rv64"),
    ("type-hex", 'CONFIG_BOARD="qemu_rv64"\nCONFIG_HYP_LOAD_ADDR=0xzz\n',
     "{f}:2: error: CONFIG_HYP_LOAD_ADDR: expects a hexadecimal number, got '0xzz'"),
    ("promptless", 'CONFIG_BOARD="qemu_rv64"\nCONFIG_HAS_GICV2=y\n',
     "{f}:2: error: CONFIG_HAS_GICV2=y did not take: has no prompt and cannot be set "
     "by assignment: it is a fact selected by the board or derived from other options"),
    ("coloring-needs-mmu", 'CONFIG_BOARD="mps3_an536"\nCONFIG_CACHE_COLORING=y\n',
     "{f}:2: error: CONFIG_CACHE_COLORING=y did not take: unmet dependencies: "
     "depends on MMU"),
    ("twice", 'CONFIG_BOARD="qemu_rv64"\nCONFIG_DEBUG=y\nCONFIG_DEBUG=n\n',
     "{f}:3: error: CONFIG_DEBUG: assigned twice (first on line 2)"),
    ("malformed", 'CONFIG_BOARD="qemu_rv64"\nDEBUG=y\n',
     "{f}:2: error: malformed line 'DEBUG=y': expected CONFIG_NAME=value or "
     "'# CONFIG_NAME is not set'"),
    ("unknown-board", 'CONFIG_BOARD="nosuchboard"\n',
     "{f}:1: error: CONFIG_BOARD: unknown board 'nosuchboard'; known boards: "
     f"{KNOWN_BOARDS} (out-of-tree boards need BOARD_ROOT=<dir>)"),
    ("no-board", 'CONFIG_DEBUG=y\n',
     "{f}: error: CONFIG_BOARD: no board selected; known boards: "
     f"{KNOWN_BOARDS} (out-of-tree boards need BOARD_ROOT=<dir>)"),
]


@pytest.mark.parametrize("name,text,expected", STRICT_CASES, ids=[c[0] for c in STRICT_CASES])
def test_strict_mode(tmp_path, name, text, expected):
    root, path = vendor_defconfig(tmp_path, text, with_board=name == "not-implemented")
    out = tmp_path / "out"
    res = make("broken_defconfig", f"BOARD_ROOT={root}", O=out)
    assert res.returncode != 0, res
    assert expected.format(f=path) in res.out.splitlines(), res
    assert not (out / ".config").exists()


def test_strict_mode_in_fragment_keeps_config(tmp_path):
    make_ok("qemu_rv64_defconfig", O=tmp_path)
    before = (tmp_path / ".config").read_text()
    root = tmp_path / "vendor"
    (root / "configs").mkdir(parents=True)
    frag = root / "configs" / "bad.config"
    frag.write_text("# a fragment with a mistake\nCONFIG_LOG_LEVEL=9\n")
    res = make("bad.config", f"BOARD_ROOT={root}", O=tmp_path)
    assert res.returncode != 0
    assert f"{frag}:2: error: CONFIG_LOG_LEVEL=9 did not take: 9 is out of range [0, 3]" \
        in res.out.splitlines()
    assert (tmp_path / ".config").read_text() == before


def test_unknown_defconfig(tmp_path):
    res = make("nosuch_defconfig", O=tmp_path)
    assert res.returncode != 0
    assert "unknown configuration 'nosuch_defconfig': 'make help' lists the defconfigs " \
        "and fragments" in res.out


def test_unknown_fragment(tmp_path):
    make_ok("qemu_rv64_defconfig", O=tmp_path)
    res = make("nosuch.config", O=tmp_path)
    assert res.returncode != 0
    assert "unknown configuration 'nosuch.config'" in res.out


def test_fragment_needs_config(tmp_path):
    res = make("debug.config", O=tmp_path)
    assert res.returncode != 0
    assert f"run 'make O={tmp_path} <board>_defconfig' first" in res.out


def test_listnewconfig_and_olddefconfig(tmp_path):
    make_ok("qemu_rv64_defconfig", O=tmp_path)
    cfg = tmp_path / ".config"
    cfg.write_text("".join(line + "\n" for line in cfg.read_text().splitlines()
                           if not re.search(r"CONFIG_(MAX_VMS|DEBUG)\b[= ]", line)))
    res = make_ok("-s", "listnewconfig", O=tmp_path)
    assert res.out.split() == ["CONFIG_MAX_VMS=8", "CONFIG_DEBUG=n"]
    make_ok("olddefconfig", O=tmp_path)
    assert config_of(tmp_path)["MAX_VMS"] == "8"
    assert make_ok("-s", "listnewconfig", O=tmp_path).out.strip() == ""


def test_oldconfig_asks_for_new_symbols(tmp_path):
    make_ok("qemu_rv64_defconfig", O=tmp_path)
    cfg = tmp_path / ".config"
    cfg.write_text("".join(line + "\n" for line in cfg.read_text().splitlines()
                           if "CONFIG_MAX_VMS" not in line))
    import subprocess
    proc = subprocess.run(["make", "-C", str(SRCTREE), f"O={tmp_path}", "oldconfig"],
                          input="5\n", text=True, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, timeout=60)
    assert proc.returncode == 0, proc.stdout
    assert "Maximum number of VMs" in proc.stdout
    assert config_of(tmp_path)["MAX_VMS"] == "5"


def test_help_lists_defconfigs_and_fragments(tmp_path):
    res = make_ok("help", O=tmp_path)
    for name in DEFCONFIGS + FRAGMENTS:
        assert re.search(rf"^ +{re.escape(name)} +- \S", res.out, re.M), name
    assert "QEMU 'virt', RISC-V 64" in res.out


def test_no_python_with_kconfiglib(tmp_path):
    res = make("qemu_rv64_defconfig", O=tmp_path,
               env={"PYTHON_CANDIDATES": "/bin/false", "PYTHON": ""})
    assert res.returncode != 0
    assert "no Python 3 interpreter here can import kconfiglib: install it with " \
        "'sudo apt-get install python3-kconfiglib'" in res.out


def load_tree(tmp_path, board_root=""):
    """The Kconfig tree with the board list that make generates."""
    import os
    import sys
    sys.path.insert(0, str(SRCTREE / "tools" / "kconfig"))
    import boards
    saved = dict(os.environ)
    os.environ["srctree"] = str(SRCTREE)
    os.environ["BOARD_ROOT"] = str(board_root)
    os.environ.setdefault("BULWARK_VERSION", "test")
    try:
        return boards.load_kconfig(tmp_path, warn_to_stderr=False)
    finally:
        # The make runs of later tests must not inherit this BOARD_ROOT.
        os.environ.clear()
        os.environ.update(saved)


def test_every_visible_symbol_has_help(tmp_path):
    """Every symbol or choice with a prompt explains itself in menuconfig."""
    kconf = load_tree(tmp_path)
    missing = []
    for item in kconf.unique_defined_syms + kconf.unique_choices:
        for node in item.nodes:
            if node.prompt and not node.help:
                missing.append(f"{node.filename}:{node.linenr}: {item.name or 'choice'}")
    assert not missing, "visible symbols without help text:\n" + "\n".join(missing)


def test_kconfig_tree_has_no_warnings(tmp_path):
    kconf = load_tree(tmp_path)
    assert kconf.warnings == []


def vendor_board(tmp_path, name="vendor_rv"):
    """A BOARD_ROOT with an out-of-tree copy of qemu_rv64 named NAME."""
    root = tmp_path / "vendor"
    board = root / "boards" / name
    board.mkdir(parents=True)
    text = (SRCTREE / "boards/qemu_rv64/Kconfig.board").read_text()
    (board / "Kconfig.board").write_text(
        text.replace('BOARD = "qemu_rv64"', f'BOARD = "{name}"')
        .replace("QEMU_RV64", name.upper()).replace("QEMU 'virt'", "Vendor copy of QEMU 'virt'"))
    (root / "configs").mkdir()
    (root / "configs" / f"{name}_defconfig").write_text(f'CONFIG_BOARD="{name}"\n')
    return root


# --- The board is a list (issue 14, item 3) ----------------------------------

def test_board_is_a_list_with_out_of_tree_boards(tmp_path):
    """menuconfig shows a list of the boards found (tree and BOARD_ROOT), each
    with its description as help; BOARD itself is no longer free text."""
    root = vendor_board(tmp_path)
    kconf = load_tree(tmp_path / "out", root)
    assert kconf.warnings == []
    choice = next(c for c in kconf.unique_choices if c.name == "BOARD_CHOICE")
    entries = {node.prompt[0]: sym for sym in choice.syms for node in sym.nodes if node.prompt}
    assert set(entries) == set(TREE_BOARDS) | {"vendor_rv"}
    assert {"mps3_an536", "qemu_aarch64", "qemu_rv64"} <= set(entries)
    assert "Vendor copy of QEMU 'virt'" in entries["vendor_rv"].nodes[0].help
    assert not any(node.prompt for node in kconf.syms["BOARD"].nodes)
    entries["vendor_rv"].set_value(2)
    assert kconf.syms["BOARD"].str_value == "vendor_rv"
    assert kconf.syms["BOARD_VENDOR_RV"].str_value == "y"


def test_choosing_from_the_list_sets_the_board(tmp_path):
    """What menuconfig writes (the list entry) and what people write by hand
    (CONFIG_BOARD=) both pick the board; CONFIG_BOARD wins when both appear."""
    make_ok("qemu_rv64_defconfig", O=tmp_path)
    cfg = (tmp_path / ".config").read_text()
    assert "CONFIG_BOARD_CHOICE_QEMU_RV64=y" in cfg.splitlines()
    picked = "\n".join(line for line in cfg.splitlines()
                       if "CONFIG_BOARD=" not in line and "CONFIG_BOARD_CHOICE_" not in line)
    (tmp_path / ".config").write_text(picked + "\nCONFIG_BOARD_CHOICE_QEMU_AARCH64=y\n")
    make_ok("olddefconfig", O=tmp_path)
    assert config_of(tmp_path)["BOARD"] == '"qemu_aarch64"'
    assert config_of(tmp_path)["ARCH"] == '"arm64"'
    (tmp_path / ".config").write_text(picked + '\nCONFIG_BOARD="qemu_rv64"\n')
    make_ok("olddefconfig", O=tmp_path)
    assert config_of(tmp_path)["BOARD_CHOICE_QEMU_RV64"] == "y"
    make_ok("savedefconfig", O=tmp_path)
    assert (tmp_path / "defconfig").read_text() == 'CONFIG_BOARD="qemu_rv64"\n'


def test_out_of_tree_board_in_the_list(tmp_path):
    root = vendor_board(tmp_path)
    out = tmp_path / "out"
    make_ok("vendor_rv_defconfig", f"BOARD_ROOT={root}", O=out)
    assert config_of(out)["BOARD_CHOICE_VENDOR_RV"] == "y"
    make_ok("savedefconfig", f"BOARD_ROOT={root}", O=out)
    assert (out / "defconfig").read_text() == 'CONFIG_BOARD="vendor_rv"\n'


def test_olddefconfig_unknown_board_says_so(tmp_path):
    """olddefconfig stops on an unknown board with the message make gives."""
    out = tmp_path / "out"
    out.mkdir()
    (out / ".config").write_text('CONFIG_BOARD="qemu_rv46"\n')
    res = make("olddefconfig", O=out)
    assert res.returncode != 0
    expected = (f"{out}/.config:1: error: CONFIG_BOARD: unknown board 'qemu_rv46' (did you "
                f"mean qemu_rv64?); known boards: {KNOWN_BOARDS} (out-of-tree boards need "
                "BOARD_ROOT=<dir>)")
    assert expected in res.out.splitlines(), res
    assert "Traceback" not in res.out
    res = make(O=out)
    assert res.returncode != 0 and expected in res.out.splitlines(), res


# --- Strict mode: every error in one run, with hints -------------------------

def test_strict_mode_reports_every_error_in_one_run(tmp_path):
    root, path = vendor_defconfig(tmp_path, 'CONFIG_BOARD="qemu_rv64"\nCONFIG_DEBG=y\n'
                                  'CONFIG_IRQCHIP_GICV3=y\nCONFIG_MAX_VMS=lots\n'
                                  'CONFIG_LOG_LEVEL=7\n')
    res = make("broken_defconfig", f"BOARD_ROOT={root}", O=tmp_path / "out")
    assert res.returncode != 0
    errors = [line for line in res.out.splitlines() if ": error: " in line]
    assert errors == [
        f"{path}:2: error: CONFIG_DEBG: undefined symbol; did you mean CONFIG_DEBUG?",
        f"{path}:3: error: CONFIG_IRQCHIP_GICV3=y did not take: unmet dependencies: "
        "depends on HAS_GICV3",
        f"{path}:4: error: CONFIG_MAX_VMS: expects a decimal integer, got 'lots'",
        f"{path}:5: error: CONFIG_LOG_LEVEL=7 did not take: 7 is out of range [0, 3]"], res


# --- Fragments from any path --------------------------------------------------

def test_fragment_by_path(tmp_path):
    frag = tmp_path / "mine.config"
    frag.write_text("CONFIG_DEBUG=y\n")
    out = tmp_path / "out"
    make_ok("qemu_rv64_defconfig", O=out)
    res = make_ok(frag, O=out)
    assert f"MERGE    {frag}" in res.out
    assert config_of(out)["DEBUG"] == "y"
    # A relative path is taken from where make runs: here the build
    # directory, through the Makefile the build wrote there.
    (tmp_path / "two.config").write_text("CONFIG_LOG_LEVEL=1\n")
    proc = subprocess.run(["make", "../two.config"], cwd=out, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, env=clean_env())
    assert proc.returncode == 0, proc.stdout
    assert config_of(out)["LOG_LEVEL"] == "1"


def test_extra_config_after_defconfig(tmp_path):
    a, b = tmp_path / "a.config", tmp_path / "b.config"
    a.write_text("CONFIG_DEBUG=y\n")
    b.write_text("CONFIG_LOG_LEVEL=0\n")
    out = tmp_path / "out"
    make_ok("qemu_rv64_defconfig", f"EXTRA_CONFIG={a} {b}", O=out)
    cfg = config_of(out)
    assert cfg["DEBUG"] == "y" and cfg["LOG_LEVEL"] == "0"
    # Errors of the defconfig and of the fragments come in one run.
    b.write_text("CONFIG_IRQCHIP_GICV3=y\n")
    res = make("qemu_rv64_defconfig", f"EXTRA_CONFIG={a} {b}", O=out)
    assert res.returncode != 0
    assert f"{b}:1: error: CONFIG_IRQCHIP_GICV3=y did not take: unmet dependencies: " \
        "depends on HAS_GICV3" in res.out.splitlines(), res
    res = make(f"EXTRA_CONFIG={a}", O=out)
    assert res.returncode != 0 and "EXTRA_CONFIG is merged after a defconfig" in res.out
    res = make("qemu_rv64_defconfig", f"EXTRA_CONFIG={tmp_path}/none.config", O=out)
    assert res.returncode != 0 and "none.config: no such fragment" in res.out


# --- PYTHON=, DEBUG_OPTIMIZE, diffconfig ---------------------------------------

def test_python_on_the_command_line_is_checked(tmp_path):
    """PYTHON= naming an interpreter without kconfiglib stops with a message,
    not a Python traceback, and is not silently replaced by another."""
    fake = tmp_path / "python-without-kconfiglib"
    fake.write_text('#!/bin/sh\nexec /usr/bin/python3 -S "$@"\n')
    fake.chmod(0o755)
    res = make("qemu_rv64_defconfig", f"PYTHON={fake}", O=tmp_path / "out")
    assert res.returncode != 0
    assert "Traceback" not in res.out
    assert f"PYTHON={fake} cannot be used" in res.out, res
    assert not (tmp_path / "out" / ".config").exists()


def test_debug_optimize_builds_with_og(tmp_path):
    make_ok("qemu_rv64_defconfig", O=tmp_path)
    make_ok("compile_commands.json", O=tmp_path)
    commands = (tmp_path / "compile_commands.json").read_text()
    assert " -O2 " in commands and " -Og " not in commands
    frag = tmp_path / "og.config"
    frag.write_text("CONFIG_DEBUG_OPTIMIZE=y\n")
    make_ok(frag, O=tmp_path)
    make_ok("compile_commands.json", O=tmp_path)
    commands = (tmp_path / "compile_commands.json").read_text()
    assert " -Og " in commands and " -O2 " not in commands


def test_diffconfig(tmp_path):
    make_ok("qemu_rv64_defconfig", O=tmp_path)
    make_ok("debug.config", O=tmp_path)
    res = make_ok("-s", "diffconfig", O=tmp_path)
    assert res.out.splitlines() == [" DEBUG n -> y", " LOG_LEVEL 2 -> 3"]
    other = tmp_path / "other"
    other.write_text('CONFIG_BOARD="qemu_rv64"\nCONFIG_GONE=y\n')
    res = make_ok("-s", "diffconfig", f"DIFFCONFIG_OLD={other}", O=tmp_path)
    assert "-GONE y" in res.out.splitlines()
    assert any(line.startswith("+DEBUG ") for line in res.out.splitlines())
