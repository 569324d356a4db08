# SPDX-License-Identifier: Apache-2.0
"""Direct interrupt delivery (interrupts = direct) on QEMU's GICv3.

vmconf/qemu_aarch64-direct.vmconf runs the 'direct' guest in a VM whose
CPUs take their own physical interrupts, beside 'ticker', an ordinary VM.
The direct VM must pass every case: its virtual timer, the PL031's SPI and
its SGIs arrive; a cold reset stops its second CPU although that CPU spins
with every exception masked and never traps, after it disabled, masked and
acknowledged what it could of Group 0 (the hypervisor's Group 0 SGI still
reaches it as an FIQ at EL2); SGIs it sends to every other CPU reach no
other VM (the neighbour would abort, the hypervisor would warn) and the
console's SPI stays out of its reach; and a priority mask of 0 masks nothing,
which only holds when its interrupts bypass the virtual CPU interface (the
same guest in an ordinary VM fails that check). GICv2 cannot build the
layout: the checker refuses it (tests/vmconf/test_direct_irqs.py).
"""

import subprocess
import sys

import pytest

from bulwark_test import SRCTREE, shared_build

TIMEOUT = 600  # a bound for a hung system, never a measure: a busy host is slow
LAYOUT = "qemu_aarch64-direct.vmconf"


def vm_lines(console, vm):
    return [line[len(vm) + 3:] for line in console.splitlines() if line.startswith(f"[{vm}] ")]


@pytest.fixture(scope="module")
def console(shared_dir, tmp_path_factory):
    out = shared_build(shared_dir, ["qemu_aarch64_defconfig"], f"vmconf/{LAYOUT}")
    log = tmp_path_factory.mktemp("direct") / "console.log"
    proc = subprocess.run([sys.executable, str(SRCTREE / "tools/qemu-run.py"),
                           "--timeout", str(TIMEOUT), "--log", str(log), str(out / "run.json")],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    text = log.read_text(errors="replace")
    assert proc.returncode == 0, f"QEMU exited {proc.returncode}:\n{text}{proc.stderr}"
    return text


def test_direct_vm_passes(console):
    own = vm_lines(console, "direct")
    fails = [line for line in own if line.startswith(("FAIL ", "SKIP "))]
    assert not fails, "\n".join(fails) + f"\n\n{console}"
    assert own and own[-1] == "39 passed, 0 failed", console
    for check in ("PASS direct_reset: boots before this one: the reset stopped a masked CPU",
                  "PASS direct_hostile: SGIs to every CPU but this one: none comes back here",
                  "PASS direct_hostile: the console's SPI reads disabled",
                  "PASS direct_masking: a priority mask of 0 masks nothing: ICC_PMR_EL1 is "
                  "virtual",
                  "PASS gic_timer: PPI 27 interrupts taken",
                  "PASS gic_spi: RTC match interrupt (SPI 34) arrives",
                  "PASS gic_sgi: SGI round trips between cpus 0 and 1"):
        assert check in own, console


def test_neighbour_and_hypervisor(console):
    lines = console.splitlines()
    theirs = vm_lines(console, "ticker")
    assert theirs and theirs[-1] == "4 passed, 0 failed", console
    assert "[bulwark] vm 'direct' restarted from a fresh image (boot 2)" in lines, console
    for vm in ("direct", "ticker"):
        assert any(line.startswith(f"[bulwark] vm '{vm}' stopped: shut down by its guest")
                   for line in lines), console
    assert not [line for line in lines if line.startswith(("[bulwark] warning:",
                                                           "[bulwark] error:"))], console
    assert lines[-1] == "[bulwark] every VM has stopped; powering off", console
