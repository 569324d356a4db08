# SPDX-License-Identifier: Apache-2.0
"""QEMU system tests: a VM given the console UART (console = passthrough) owns it.

From the moment the owner starts until it stops, nothing but the owner's
own bytes reaches the UART: no hypervisor message (not even the reports of
the other VM's faults) and no other VM's virtual console. What is typed
reaches the owner. When it stops, the hypervisor says how much it held back
and the other VM's console is heard again.
"""

import subprocess
import sys

import pytest

from bulwark_test import SRCTREE, shared_build

TIMEOUT = 600  # a bound for a hung system, never a measure: a busy host is slow
HANDED = ("[bulwark] console: vm 'owner' owns the UART (console = passthrough); the hypervisor "
          "and the other VMs stay silent on it until that VM stops")
BACK = "[bulwark] console: vm 'owner' stopped; the UART is the hypervisor's again"
PASTE = "".join(chr(ord("a") + i % 26) for i in range(4096))

BOARDS = {"qemu_rv64": ["qemu_rv64_defconfig"],
          "qemu_aarch64": ["qemu_aarch64_defconfig"],
          "qemu_aarch64-gicv2": ["qemu_aarch64_defconfig", "gicv2.config"],
          "qemu_arm": ["qemu_arm_defconfig"],
          # Armv8-R: the EL2 MPU lends the hypervisor's console region to the owner.
          "mps3_an536": ["mps3_an536_defconfig"]}
LAYOUT = {"mps3_an536": "mps3_an536-passthrough.vmconf"}


@pytest.mark.parametrize("board", sorted(BOARDS))
def test_passthrough_console_is_exclusive(shared_dir, tmp_path, board):
    arch = "rv64" if board.startswith("qemu_rv64") else "arm" if board == "qemu_arm" else "aarch64"
    out = shared_build(shared_dir, BOARDS[board],
                       f"vmconf/{LAYOUT.get(board, f'qemu_{arch}-passthrough.vmconf')}")
    log = tmp_path / "console.log"
    proc = subprocess.run([sys.executable, str(SRCTREE / "tools/qemu-run.py"),
                           "--timeout", str(TIMEOUT), "--log", str(log),
                           "--send-after", "waiting for a line of input", r"to-owner\r",
                           # The guest's console_paste: 4 KiB and Enter, held back by
                           # QEMU's UART until the owner reads them.
                           "--send-after", "waiting for a paste", PASTE + r"\r",
                           str(out / "run.json")],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    console = log.read_text(errors="replace")
    assert proc.returncode == 0, f"QEMU exited {proc.returncode}:\n{console}{proc.stderr}"
    lines = [line.rstrip("\r") for line in console.splitlines()]
    assert HANDED in lines, console
    start = lines.index(HANDED)
    back = [i for i, line in enumerate(lines) if line.startswith(BACK)]
    assert back, f"the hypervisor never took the UART back:\n{console}"
    owned = lines[start + 1:back[0]]
    # Only the owner's own, unprefixed lines while it owns the UART.
    intruders = [line for line in owned if line.startswith("[")]
    assert not intruders, f"others wrote to the owner's UART: {intruders}\n{console}"
    assert "PASS console_input: read a line: 'to-owner'" in owned, console
    assert any(line.startswith("PASS console_paste: ") for line in owned), console
    assert any(line.endswith("passed, 0 failed") and not line.startswith("[")
               for line in owned), console
    # The other VM faulted meanwhile; its reports were held back, not lost silently.
    held = int(lines[back[0]].split("(")[1].split()[0])
    assert held > 0, lines[back[0]]
    assert "[bulwark] every VM has stopped; powering off" in lines[back[0]:], console
