# SPDX-License-Identifier: Apache-2.0
"""QEMU system tests: every RISC-V 64 layout in vmconf/ boots its VMs.

Each row names a layout, the verdict each VM's guest must print as its last
line, the containment reports the hypervisor must print, and the VMs that
must end stopped by the hypervisor. Every layout runs with and without the
Sstc extension. QEMU must exit by itself: the hypervisor powers the machine
off once every VM has stopped.
"""

import re
import subprocess
import sys
from dataclasses import dataclass, field

import pytest

from bulwark_test import SRCTREE, make_ok

TIMEOUT = 120
PASSED = r"(\d+) passed, 0 failed"


@dataclass
class Layout:
    file: str
    verdicts: dict                                  # vm -> regex of its last line
    reports: list = field(default_factory=list)     # regexes of hypervisor lines
    contained: list = field(default_factory=list)   # VMs the hypervisor stops
    lines: list = field(default_factory=list)       # other lines that must appear
    sends: list = field(default_factory=list)       # (regex, text) typed on the console


def report(vm, access, addr, why, action):
    return (rf"^\[bulwark\] warning: vm '{vm}' vCPU 0: {access} {addr} \(pc 0x[0-9a-f]+\): "
            rf"{why}; {action}$")


NOT_COVERED = "no memory region or device of the VM's layout covers it"
NOT_OWNED = "the VM does not own that interrupt or register"
INJECTED = "access fault injected"
STOPPED = r"VM stopped \(fault = stop in its layout\)"


def probes(vm):
    """The reports the isolation guest's probes cause in a VM that injects."""
    found = []
    for addr in ("0x90000000", "0x10001000", "0x2000000"):
        found.append(report(vm, "load from", addr, NOT_COVERED, INJECTED))
        found.append(report(vm, "store to", addr, NOT_COVERED, INJECTED))
    return found


def bad_console_buffer(vm):
    """The basic guest's bad-argument case hands the SBI console a wild pointer."""
    return report(vm, "console buffer at", "0x180000000",
                  "an SBI call pointed outside the VM's memory", "SBI error returned")


LAYOUTS = [
    Layout("qemu_rv64.vmconf",
           verdicts={"rt": r"^13 passed, 0 failed$", "app": rf"^{PASSED}$"},
           reports=[bad_console_buffer("app")]),
    Layout("qemu_rv64-isolation.vmconf",
           verdicts={"good": rf"^{PASSED}$", "prober": r"^32 passed, 0 failed$"},
           reports=probes("prober") + [
               report("prober", "store to", "0xc000028", NOT_OWNED, INJECTED),
               report("prober", "store to", "0xc002080", NOT_OWNED, INJECTED),
               report("rogue", "load from", "0x90000000", NOT_COVERED, STOPPED),
               bad_console_buffer("good")],
           contained=["rogue"]),
    Layout("qemu_rv64-reboot.vmconf",
           verdicts={"rebooter": r"^1 passed, 0 failed$", "rtc": r"^13 passed, 0 failed$",
                     "thief": r"^32 passed, 0 failed$", "ticker": r"^4 passed, 0 failed$"},
           reports=probes("thief") + [
               report("thief", "store to", "0xc00002c", NOT_OWNED, INJECTED),
               report("thief", "store to", "0xc002080", NOT_OWNED, INJECTED)],
           lines=[r"^\[bulwark\] vm 'rebooter' restarted from a fresh image \(boot 2\)$"]),
    # Input starts with the first VM; Ctrl-] 1 and Ctrl-] 0 move it.
    Layout("qemu_rv64-console.vmconf",
           verdicts={"first": r"^1 passed, 0 failed$", "second": r"^1 passed, 0 failed$"},
           lines=[r"^\[first\] PASS console_input: read a line: 'to-first'$",
                  r"^\[second\] PASS console_input: read a line: 'to-second'$",
                  r"^\[bulwark\] console input goes to vm 'second'$"],
           sends=[("waiting for a line.*waiting for a line",
                   r"\x1d1to-second\r\x1d0to-first\r")]),
]

CPUS = {"sstc": "rv64", "no-sstc": "rv64,sstc=false"}


def test_every_riscv64_layout_has_a_row():
    shipped = {p.name for p in (SRCTREE / "vmconf").glob("qemu_rv64*.vmconf")}
    assert shipped == {row.file for row in LAYOUTS}


@pytest.fixture(scope="module")
def layout_builds(tmp_path_factory):
    """One build directory per layout, built on first use."""
    builds = {}

    def get(layout):
        if layout not in builds:
            out = tmp_path_factory.mktemp(layout.replace(".vmconf", ""))
            make_ok("qemu_rv64_defconfig", O=out)
            make_ok(f"VMCONF=vmconf/{layout}", O=out)
            builds[layout] = out
        return builds[layout]
    return get


def vm_lines(console, vm):
    return [line[len(vm) + 3:] for line in console.splitlines() if line.startswith(f"[{vm}] ")]


@pytest.mark.parametrize("cpu", CPUS, ids=list(CPUS))
@pytest.mark.parametrize("row", LAYOUTS, ids=[r.file for r in LAYOUTS])
def test_layout_boots(layout_builds, row, cpu):
    out = layout_builds(row.file)
    log = out / f"console-{cpu}.log"
    sends = [arg for pair in row.sends for arg in ("--send-after", *pair)]
    proc = subprocess.run([sys.executable, str(SRCTREE / "tools/qemu-run.py"),
                           "--timeout", str(TIMEOUT), "--log", str(log)] + sends +
                          [str(out / "run.json"), "--", "-cpu", CPUS[cpu]],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    console = log.read_text(errors="replace")
    assert proc.returncode != 124, f"QEMU did not exit by itself:\n{console}"
    assert proc.returncode == 0, f"QEMU exited {proc.returncode}:\n{console}{proc.stderr}"
    lines = console.splitlines()

    for vm, verdict in row.verdicts.items():
        own = vm_lines(console, vm)
        assert own, f"vm '{vm}' printed nothing:\n{console}"
        assert re.search(verdict, own[-1]), \
            f"vm '{vm}' ended with {own[-1]!r}, expected {verdict!r}:\n{console}"
        assert not any(line.startswith("FAIL ") for line in own), console
        assert f"[bulwark] vm '{vm}' stopped: shut down by its guest (SBI system reset)" \
            in lines, console
    for vm in row.contained:
        assert f"[bulwark] vm '{vm}' stopped: contained after a fault" in lines, console
        assert not any(re.search(r"passed, \d+ failed", x) for x in vm_lines(console, vm))
    for pattern in row.reports + row.lines:
        assert any(re.search(pattern, line) for line in lines), \
            f"no line matches {pattern!r}:\n{console}"
    # Nothing else was reported: every warning is one the row expects.
    for line in lines:
        if line.startswith("[bulwark] warning:") or line.startswith("[bulwark] error:"):
            assert any(re.search(p, line) for p in row.reports), f"unexpected: {line}"
    assert lines[-1] == "[bulwark] every VM has stopped; powering off", console
