# SPDX-License-Identifier: Apache-2.0
"""The test guests on bare QEMU (no hypervisor).

Builds tests/guests for rv64 and boots every guest that can pass without a
hypervisor from $(O)/native/ under OpenSBI fw_dynamic, with and without
Sstc. Builds them for aarch64 too and boots basic, timer and gic at EL1
(-M virt without virtualization, PSCI over HVC) with GICv2 and GICv3. A
guest passes when its console ends with exactly one "N passed, 0 failed"
line (N > 0; the exact N for aarch64) and QEMU exits by itself through SBI
SRST or PSCI SYSTEM_OFF. The isolation guest is VM-only: natively nothing
it probes faults. The rt guest (the demo's real-time VM) never ends: it runs
under -icount for a while and its period reports must say missed 0.
"""

import re
import selectors
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bulwark_test import build_guests

QEMU = "qemu-system-riscv64"
CROSS_COMPILE = "riscv64-linux-gnu-"
FIRMWARE = Path("/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin")
TIMEOUT = 300  # a bound for a hung system, never a measure: a busy host is slow
SUMMARY = re.compile(r"^(\d+) passed, (\d+) failed$")

QEMU_ARM = "qemu-system-aarch64"
CROSS_COMPILE_ARM = "aarch64-linux-gnu-"


def requires(*tools, files=()):
    """Skips a test whose tools or files are missing, naming them."""
    missing = [t for t in tools if not shutil.which(t)] + [str(f) for f in files
                                                          if not Path(f).exists()]
    return pytest.mark.skipif(bool(missing), reason=f"not installed: {', '.join(missing)}")


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
    build_guests(out, "rv64", CROSS_COMPILE)
    for guest in ["hello", "basic", "timer", "plic", "isolation", "reboot"]:
        assert (out / f"{guest}-rv64.bin").is_file(), f"no VM image of {guest}"
        assert (out / "native" / f"{guest}-rv64.bin").is_file(), f"no native image of {guest}"
    return out / "native"


def run_qemu(cmd):
    try:
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=TIMEOUT)
    except subprocess.TimeoutExpired as e:
        console = (e.stdout or b"").decode(errors="replace")
        pytest.fail(f"QEMU did not exit by itself within {TIMEOUT} s:\n{console}")
    return proc.returncode, proc.stdout.decode(errors="replace")


def boot(image, harts, cpu):
    return run_qemu([QEMU, "-M", "virt", "-cpu", cpu, "-smp", str(harts), "-m", "1G",
                     "-nographic", "-bios", str(FIRMWARE), "-kernel", str(image)])


def check_console(guest, status, console, expect, passed_exactly=None):
    lines = [line.strip() for line in console.splitlines() if line.strip()]
    assert status == 0, f"QEMU exited {status}:\n{console}"
    assert any(re.match(rf"^guest {guest} on (hart|cpu) \d+$", line) for line in lines), console
    summaries = [line for line in lines if SUMMARY.match(line)]
    assert len(summaries) == 1, f"expected one summary line, got {summaries}:\n{console}"
    assert lines[-1] == summaries[0], f"the summary is not the last line:\n{console}"
    passed, failed = (int(n) for n in SUMMARY.match(summaries[0]).groups())
    failures = [line for line in lines if line.startswith("FAIL ")]
    assert failed == 0 and not failures, "\n".join(failures) + f"\n\n{console}"
    assert passed > 0, console
    if passed_exactly is not None:
        assert passed == passed_exactly, f"expected {passed_exactly} passed:\n{console}"
    for pattern, count in expect:
        seen = sum(1 for line in lines if re.search(pattern, line))
        assert seen == count, f"{count} lines should match {pattern!r}, {seen} do:\n{console}"


@pytest.mark.parametrize("cpu", CPUS, ids=["sstc", "no-sstc"])
@pytest.mark.parametrize("run", RUNS, ids=[r.name for r in RUNS])
@requires(QEMU, CROSS_COMPILE + "gcc", files=[FIRMWARE])
def test_native_guest(native_guests, run, cpu):
    status, console = boot(native_guests / f"{run.guest}-rv64.bin", run.harts, cpu)
    check_console(run.guest, status, console, run.expect)


@dataclass
class ArmRun:
    guest: str
    cpus: int
    passed: int                                   # the exact N of "N passed, 0 failed"
    expect: list = field(default_factory=list)   # (regex, how many lines match)

    @property
    def name(self):
        return f"{self.guest}-smp{self.cpus}"


ARM_RUNS = [
    # The boot CPU ping-pongs SGIs with every other CPU; each one adds 6 checks.
    ArmRun("basic", 2, 46, expect=[(r"^PASS ipi: round trips between cpus", 1)]),
    ArmRun("basic", 4, 58, expect=[(r"^PASS ipi: round trips between cpus", 3)]),
    ArmRun("timer", 1, 4, expect=[(r"^PASS timer_periodic: timer interrupts taken$", 1)]),
    ArmRun("gic", 2, 33, expect=[(r"^PASS gic_spi: RTC match interrupt \(SPI 34\) arrives$", 1),
                                 (r"^INFO gic_sgi: GICv[23]$", 1)]),
]


@pytest.fixture(scope="module")
def native_arm_guests(tmp_path_factory):
    out = tmp_path_factory.mktemp("guests-aarch64")
    build_guests(out, "aarch64", CROSS_COMPILE_ARM)
    for guest in ["hello", "basic", "timer", "gic", "isolation", "reboot", "console", "rt"]:
        assert (out / f"{guest}-aarch64.bin").is_file(), f"no VM image of {guest}"
        assert (out / "native" / f"{guest}-aarch64.elf").is_file(), f"no native ELF of {guest}"
    return out / "native"


