# SPDX-License-Identifier: Apache-2.0
"""A hostile VM beside a real-time sentinel, on every QEMU board and interrupt controller.

vmconf/<board>-hostile.vmconf runs two one-vCPU VMs (the guests are described in
Documentation/test-guests.md and Documentation/testing.md):
- hostile probes the whole guest-physical space outside its regions, their
  exact neighbours, other VMs' memory, devices, the physical interrupt
  controller and the hypervisor's range; writes random 32-bit values to every
  register of its virtual interrupt controller; makes 20,000 malformed
  hypercalls, PSCI or SBI calls, then valid ones; touches EL2 registers or
  H- and M-mode CSRs; storms of faults, undefined instructions and WFIs; then
  resets itself five times and prints one verdict line of counts;
- sentinel ticks every millisecond, checks a canary in its own memory and
  reports ticks, worst lateness, missed periods and corruption every 1,000 ticks.

On GICv3 the same again with the hostile VM's interrupts delivered directly
(vmconf/qemu_aarch64-hostile-direct.vmconf, interrupts = direct): its vIC
scribbles then reach the physical GIC for its own interrupts, and nothing
of its may reach the sentinel.

One session per row under -icount (deterministic, so "missed 0" is a fact,
not luck), ended by guest progress: once the hostile VM has printed its
summary and the sentinel has reported after it. The number of fault reports
the hypervisor prints is not checked (they are rate-limited).
"""

import re
import subprocess
import sys
from dataclasses import dataclass

import pytest

from bulwark_test import SRCTREE, shared_build

# A safety net only: a session ends when the guests say so, in seconds.
TIMEOUT = 600
ICOUNT = ["-icount", "shift=0,align=off,sleep=off"]
# Done: the hostile VM's summary, then a report of the sentinel's. Stuck: a minute of the
# sentinel's ticks without it (the hostile guest's own run takes about one second).
# Each alternative ends with a whole sentinel report (its last word and the newline), or
# QEMU could be stopped while the line is still arriving.
STOP_AFTER = (r"^\[hostile\] \d+ passed, \d+ failed.*"
              r"^\[sentinel\] sentinel: \d+ ticks[^\n]* us\r?\n"
              r"|^\[sentinel\] sentinel: 60000 ticks[^\n]* us\r?\n")
RESETS = 5
CALLS = 20000

COUNTS = ("breaches", "misfaults", "ic-aborts", "wrong-results", "privileged", "lost",
          "reset-failures")
TOTALS = ("probes", "ic-writes", "calls", "traps", "wfis", "resets")
VERDICT = re.compile(r"^hostile: " + ", ".join(rf"{c} (\d+)" for c in COUNTS) + r" \(" +
                     ", ".join(rf"{t} (\d+)" for t in TOTALS) + r"\)$")
SENTINEL = re.compile(r"^sentinel: (\d+) ticks, worst lateness (\d+) ns, missed (\d+), "
                      r"corrupted (\d+), (\d+) ticks in (\d+) us$")


@dataclass
class Row:
    board: str
    variant: str
    configs: list
    qemu_args: list
    layout: str = "hostile"  # vmconf/<board>-<layout>.vmconf


ROWS = [
    Row("qemu_rv64", "plic-sstc", ["qemu_rv64_defconfig"], ["-cpu", "rv64"]),
    Row("qemu_rv64", "plic-no-sstc", ["qemu_rv64_defconfig"], ["-cpu", "rv64,sstc=false"]),
    # The AIA's APLIC in direct delivery (aplic.config; board.mk adds aia=aplic): the
    # hostile guest scribbles over its vAPLIC domain and probes the machine-level one.
    Row("qemu_rv64", "aplic", ["qemu_rv64_defconfig", "aplic.config"], ["-cpu", "rv64"]),
    # The APLIC in MSI mode and IMSIC guest files (imsic.config): it scribbles over its
    # vAPLIC (any hart, any identity: the guest index reads 0), and every other page of
    # the IMSICs (the sentinel's guest file, the hypervisor's S-level files, the M-level
    # IMSICs) must fault; only its own guest file is mapped.
    Row("qemu_rv64", "imsic", ["qemu_rv64_defconfig", "imsic.config"], ["-cpu", "rv64"]),
    Row("qemu_aarch64", "gicv3", ["qemu_aarch64_defconfig"], []),
    Row("qemu_aarch64", "gicv2", ["qemu_aarch64_defconfig", "gicv2.config"], []),
    # The hostile VM with interrupts = direct: its CPU takes its own interrupts at EL1,
    # the rest of its GIC still trapped (Documentation/benchmarks.md).
    Row("qemu_aarch64", "gicv3-direct", ["qemu_aarch64_defconfig"], [], "hostile-direct"),
    # AArch32 (Documentation/arm32.md): the hostile guest reaches the first 4 GiB of its
    # 40-bit guest-physical space (its MMU is off) and tries PL2 and Secure cp15 registers.
    Row("qemu_arm", "gicv2", ["qemu_arm_defconfig"], []),
    Row("qemu_arm", "gicv3", ["qemu_arm_defconfig", "gicv3.config"], []),
]
IDS = [f"{r.board}-{r.variant}" for r in ROWS]


