# SPDX-License-Identifier: Apache-2.0
"""Static checks on the hypervisor sources: cppcheck, clang-format, SPDX."""

import shutil
import subprocess

import pytest

from bulwark_test import SRCTREE

C_DIRS = ["arch", "kernel", "drivers", "include", "boards", "tests/unit", "tests/guests",
          "tools/linux-guest"]


def sources(*suffixes):
    found = []
    for d in C_DIRS:
        for suffix in suffixes:
            found += sorted((SRCTREE / d).rglob(f"*{suffix}"))
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


def test_spdx_headers():
    missing = []
    patterns = ["*.c", "*.h", "*.S", "*.py", "*.sh", "Makefile", "Kconfig*", "*.mk",
                "*.vmconf", "*.hw"]
    for pattern in patterns:
        for path in SRCTREE.rglob(pattern):
            rel = path.relative_to(SRCTREE)
            if rel.parts[0] in ("build", ".git") or "pytest" in str(rel):
                continue
            if "SPDX-License-Identifier: Apache-2.0" not in path.read_text(errors="replace")[:400]:
                missing.append(str(rel))
    assert not missing, "files without an SPDX line: " + ", ".join(missing)
