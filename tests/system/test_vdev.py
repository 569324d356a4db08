# SPDX-License-Identifier: Apache-2.0
"""QEMU system test of the device-model registry: a VM whose models need more
MMIO windows than the four a VM once had (virtual console and two GPIO
doorbell controllers, on GICv3 five windows) starts and runs, on both GICs.
"""

import subprocess
import sys

import pytest

from bulwark_test import SRCTREE, shared_build

TIMEOUT = 600  # a bound for a hung system, never a measure: a busy host is slow


def boot(out, tmp_path):
    """Runs the build in OUT to its power-off: its console log, whole and as lines."""
    log = tmp_path / "console.log"
    proc = subprocess.run([sys.executable, str(SRCTREE / "tools/qemu-run.py"),
                           "--timeout", str(TIMEOUT), "--log", str(log),
                           str(out / "run.json"), "--"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    console = log.read_text(errors="replace")
    assert proc.returncode == 0, f"QEMU exited {proc.returncode}:\n{console}{proc.stderr}"
    return console, console.splitlines()
LAYOUT = SRCTREE / "tests" / "system" / "layouts" / "qemu_aarch64-gpio-doorbells.vmconf"
VARIANTS = {"gicv3": ["qemu_aarch64_defconfig"],
            "gicv2": ["qemu_aarch64_defconfig", "gicv2.config"]}


@pytest.mark.parametrize("variant", VARIANTS)
def test_many_windows_vm_starts(shared_dir, tmp_path, variant):
    out = shared_build(shared_dir, VARIANTS[variant], LAYOUT)
    console, lines = boot(out, tmp_path)
    assert not [x for x in lines if "error:" in x], console
    for vm in ("app", "peer"):
        own = [x for x in lines if x.startswith(f"[{vm}] ")]
        assert own and own[-1].endswith(" passed, 0 failed"), console
        assert f"[bulwark] vm '{vm}' stopped: shut down by its guest (PSCI SYSTEM_OFF)" in lines
    assert lines[-1] == "[bulwark] every VM has stopped; powering off", console


# GPIO doorbells both ways (Documentation/ipc.md): 'sender' rings through output line 4 of
# its virtual PL061 and hears 'echo' as rising edges on line 0, 'echo' uses the hypercall.
GPIO_VARIANTS = {
    "qemu_aarch64-gicv3": ["qemu_aarch64_defconfig"],
    "qemu_arm-gicv2": ["qemu_arm_defconfig"],
    "qemu_arm-gicv3": ["qemu_arm_defconfig", "gicv3.config"],
}


@pytest.mark.parametrize("variant", GPIO_VARIANTS)
def test_gpio_doorbells_carry_messages(shared_dir, tmp_path, variant):
    board = variant.split("-")[0]
    layout = SRCTREE / "tests" / "system" / "layouts" / f"{board}-gpio-ipc.vmconf"
    out = shared_build(shared_dir, GPIO_VARIANTS[variant], layout)
    console, lines = boot(out, tmp_path)
    assert not [x for x in lines if "warning:" in x or "error:" in x], console
    assert "[sender] PASS ipc_messages: doorbells rung, one per message" in lines, console
    for vm, verdict in (("sender", "8 passed, 0 failed"), ("echo", "6 passed, 0 failed")):
        own = [x for x in lines if x.startswith(f"[{vm}] ")]
        assert own and own[-1] == f"[{vm}] {verdict}", console
    assert lines[-1] == "[bulwark] every VM has stopped; powering off", console
