# SPDX-License-Identifier: Apache-2.0
"""The Kconfig front end: defconfigs, fragments, strict mode, savedefconfig."""

import re

import pytest

from bulwark_test import SRCTREE, make, make_ok

DEFCONFIGS = sorted(p.name for p in (SRCTREE / "configs").glob("*_defconfig"))
FRAGMENTS = sorted(p.name for p in (SRCTREE / "configs").glob("*.config"))


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


def vendor_defconfig(tmp_path, text):
    """A BOARD_ROOT holding one defconfig with TEXT, for strict-mode tests."""
    root = tmp_path / "vendor"
    (root / "configs").mkdir(parents=True)
    (root / "configs" / "broken_defconfig").write_text(text)
    return root, root / "configs" / "broken_defconfig"


STRICT_CASES = [
    ("undefined", 'CONFIG_BOARD="qemu_rv64"\nCONFIG_NO_SUCH_THING=y\n',
     "{f}:2: error: CONFIG_NO_SUCH_THING: undefined symbol"),
    ("unmet", 'CONFIG_BOARD="qemu_rv64"\nCONFIG_IRQCHIP_GICV3=y\n',
     "{f}:2: error: CONFIG_IRQCHIP_GICV3=y did not take: unmet dependencies: "
     "depends on HAS_GICV3"),
    ("not-implemented", 'CONFIG_BOARD="qemu_rv64"\nCONFIG_IRQCHIP_APLIC=y\n',
     "{f}:2: error: CONFIG_IRQCHIP_APLIC=y did not take: not implemented yet "
     "(APLIC_IMPLEMENTED is n); depends on HAS_APLIC && APLIC_IMPLEMENTED"),
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
     "mps3_an536, qemu_aarch64, qemu_arm, qemu_rv32, qemu_rv64 "
     "(out-of-tree boards need BOARD_ROOT=<dir>)"),
    ("no-board", 'CONFIG_DEBUG=y\n',
     "{f}: error: CONFIG_BOARD: no board selected; known boards: "
     "mps3_an536, qemu_aarch64, qemu_arm, qemu_rv32, qemu_rv64 "
     "(out-of-tree boards need BOARD_ROOT=<dir>)"),
]


@pytest.mark.parametrize("name,text,expected", STRICT_CASES, ids=[c[0] for c in STRICT_CASES])
def test_strict_mode(tmp_path, name, text, expected):
    root, path = vendor_defconfig(tmp_path, text)
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
    assert "run 'make <board>_defconfig' first" in res.out


def test_listnewconfig_and_olddefconfig(tmp_path):
    make_ok("qemu_rv64_defconfig", O=tmp_path)
    cfg = tmp_path / ".config"
    cfg.write_text("".join(line + "\n" for line in cfg.read_text().splitlines()
                           if "CONFIG_MAX_VMS" not in line and "CONFIG_DEBUG" not in line))
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
        assert re.search(rf"^  {re.escape(name)} +- \S", res.out, re.M), name
    assert "QEMU 'virt', RISC-V 64" in res.out


def test_no_python_with_kconfiglib(tmp_path):
    res = make("qemu_rv64_defconfig", O=tmp_path,
               env={"PYTHON_CANDIDATES": "/bin/false", "PYTHON": ""})
    assert res.returncode != 0
    assert "no Python 3 interpreter here can import kconfiglib: install it with " \
        "'sudo apt-get install python3-kconfiglib'" in res.out


def test_every_visible_symbol_has_help():
    """Every symbol or choice with a prompt explains itself in menuconfig."""
    import os
    import kconfiglib
    os.environ.setdefault("BOARD_ROOT", "")
    os.environ.setdefault("BULWARK_VERSION", "test")
    kconf = kconfiglib.Kconfig(str(SRCTREE / "Kconfig"), warn=False)
    missing = []
    for item in kconf.unique_defined_syms + kconf.unique_choices:
        for node in item.nodes:
            if node.prompt and not node.help:
                missing.append(f"{node.filename}:{node.linenr}: {item.name or 'choice'}")
    assert not missing, "visible symbols without help text:\n" + "\n".join(missing)


def test_kconfig_tree_has_no_warnings():
    import os
    import kconfiglib
    os.environ.setdefault("BOARD_ROOT", "")
    os.environ.setdefault("BULWARK_VERSION", "test")
    kconf = kconfiglib.Kconfig(str(SRCTREE / "Kconfig"), warn_to_stderr=False)
    assert kconf.warnings == []
