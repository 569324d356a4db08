# SPDX-License-Identifier: Apache-2.0
"""Static checks on the hypervisor sources: cppcheck, clang-format, SPDX."""

import shutil
import subprocess

import pytest

from bulwark_test import SRCTREE, make_ok

C_DIRS = ["arch", "kernel", "drivers", "include", "boards", "tests/unit", "tests/guests",
          "tools/linux-guest"]


def sources(*suffixes):
    found = []
    for d in C_DIRS:
        for suffix in suffixes:
            found += sorted(p for p in (SRCTREE / d).rglob(f"*{suffix}")
                            if not in_build_dir(p.relative_to(SRCTREE)))
    return found


@pytest.mark.skipif(not shutil.which("cppcheck"), reason="cppcheck not installed")
def test_cppcheck_clean():
    files = [str(p) for p in sources(".c")]
    proc = subprocess.run(
        ["cppcheck", "--std=c11", "--enable=warning,style,performance,portability",
         "--error-exitcode=1", "-q", "--inline-suppr", "--suppress=missingIncludeSystem",
         "--suppress=unusedFunction", "-I", str(SRCTREE / "include"),
         "-I", str(SRCTREE / "arch/riscv/include"), "-I", str(SRCTREE / "tests/guests/lib"),
         "-I", str(SRCTREE / "tests/guests/lib/riscv"), "-D__riscv", "-D__riscv_xlen=64",
         "-DBULWARK_VERSION=\"0.0\"", "-DCONFIG_IRQCHIP_NAME=\"PLIC\""] + files,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert proc.returncode == 0, proc.stdout


@pytest.mark.skipif(not shutil.which("clang-format"), reason="clang-format not installed")
def test_clang_format():
    bad = []
    for path in sources(".c", ".h"):
        proc = subprocess.run(["clang-format", "--dry-run", "--Werror", str(path)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if proc.returncode != 0:
            bad.append(f"{path.relative_to(SRCTREE)}:\n{proc.stdout[:600]}")
    assert not bad, "not formatted as .clang-format says (run clang-format -i):\n" + \
        "\n".join(bad)


def is_build_dir(path):
    """A build directory (make O=...) inside the tree: it has the .gitignore
    the build writes into it (all of it ignored), or a .config next to
    include/generated."""
    ignore = path / ".gitignore"
    if ignore.is_file() and "*" in ignore.read_text(errors="replace").split():
        return True
    return (path / ".config").is_file() and (path / "include" / "generated").is_dir()


_BUILD_DIRS = {}


def in_build_dir(rel):
    """Whether the tree-relative path REL lies in a build directory."""
    for depth in range(1, len(rel.parts)):
        parent = rel.parts[:depth]
        if parent not in _BUILD_DIRS:
            _BUILD_DIRS[parent] = is_build_dir(SRCTREE.joinpath(*parent))
        if _BUILD_DIRS[parent]:
            return True
    return False


def test_spdx_headers():
    missing = []
    patterns = ["*.c", "*.h", "*.S", "*.py", "*.sh", "Makefile", "Kconfig*", "*.mk",
                "*.vmconf", "*.hw"]
    for pattern in patterns:
        for path in SRCTREE.rglob(pattern):
            rel = path.relative_to(SRCTREE)
            if rel.parts[0] in ("build", ".git") or "pytest" in str(rel) or \
                    in_build_dir(rel):
                continue
            if "SPDX-License-Identifier: Apache-2.0" not in path.read_text(errors="replace")[:400]:
                missing.append(str(rel))
    assert not missing, "files without an SPDX line: " + ", ".join(missing)


def test_build_dirs_are_recognised(tmp_path):
    """An O= tree (which may sit inside the source tree) is not linted: the
    SPDX check knows it by what the build writes into it."""
    make_ok("qemu_rv64_defconfig", O=tmp_path / "out")
    assert is_build_dir(tmp_path / "out")
    assert (tmp_path / "out" / ".gitignore").read_text().splitlines()[-1] == "*"
    assert not is_build_dir(SRCTREE) and not is_build_dir(SRCTREE / "kernel")
    assert not in_build_dir((SRCTREE / "kernel" / "Kconfig").relative_to(SRCTREE))
