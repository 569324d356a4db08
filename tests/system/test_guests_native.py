# SPDX-License-Identifier: Apache-2.0
"""The test guests on bare QEMU (OpenSBI fw_dynamic, no hypervisor).

Builds tests/guests for rv64 and boots every guest that can pass without a
hypervisor from $(O)/native/, with and without Sstc. A guest passes when
its console ends with exactly one "N passed, 0 failed" line (N > 0) and
QEMU exits by itself through SBI SRST. The isolation guest is VM-only:
natively nothing it probes faults.
"""

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bulwark_test import SRCTREE

QEMU = "qemu-system-riscv64"
CROSS_COMPILE = "riscv64-linux-gnu-"
FIRMWARE = Path("/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin")
TIMEOUT = 30
SUMMARY = re.compile(r"^(\d+) passed, (\d+) failed$")

pytestmark = [
    pytest.mark.skipif(not shutil.which(QEMU), reason=f"{QEMU} not installed"),
    pytest.mark.skipif(not shutil.which(CROSS_COMPILE + "gcc"),
                       reason=f"{CROSS_COMPILE}gcc not installed"),
    pytest.mark.skipif(not FIRMWARE.exists(), reason=f"{FIRMWARE} not installed"),
]


@dataclass
class Run:
    guest: str
    harts: int
    expect: list = field(default_factory=list)   # (regex, how many lines match)

    @property
    def name(self):
        return f"{self.guest}-smp{self.harts}"


RUNS = [
    # The boot hart ping-pongs IPIs with every other hart.
    Run("basic", 2, expect=[(r"^PASS ipi: round trips between harts", 1)]),
    Run("basic", 4, expect=[(r"^PASS ipi: round trips between harts", 3)]),
    Run("timer", 1, expect=[(r"^PASS timer_periodic: timer interrupts taken$", 1)]),
    Run("plic", 1, expect=[(r"^PASS plic_rtc: claimed source$", 1)]),
    # SRST cold reboot resets the machine but not RAM outside the reloaded image.
    Run("reboot", 1, expect=[(r"^guest reboot on hart \d+$", 2),
                             (r"^INFO reboot: first boot", 1)]),
]
CPUS = ["rv64", "rv64,sstc=false"]


@pytest.fixture(scope="module")
def native_guests(tmp_path_factory):
    out = tmp_path_factory.mktemp("guests")
    proc = subprocess.run(["make", "-j2", "-f", str(SRCTREE / "tests/guests/Makefile"),
                           f"srctree={SRCTREE}", f"O={out}", "GUEST_ARCH=rv64",
                           f"CROSS_COMPILE={CROSS_COMPILE}"],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert proc.returncode == 0, proc.stdout
    for guest in ["hello", "basic", "timer", "plic", "isolation", "reboot"]:
        assert (out / f"{guest}-rv64.bin").is_file(), f"no VM image of {guest}"
        assert (out / "native" / f"{guest}-rv64.bin").is_file(), f"no native image of {guest}"
    return out / "native"


def boot(image, harts, cpu):
    cmd = [QEMU, "-M", "virt", "-cpu", cpu, "-smp", str(harts), "-m", "1G", "-nographic",
           "-bios", str(FIRMWARE), "-kernel", str(image)]
    try:
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=TIMEOUT)
    except subprocess.TimeoutExpired as e:
        console = (e.stdout or b"").decode(errors="replace")
        pytest.fail(f"QEMU did not exit by itself within {TIMEOUT} s:\n{console}")
    return proc.returncode, proc.stdout.decode(errors="replace")


@pytest.mark.parametrize("cpu", CPUS, ids=["sstc", "no-sstc"])
@pytest.mark.parametrize("run", RUNS, ids=[r.name for r in RUNS])
def test_native_guest(native_guests, run, cpu):
    status, console = boot(native_guests / f"{run.guest}-rv64.bin", run.harts, cpu)
    lines = [line.strip() for line in console.splitlines() if line.strip()]
    assert status == 0, f"QEMU exited {status}:\n{console}"
    assert any(re.match(rf"^guest {run.guest} on hart \d+$", line) for line in lines), console
    summaries = [line for line in lines if SUMMARY.match(line)]
    assert len(summaries) == 1, f"expected one summary line, got {summaries}:\n{console}"
    assert lines[-1] == summaries[0], f"the summary is not the last line:\n{console}"
    passed, failed = (int(n) for n in SUMMARY.match(summaries[0]).groups())
    failures = [line for line in lines if line.startswith("FAIL ")]
    assert failed == 0 and not failures, "\n".join(failures) + f"\n\n{console}"
    assert passed > 0, console
    for pattern, count in run.expect:
        seen = sum(1 for line in lines if re.search(pattern, line))
        assert seen == count, f"{count} lines should match {pattern!r}, {seen} do:\n{console}"
