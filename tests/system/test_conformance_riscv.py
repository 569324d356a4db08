# SPDX-License-Identifier: Apache-2.0
"""SBI 3.0 conformance of the RISC-V hypervisor, as a guest sees it.

vmconf/qemu_rv64-sbi.vmconf runs the sbiconf guest (tests/guests/cases/sbi_*.c)
on three harts beside a VM that only ticks, with and without Sstc, and on a
hart with more of the features FWFT hands out. Every row
of Documentation/conformance-sbi.md names the check that proves it here. The
guest must pass every check with no SKIP (in a VM, Bulwark claims SBI 3.0 and
nothing may be left out), stop through SRST shutdown with all upper bits of
its 32-bit type and reason set (so "SRST shutdown returned" must never show),
and the ticker beside it must not notice the harts it suspends or its system
suspend. The same guest runs natively on OpenSBI in test_guests_native.py.
"""

import re
import subprocess
import sys

import pytest

from bulwark_test import SRCTREE, make_ok

LAYOUT = "qemu_rv64-sbi.vmconf"
TIMEOUT = 120
# (name, QEMU CPU, checks the sbi VM passes): the guest's timer through Sstc,
# through SBI TIME, and a hart with Zicfilp and Ssnpm, where FWFT's
# LANDING_PAD and POINTER_MASKING_PMLEN become the VM's too (OpenSBI 1.5.1
# leaves SHADOW_STACK and DOUBLE_TRAP off in menvcfg).
ROWS = [("sstc", "rv64", 214), ("no-sstc", "rv64,sstc=false", 214),
        ("cfi-pointer-masking",
         "rv64,zimop=true,zcmop=true,zicfilp=true,zicfiss=true,ssnpm=true,ssdbltrp=true", 222)]


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    out = tmp_path_factory.mktemp("conformance-rv64")
    make_ok("qemu_rv64_defconfig", O=out)
    make_ok(f"VMCONF=vmconf/{LAYOUT}", O=out)
    return out


def vm_lines(console, vm):
    return [line[len(vm) + 3:] for line in console.splitlines() if line.startswith(f"[{vm}] ")]


@pytest.mark.parametrize("name,cpu,checks", ROWS, ids=[r[0] for r in ROWS])
def test_sbi_conformance(build, name, cpu, checks):
    log = build / f"console-{name}.log"
    proc = subprocess.run([sys.executable, str(SRCTREE / "tools/qemu-run.py"),
                           "--timeout", str(TIMEOUT), "--log", str(log),
                           str(build / "run.json"), "--", "-cpu", cpu],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    console = log.read_text(errors="replace")
    assert proc.returncode == 0, f"QEMU exited {proc.returncode}:\n{console}{proc.stderr}"

    sbi = vm_lines(console, "sbi")
    problems = [line for line in sbi if line.startswith(("FAIL ", "SKIP "))]
    assert not problems, "\n".join(problems) + f"\n\n{console}"
    assert sbi and sbi[-1] == f"{checks} passed, 0 failed", console
    assert "SRST shutdown returned" not in sbi, console
    lines = console.splitlines()
    assert "[bulwark] vm 'sbi' stopped: shut down by its guest (SBI system reset)" in lines, \
        console
    # The hart states another hart saw, and the suspend to RAM that came back.
    for pattern in [r"^PASS sbi_hsm_states: retentive: hart \d reads SUSPENDED from this hart$",
                    r"^PASS sbi_hsm_states: non-retentive: resumed at resume_addr$",
                    r"^PASS sbi_susp: suspend to RAM resumes at resume_addr$",
                    r"^PASS sbi_conf_base: spec version is 3.0$"]:
        assert any(re.search(pattern, line) for line in sbi), f"{pattern}\n{console}"

    ticker = vm_lines(console, "ticker")
    assert ticker and ticker[-1] == "4 passed, 0 failed", console
    assert not any(line.startswith("[bulwark] warning:") or line.startswith("[bulwark] error:")
                   for line in lines), console
    assert lines[-1] == "[bulwark] every VM has stopped; powering off", console
