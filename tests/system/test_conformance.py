# SPDX-License-Identifier: Apache-2.0
"""Conformance suites written from the specifications, natively and in a VM.

Documentation/conformance.md lists every register and call a suite checks
and the check that proves it. Each row of SUITES is one suite on one board
variant (interrupt controller, CPU option): the guest, the layout that runs
it in a VM beside a neighbour, the exact number of checks it must pass
there, and, where QEMU alone can run it, how to boot it natively and how
many checks pass that way. The native run proves the checks right against
QEMU's own devices; the VM run proves the hypervisor conforms. Adding a
board or an interrupt controller is adding a row.

In the VM the suite must end with its exact verdict and no FAIL, SKIP or
hypervisor warning (registers that are RAZ/WI never fault), the neighbour
must pass too (the suite's SYSTEM_OFF stops its own VM only), and QEMU must
exit by itself once both VMs stopped.
"""

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field

import pytest

from bulwark_test import SRCTREE, build_guests, shared_build

TIMEOUT = 600  # a bound for a hung system, never a measure: a busy host is slow
SUMMARY = re.compile(r"^(\d+) passed, (\d+) failed$")

ARM_NATIVE = ["qemu-system-aarch64", "-M", "virt,gic-version={gic}", "-cpu", "cortex-a53",
              "-smp", "2", "-m", "1G", "-nographic", "-nic", "none", "-kernel"]
ARM32_NATIVE = ["qemu-system-arm", "-M", "virt,gic-version={gic}", "-cpu", "{cpu}", "-smp", "2",
                "-m", "1G", "-nographic", "-nic", "none", "-kernel"]
RV64_NATIVE = ["qemu-system-riscv64", "-M", "virt", "-cpu", "{cpu}", "-smp", "2", "-m", "1G",
               "-nographic", "-bios", "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin",
               "-kernel"]


@dataclass
class Suite:
    board: str                  # boards/<board>
    variant: str                # test id: the interrupt controller or CPU option
    config: list                # make configuration goals
    layout: str                 # vmconf/<layout>: the suite's VM and its neighbour
    vm: str                     # the VM running the suite
    vm_passed: int              # its exact verdict: "<vm_passed> passed, 0 failed"
    neighbours: dict = field(default_factory=dict)  # other VM -> its exact verdict line
    qemu_extra: list = field(default_factory=list)  # QEMU arguments for the VM run
    guest: str = ""             # the guest image (tests/guests) for the native run
    arch: str = ""              # its GUEST_ARCH
    cross_compile: str = ""
    native: list = field(default_factory=list)      # QEMU command; the image path follows
    native_passed: int = 0      # exact native verdict (0: no native run)
    may_skip: list = field(default_factory=list)    # SKIP lines allowed natively (regexes)

    @property
    def name(self):
        return f"{self.layout.replace('.vmconf', '')}-{self.variant}"


def arm(gic, vm_passed, native_passed):
    config = ["qemu_aarch64_defconfig"] + (["gicv2.config"] if gic == 2 else [])
    return Suite("qemu_aarch64", f"gicv{gic}", config, "qemu_aarch64-conformance.vmconf",
                 "armconf", vm_passed, neighbours={"neighbour": "4 passed, 0 failed"},
                 guest="armconf", arch="aarch64", cross_compile="aarch64-linux-gnu-",
                 native=[a.replace("{gic}", str(gic)) for a in ARM_NATIVE],
                 native_passed=native_passed,
                 # QEMU's GICv3 has an ITS, so GICR_CTLR.EnableLPIs is not RAZ/WI there.
                 may_skip=[r"^SKIP gic_conformance_ids: GICR_CTLR.EnableLPIs"])


def arm32(gic, vm_passed, native_passed):
    """The same suite built for AArch32 (Documentation/arm32.md): Cortex-A15 with a GICv2,
    QEMU's max CPU in AArch32 with a GICv3. SMC64 function ids are NOT_SUPPORTED to it."""
    config = ["qemu_arm_defconfig"] + (["gicv3.config"] if gic == 3 else [])
    cpu = "max" if gic == 3 else "cortex-a15"
    return Suite("qemu_arm", f"gicv{gic}", config, "qemu_arm-conformance.vmconf",
                 "armconf", vm_passed, neighbours={"neighbour": "4 passed, 0 failed"},
                 guest="armconf", arch="arm", cross_compile="arm-linux-gnueabihf-",
                 native=[a.replace("{gic}", str(gic)).replace("{cpu}", cpu)
                         for a in ARM32_NATIVE],
                 native_passed=native_passed,
                 may_skip=[r"^SKIP gic_conformance_ids: GICR_CTLR.EnableLPIs"])


def rv64(variant, cpu, vm_passed, native_passed):
    """SBI 3.0 (Documentation/conformance-sbi.md): the sbiconf guest on 3 harts beside a ticker."""
    return Suite("qemu_rv64", variant, ["qemu_rv64_defconfig"], "qemu_rv64-conformance.vmconf",
                 "sbi", vm_passed, neighbours={"ticker": "4 passed, 0 failed"},
                 qemu_extra=["-cpu", cpu], guest="sbiconf", arch="rv64",
                 cross_compile="riscv64-linux-gnu-",
                 native=[a.replace("{cpu}", cpu) for a in RV64_NATIVE],
                 native_passed=native_passed,
                 # OpenSBI 1.5.1 is SBI 2.0: where it answers otherwise than 3.0 the guest
                 # says so in a SKIP; SUSP it lacks; one probe would clobber a resume address.
                 may_skip=[r"^SKIP \S+: this SBI \(before 3\.0\) answers",
                           r"^SKIP sbi_susp: SUSP is not implemented by this SBI$",
                           r"^SKIP sbi_hsm_states: non-retentive: hart_start of the suspended"])