@pytest.mark.parametrize("gic", [2, 3], ids=["gicv2", "gicv3"])
@pytest.mark.parametrize("run", ARM_RUNS, ids=[r.name for r in ARM_RUNS])
@requires(QEMU_ARM, CROSS_COMPILE_ARM + "gcc")
def test_native_arm_guest(native_arm_guests, run, gic):
    # An ELF is loaded where it is linked and entered at EL1; QEMU answers PSCI on HVC.
    status, console = run_qemu([QEMU_ARM, "-M", f"virt,gic-version={gic}", "-cpu", "cortex-a53",
                                "-smp", str(run.cpus), "-m", "1G", "-nographic", "-nic", "none",
                                "-kernel", str(native_arm_guests / f"{run.guest}-aarch64.elf")])
    # The gic guest says which GIC it found.
    expect = [(p.replace("GICv[23]", f"GICv{gic}"), n) for p, n in run.expect]
    check_console(run.guest, status, console, expect, passed_exactly=run.passed)


# The real-time guest: "rt: <N> periods, worst lateness <L> us, missed <M>" every 1000 periods.
RT_REPORT = re.compile(r"^rt: (\d+) periods, worst lateness (\d+) us, missed (\d+)$")
RT_REPORTS = 3


def run_until(cmd, pattern, count, timeout):
    """Runs cmd until count lines match pattern or timeout seconds pass; returns the lines."""
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    lines, partial, seen = [], b"", 0
    end = time.monotonic() + timeout
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    try:
        while seen < count and time.monotonic() < end:
            if not sel.select(timeout=max(0.0, end - time.monotonic())):
                continue
            chunk = proc.stdout.read1(4096)
            if not chunk:
                break
            *done, partial = (partial + chunk).split(b"\n")
            for raw in done:
                line = raw.decode(errors="replace").strip()
                lines.append(line)
                seen += bool(pattern.match(line))
    finally:
        proc.kill()
        proc.wait()
        sel.close()
        proc.stdout.close()
    return lines


@pytest.mark.parametrize("gic", [2, 3], ids=["gicv2", "gicv3"])
@requires(QEMU_ARM, CROSS_COMPILE_ARM + "gcc")
def test_native_arm_rt(native_arm_guests, gic):
    # -icount with sleep=off: the counter follows instructions and idle time
    # is skipped, so the host's load cannot make a period late.
    lines = run_until([QEMU_ARM, "-M", f"virt,gic-version={gic}", "-cpu", "cortex-a53", "-m",
                       "1G", "-nographic", "-nic", "none", "-icount",
                       "shift=0,align=off,sleep=off", "-kernel",
                       str(native_arm_guests / "rt-aarch64.elf")],
                      RT_REPORT, RT_REPORTS, TIMEOUT)
    console = "\n".join(lines)
    assert "rt: real-time task every 1000 us" in lines, console
    reports = [tuple(int(n) for n in RT_REPORT.match(line).groups())
               for line in lines if RT_REPORT.match(line)]
    assert len(reports) >= RT_REPORTS, f"expected {RT_REPORTS} period reports:\n{console}"
    assert all(a[0] < b[0] for a, b in zip(reports, reports[1:])), console
    assert all(missed == 0 for _, _, missed in reports), f"missed periods:\n{console}"
    assert not [line for line in lines if line.startswith("FAIL ")], console


# AArch32 (qemu-system-arm -M virt without virtualization: Supervisor mode, PSCI on HVC).
QEMU_ARM32 = "qemu-system-arm"
CROSS_COMPILE_ARM32 = "arm-linux-gnueabihf-"
ARM32_RUNS = [
    ArmRun("basic", 2, 46, expect=[(r"^PASS ipi: round trips between cpus", 1)]),
    ArmRun("basic", 4, 58, expect=[(r"^PASS ipi: round trips between cpus", 3)]),
    ArmRun("timer", 1, 4, expect=[(r"^PASS timer_periodic: timer interrupts taken$", 1)]),
    ArmRun("gic", 2, 33, expect=[(r"^PASS gic_spi: RTC match interrupt \(SPI 34\) arrives$", 1),
                                 (r"^INFO gic_sgi: GICv2$", 1)]),
]


@pytest.fixture(scope="module")
def native_arm32_guests(tmp_path_factory):
    out = tmp_path_factory.mktemp("guests-arm")
    build_guests(out, "arm", CROSS_COMPILE_ARM32)
    for guest in ["hello", "basic", "timer", "gic", "isolation", "reboot", "console", "ipc-a"]:
        assert (out / f"{guest}-arm.bin").is_file(), f"no VM image of {guest}"
        assert (out / "native" / f"{guest}-arm.elf").is_file(), f"no native ELF of {guest}"
    return out / "native"


@pytest.mark.parametrize("run", ARM32_RUNS, ids=[f"arm32-{r.name}" for r in ARM32_RUNS])
@requires(QEMU_ARM32, CROSS_COMPILE_ARM32 + "gcc")
def test_native_arm32_guest(native_arm32_guests, run):
    status, console = run_qemu([QEMU_ARM32, "-M", "virt,gic-version=2", "-cpu", "cortex-a15",
                                "-smp", str(run.cpus), "-m", "1G", "-nographic", "-nic", "none",
                                "-kernel", str(native_arm32_guests / f"{run.guest}-arm.elf")])
    check_console(run.guest, status, console, run.expect, passed_exactly=run.passed)
