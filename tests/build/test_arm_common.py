# SPDX-License-Identifier: Apache-2.0
"""Arm code shared by AArch64 and AArch32 lives in arch/arm-common and
stays neutral: it reaches guest registers and system registers only through
the headers every execution state provides, never through AArch64's own."""

import re

from bulwark_test import SRCTREE

COMMON = SRCTREE / "arch" / "arm-common"
# Headers each execution state gives under arch/<state>/include/asm/ (cpu_start.h: how
# arch/arm-common/cpu_start.c starts CPUs; dcache.h: cleaning by address; mpu_sysregs.h:
# the EL2 MPU registers of the shared MPU back end, arch/arm-common/mem_mpu.c).
CONTRACT = {"sysreg_enc.h", "guest_regs.h", "processor.h", "mpu_sysregs.h", "cpu_start.h",
            "dcache.h"}
STATES = [SRCTREE / "arch" / "arm64", SRCTREE / "arch" / "arm"]
INCLUDE = re.compile(r'^\s*#\s*include\s*<asm/([^>]+)>', re.M)
# An instruction or a state's register frame named in shared code.
STATE_SPECIFIC = re.compile(r'"\s*(mrs|msr|mrc|mcr|mrrc|mcrr)\b|\bguest_frame\b|arch\.frame|\barm64_')
COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)


def shared_sources():
    return sorted(p for p in COMMON.rglob("*") if p.suffix in (".c", ".h"))


def test_shared_arm_code_moved_out_of_arm64():
    for name in ("psci.c", "psci_error.c", "esr.c", "guest_mmio.c", "include/asm/psci.h",
                 "include/asm/esr.h", "include/asm/gic_sysregs.h", "include/asm/arm_sysreg.h",
                 "include/asm/arm_guest.h", "stage2_formats.c",
                 "include/asm/stage2_formats.h", "include/asm/mpidr.h"):
        assert (COMMON / name).is_file(), f"arch/arm-common/{name} missing"
        assert not (SRCTREE / "arch" / "arm64" / name).exists(), f"arch/arm64/{name} still there"
    assert "arch/arm-common" in (SRCTREE / "arch" / "arm64" / "arch.mk").read_text()


def test_shared_arm_code_includes_only_shared_or_contract_headers():
    own = {p.name for p in (COMMON / "include" / "asm").iterdir()}
    bad = []
    for path in shared_sources():
        for header in INCLUDE.findall(path.read_text()):
            if header not in own and header not in CONTRACT:
                bad.append(f"{path.relative_to(SRCTREE)}: <asm/{header}>")
    assert not bad, "shared Arm code includes an execution state's private header:\n" + \
        "\n".join(bad)


def test_every_state_provides_the_contract():
    for state in STATES:
        for header in CONTRACT:
            assert (state / "include" / "asm" / header).is_file(), f"{state.name}: asm/{header}"


def without_comments(text):
    """The text with its comments blanked, line breaks kept (so line numbers stay)."""
    return COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def test_shared_arm_code_names_no_state_specific_access():
    bad = []
    for path in shared_sources():
        text = path.read_text()
        code_lines = without_comments(text).splitlines()
        for n, (code, line) in enumerate(zip(code_lines, text.splitlines()), 1):
            if STATE_SPECIFIC.search(code):
                bad.append(f"{path.relative_to(SRCTREE)}:{n}: {line.strip()}")
    assert not bad, "shared Arm code uses AArch64 instructions or state:\n" + "\n".join(bad)