# In the VM: + 7 PSCI checks over SMC (psci.c), + GICR_CTLR.EnableLPIs on GICv3.
# RISC-V: the guest's timer through Sstc and through SBI TIME; then a hart with
# Zicfilp and Ssnpm, whose FWFT LANDING_PAD and POINTER_MASKING_PMLEN become the
# VM's too (8 more checks in the VM; OpenSBI 1.5.1 offers neither natively).
SUITES = [
    arm(3, vm_passed=97, native_passed=89),
    arm(2, vm_passed=91, native_passed=84),
    # AArch32 adds arm32_state.c (Thumb IT blocks, FIQ r8-r12): 5 checks.
    arm32(3, vm_passed=102, native_passed=94),
    arm32(2, vm_passed=96, native_passed=89),
    rv64("sstc", "rv64", vm_passed=214, native_passed=140),
    rv64("no-sstc", "rv64,sstc=false", vm_passed=214, native_passed=140),
    rv64("cfi-pointer-masking",
         "rv64,zimop=true,zcmop=true,zicfilp=true,zicfiss=true,ssnpm=true,ssdbltrp=true",
         vm_passed=222, native_passed=140),
    # RV32 (Documentation/boards.md): the same suite and verdict as RV64's, in the VM only
    # (arguments have no upper bits to ignore there: those checks repeat the plain ones).
    Suite("qemu_rv32", "rv32", ["qemu_rv32_defconfig"], "qemu_rv32-conformance.vmconf", "sbi",
          214, neighbours={"ticker": "4 passed, 0 failed"}, qemu_extra=["-cpu", "rv32"]),
]


def vm_lines(console, vm):
    return [line[len(vm) + 3:] for line in console.splitlines() if line.startswith(f"[{vm}] ")]


@pytest.fixture(scope="module")
def builds(tmp_path_factory, shared_dir):
    """One hypervisor build per (layout, configuration), shared by the
    variants that differ only in QEMU's arguments, and the guests per arch."""
    done = {}

    def get(kind, suite):
        key = (kind, suite.arch) if kind == "guests" else (kind, suite.layout, suite.variant)
        if key in done:
            return done[key]
        if kind == "guests":
            out = tmp_path_factory.mktemp(f"guests-{suite.arch}")
            build_guests(out, suite.arch, suite.cross_compile)
        else:
            out = shared_build(shared_dir, suite.config, f"vmconf/{suite.layout}")
        done[key] = out
        return out
    return get


def test_every_conformance_layout_has_a_suite():
    shipped = {p.name for p in (SRCTREE / "vmconf").glob("*-conformance.vmconf")}
    assert shipped <= {s.layout for s in SUITES}


@pytest.mark.parametrize("suite", SUITES, ids=[s.name for s in SUITES])
def test_conformance_in_vm(builds, tmp_path, suite):
    out = builds("vm", suite)
    log = tmp_path / "console.log"
    proc = subprocess.run([sys.executable, str(SRCTREE / "tools/qemu-run.py"),
                           "--timeout", str(TIMEOUT), "--log", str(log),
                           str(out / "run.json"), "--"] + suite.qemu_extra,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    console = log.read_text(errors="replace")
    assert proc.returncode == 0, f"QEMU exited {proc.returncode}:\n{console}{proc.stderr}"
    lines = console.splitlines()

    own = vm_lines(console, suite.vm)
    problems = [line for line in own if line.startswith(("FAIL ", "SKIP "))]
    assert not problems, "\n".join(problems) + f"\n\n{console}"
    assert own and own[-1] == f"{suite.vm_passed} passed, 0 failed", console
    for vm, verdict in suite.neighbours.items():
        theirs = vm_lines(console, vm)
        assert theirs and theirs[-1] == verdict, console
    for vm in [suite.vm, *suite.neighbours]:
        assert any(line.startswith(f"[bulwark] vm '{vm}' stopped: shut down by its guest")
                   for line in lines), console
    # RAZ/WI registers and conforming calls: nothing for the hypervisor to contain.
    assert not [line for line in lines if line.startswith(("[bulwark] warning:",
                                                           "[bulwark] error:"))], console
    assert lines[-1] == "[bulwark] every VM has stopped; powering off", console


NATIVE = [s for s in SUITES if s.native_passed]


@pytest.mark.parametrize("suite", NATIVE, ids=[s.name for s in NATIVE])
def test_conformance_native(builds, suite):
    if not shutil.which(suite.native[0]) or not shutil.which(suite.cross_compile + "gcc"):
        pytest.skip(f"not installed: {suite.native[0]} or {suite.cross_compile}gcc")
    image = builds("guests", suite) / "native" / f"{suite.guest}-{suite.arch}.elf"
    try:
        proc = subprocess.run(suite.native + [str(image)], stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=TIMEOUT)
    except subprocess.TimeoutExpired as e:
        pytest.fail(f"QEMU did not exit by itself:\n{(e.stdout or b'').decode(errors='replace')}")
    console = proc.stdout.decode(errors="replace")
    lines = [line.strip() for line in console.splitlines() if line.strip()]
    assert proc.returncode == 0, console
    problems = [line for line in lines if line.startswith("FAIL ") or (
        line.startswith("SKIP ") and not any(re.search(p, line) for p in suite.may_skip))]
    assert not problems, "\n".join(problems) + f"\n\n{console}"
    assert lines and lines[-1] == f"{suite.native_passed} passed, 0 failed", console
