# SPDX-License-Identifier: Apache-2.0
"""QEMU system tests: hardware boards boot on QEMU's model of them (the stand-ins).

A board whose board.mk names a QEMU machine other than virt (xlnx-zcu102
for the ZCU102, and for the ZCU104 and Ultra96, which have the same SoC;
raspi4b for the Raspberry Pi 4) is built from its shipped defconfig and default layout and
booted there once: the hypervisor must start every CPU at EL2, both demo
VMs must pass their cases on their virtual consoles, and QEMU must exit by
itself when the hypervisor powers the machine off. Documentation/boards.md
says which boards have a stand-in and why the others have none.
"""

import os
import re
import subprocess
import sys

import pytest

from bulwark_test import SRCTREE, shared_build

TIMEOUT = 600  # a bound for a hung system, never a measure: a busy host is slow
PASSED = r"^\d+ passed, 0 failed$"

# board -> (the line QEMU's model makes the hypervisor print about its CPUs,
# the VMs of the default layout)
STANDINS = {
    "zcu102": ("all 4 CPUs online", ["rt", "app"]),
    # The same SoC as the ZCU102: QEMU's xlnx-zcu102 stands in (the Ultra96's
    # console is UART1, QEMU's second serial port).
    "zcu104": ("all 4 CPUs online", ["rt", "app"]),
    "ultra96": ("all 4 CPUs online", ["rt", "app"]),
    # CPUs 1-3 leave QEMU's spin table (CONFIG_ARM_SPIN_TABLE).
    "rpi4": ("all 4 CPUs online", ["rt", "app"]),
}


def vm_lines(console, vm):
    return [line[len(vm) + 3:] for line in console.splitlines() if line.startswith(f"[{vm}] ")]


def test_every_standin_board_has_a_row():
    """Every board other than the qemu_* and mps3_an536 ones that names a QEMU machine."""
    named = set()
    for mk in (SRCTREE / "boards").glob("*/board.mk"):
        board = mk.parent.name
        if board.startswith("qemu_") or board == "mps3_an536":
            continue
        if re.search(r"^QEMU_SYSTEM[ \t]*:?=[ \t]*\S", mk.read_text(), re.M):
            named.add(board)
    assert named == set(STANDINS)


@pytest.mark.parametrize("board", sorted(STANDINS))
def test_board_boots_on_its_standin(shared_dir, tmp_path, board):
    online, vms = STANDINS[board]
    out = shared_build(shared_dir, [f"{board}_defconfig"])
    log = tmp_path / "console.log"
    proc = subprocess.run([sys.executable, str(SRCTREE / "tools/qemu-run.py"),
                           "--timeout", str(TIMEOUT), "--log", str(log), str(out / "run.json")],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    console = log.read_text(errors="replace")
    assert proc.returncode != 124, f"QEMU did not exit by itself:\n{console}"
    assert proc.returncode == 0, f"QEMU exited {proc.returncode}:\n{console}{proc.stderr}"
    lines = console.splitlines()
    assert lines[0].startswith(f"Bulwark ") and f"(board {board}," in lines[0], console
    assert re.search(r"^boot CPU 0 \(MPIDR 0\) in EL2", console, re.M), console
    assert online in lines, console
    for vm in vms:
        own = vm_lines(console, vm)
        assert own, f"vm '{vm}' printed nothing:\n{console}"
        assert re.search(PASSED, own[-1]), f"vm '{vm}' ended with {own[-1]!r}:\n{console}"
        assert not any(line.startswith("FAIL ") for line in own), console
        assert any(line.startswith(f"[bulwark] vm '{vm}' stopped: shut down by its guest")
                   for line in lines), console
    for line in lines:
        assert not line.startswith("[bulwark] warning:"), f"unexpected: {line}\n{console}"
        assert not line.startswith("[bulwark] error:"), f"unexpected: {line}\n{console}"
    assert lines[-1] == "[bulwark] every VM has stopped; powering off", console


# Debian's Linux beside rt on QEMU's models (vmconf/<board>-linux.vmconf): what
# the user types reaches the shell through the virtual UART's receive
# interrupt, and what it prints comes back on the board's UART driver's tty.
LINUX_PROMPT = "root@linux:/# "
LINUX_COMMANDS = "cat /proc/consoles; echo answer=$((6*7)); poweroff\n"
LINUX_TTY = {"zcu102": "ttyPS0", "rpi4": "ttyAMA0"}  # Cadence UART, PL011


@pytest.mark.parametrize("board", sorted(LINUX_TTY))
def test_linux_beside_rt_on_the_standin(shared_dir, tmp_path, board):
    base = os.environ.get("BULWARK_CHECK_OBJTREE") or str(SRCTREE / "build" / "check")
    env = {"LINUX_GUEST_CACHE": os.path.join(base, "linux-guest-cache")}
    out = shared_build(shared_dir, [f"{board}_defconfig"], vmconf=f"vmconf/{board}-linux.vmconf",
                       env=env)
    log = tmp_path / "console.log"
    proc = subprocess.run([sys.executable, str(SRCTREE / "tools/qemu-run.py"),
                           "--timeout", str(TIMEOUT), "--log", str(log),
                           "--send-after", re.escape(LINUX_PROMPT), LINUX_COMMANDS,
                           str(out / "run.json")],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    console = log.read_text(errors="replace").replace("\r", "")
    assert proc.returncode != 124, f"QEMU did not exit by itself:\n{console[-6000:]}"
    assert proc.returncode == 0, f"QEMU exited {proc.returncode}:\n{console[-6000:]}"
    linux = vm_lines(console, "linux")
    assert any(f"Machine model: Bulwark VM linux on {board}" in x for x in linux), console
    assert any(re.match(r"Linux \S+ on Bulwark: 3 CPUs, \d+ kB memory$", x) for x in linux), \
        console
    # The typed line came back and ran, on the tty of the board's UART driver.
    assert "answer=42" in linux, console
    assert any(re.match(LINUX_TTY[board] + r"\s+-W", x) for x in linux), console
    assert re.search(PASSED, vm_lines(console, "rt")[-1]), console
    lines = console.splitlines()
    assert "[bulwark] vm 'linux' stopped: shut down by its guest (PSCI SYSTEM_OFF)" in lines, \
        console
    for line in lines:
        assert not line.startswith(("[bulwark] warning", "[bulwark] error")), line
    assert lines[-1] == "[bulwark] every VM has stopped; powering off", console
