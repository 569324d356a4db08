# SPDX-License-Identifier: Apache-2.0
"""tools/check.py's selections: the tests 'make check-quick' runs exist, and
'make check TESTS=... BOARDS=...' runs what it names and nothing else."""

import subprocess
import sys

from bulwark_test import SRCTREE

sys.path.insert(0, str(SRCTREE / "tools"))
import check  # noqa: E402


def collect(*paths):
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "--collect-only", *paths], cwd=SRCTREE, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    assert proc.returncode == 0, proc.stdout
    return [line for line in proc.stdout.splitlines() if "::" in line]


def test_quick_boots_each_architecture_once():
    boots = [p for p in check.PYTEST_SUITES["quick"] if "::" in p]
    # A renamed test would leave check-quick without its boot: each id is collected.
    assert collect(*boots) == boots
    assert sorted(b for boot in boots for b in check.board_of(boot)) == \
        ["qemu_aarch64", "qemu_arm", "qemu_rv32", "qemu_rv64"]


def test_boards_keep_their_tests_and_the_board_neutral_ones():
    rv64 = check.select_boards(["tests/system/test_boot.py", "tests/system/test_vms.py"],
                               ["qemu_rv64"])
    arm = check.select_boards(["tests/system/test_boot.py", "tests/system/test_vms.py"],
                              ["qemu_aarch64"])
    assert "tests/system/test_boot.py::test_boot[default]" in rv64
    assert "tests/system/test_boot.py::test_boot[default]" not in arm
    assert "tests/system/test_vms.py::test_layout_boots[qemu_aarch64-ipc.vmconf-gicv3]" in arm
    assert not [t for t in rv64 if "aarch64" in t or "gicv" in t.lower()], rv64
    assert not [t for t in arm if "rv64" in t or "sstc" in t], arm
    assert "tests/system/test_vms.py::test_every_qemu_layout_has_a_row" in rv64
    assert "tests/system/test_vms.py::test_every_qemu_layout_has_a_row" in arm
    arm32 = check.select_boards(["tests/system/test_boot.py", "tests/system/test_vms.py"],
                                ["qemu_arm"])
    assert "tests/system/test_boot.py::test_arm32_boot_in_hyp_mode[cortex-a15]" in arm32
    assert "tests/system/test_vms.py::test_layout_boots[qemu_arm.vmconf-cortex-a15]" in arm32
    assert not [t for t in arm32 if "aarch64" in t or "rv64" in t], arm32
    assert not [t for t in arm if "arm32" in t or "qemu_arm." in t], arm
    rv32 = check.select_boards(["tests/system/test_boot.py", "tests/system/test_vms.py"],
                               ["qemu_rv32"])
    assert "tests/system/test_boot.py::test_rv32_boot" in rv32
    assert "tests/system/test_vms.py::test_layout_boots[qemu_rv32.vmconf-rv32-aplic]" in rv32
    assert not [t for t in rv32 if "rv64" in t or "aarch64" in t or "arm32" in t], rv32
    assert not [t for t in rv64 if "rv32" in t], rv64


def test_tests_runs_only_what_it_names(tmp_path):
    one = "tests/build/test_check_selection.py::test_quick_boots_each_architecture_once"
    proc = subprocess.run([sys.executable, str(SRCTREE / "tools/check.py"),
                           "--objtree", str(tmp_path), "--tests", one],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.splitlines()[-1] == "1 passed, 0 failed", proc.stdout
    assert "==== unit ====" not in proc.stdout, proc.stdout


def test_unknown_board_is_named(tmp_path):
    proc = subprocess.run([sys.executable, str(SRCTREE / "tools/check.py"),
                           "--objtree", str(tmp_path), "--boards", "qemu_rv65"],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert proc.returncode != 0
    assert "unknown board qemu_rv65 (boards: " in proc.stdout and "qemu_rv64" in proc.stdout