@pytest.fixture(scope="module")
def session(tmp_path_factory, shared_dir):
    """Builds and runs one row once; returns its console output (the build
    is shared by the rows that differ only in QEMU's arguments)."""
    logs = {}

    def get(row):
        key = (row.board, row.variant)
        if key not in logs:
            out = shared_build(shared_dir, row.configs, f"vmconf/{row.board}-{row.layout}.vmconf")
            log = tmp_path_factory.mktemp(f"hostile-{row.board}-{row.variant}") / "console.log"
            proc = subprocess.run([sys.executable, str(SRCTREE / "tools/qemu-run.py"),
                                   "--timeout", str(TIMEOUT), "--log", str(log),
                                   "--stop-after", STOP_AFTER, str(out / "run.json"), "--"]
                                  + row.qemu_args + ICOUNT,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            text = log.read_text(errors="replace").replace("\r", "")
            assert proc.returncode != 124, f"the session did not finish:\n{text[-6000:]}"
            assert proc.returncode == 0, f"QEMU exited {proc.returncode}:\n{text[-6000:]}"
            logs[key] = text
        return logs[key]
    return get


def lines_of(text, vm):
    return [line[len(vm) + 3:] for line in text.splitlines() if line.startswith(f"[{vm}] ")]


def verdict(text):
    """The hostile guest's one verdict line, as {count name: value}."""
    found = [VERDICT.match(x) for x in lines_of(text, "hostile") if VERDICT.match(x)]
    assert len(found) == 1, f"expected one verdict line:\n{text[-6000:]}"
    return dict(zip(COUNTS + TOTALS, map(int, found[0].groups())))


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_hostile_guest_breaks_nothing(session, row):
    text = session(row)
    v = verdict(text)
    for name in COUNTS:
        if name != "ic-aborts":   # its own test below
            assert v[name] == 0, f"{name} {v[name]}:\n" + "\n".join(lines_of(text, "hostile"))
    # It did what it says: the probes, the calls and the resets all happened.
    assert v["probes"] >= 10000 and v["calls"] == CALLS and v["resets"] == RESETS, v
    assert v["ic-writes"] > 0 and v["traps"] > 0 and v["wfis"] > 0, v
    lines = text.splitlines()
    # The resets restarted the hostile VM alone, from a fresh image each time.
    assert f"[bulwark] vm 'hostile' restarted from a fresh image (boot {RESETS + 1})" in lines
    assert any(x.startswith("[bulwark] vm 'hostile' stopped: shut down by its guest")
               for x in lines), text[-6000:]
    assert not [x for x in lines if x.startswith("[bulwark] vm 'sentinel' ")], text[-6000:]
    # Every report is about the hostile VM; none is an error of the hypervisor's.
    for line in lines:
        assert not line.startswith("[bulwark] error"), line
        if line.startswith("[bulwark] warning"):
            assert line.startswith("[bulwark] warning: vm 'hostile' "), line
    print(f"{row.board} {row.variant}: " + ", ".join(f"{k} {x}" for k, x in v.items()))


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_virtual_interrupt_controller_takes_every_32bit_write(session, row):
    """A 32-bit store to any register of the virtual interrupt controller is not an abort:
    bits the VM does not own or registers it does not have are RAZ/WI."""
    text = session(row)
    v = verdict(text)
    refused = [x for x in lines_of(text, "hostile") if "IC ABORT" in x]
    assert v["ic-aborts"] == 0, f"{v['ic-aborts']} of {v['ic-writes']} stores refused:\n" + \
        "\n".join(refused)


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_sentinel_keeps_time_and_memory(session, row):
    text = session(row)
    sentinel = lines_of(text, "sentinel")
    assert any(x.startswith("sentinel: tick every 1000 us") for x in sentinel), text[-6000:]
    reports = [tuple(map(int, m.groups())) for m in map(SENTINEL.match, sentinel) if m]
    assert reports, text[-6000:]
    ticks = [r[0] for r in reports]
    assert ticks == sorted(ticks) and ticks[0] >= 1000, reports
    # The reports are cumulative: the last one, after the hostile VM stopped, covers it all.
    last = reports[-1]
    stopped = text.index("[bulwark] vm 'hostile' stopped")
    assert text.rindex("[sentinel] sentinel: ") > stopped, text[-6000:]
    assert last[2] == 0, f"sentinel missed {last[2]} periods: {reports}"
    assert last[3] == 0, f"sentinel's canary corrupted {last[3]} times: {reports}"
    assert not any(x.startswith(("FAIL", "sentinel: canary")) for x in sentinel), sentinel
    print(f"{row.board} {row.variant}: sentinel {last[0]} ticks, worst lateness {last[1]} ns")
