# SPDX-License-Identifier: Apache-2.0
"""QEMU system tests: every QEMU layout in vmconf/ boots its VMs.

Each row names a layout, the verdict each VM's guest must print as its last
line, the containment reports the hypervisor must print, and the VMs that
must end stopped by the hypervisor. Every RISC-V 64 layout runs with and
without the Sstc extension, every AArch64 layout with GICv3 and GICv2, every
AArch32 layout on a Cortex-A15 (GICv2) and on QEMU's max CPU (Armv8-A in
AArch32, GICv3). RISC-V 32 runs its default layout with the PLIC and the
APLIC, each with and without Sstc, and its other layouts in one of those.
QEMU must exit by itself: the hypervisor powers the machine off once every
VM has stopped.
"""

import re
from dataclasses import dataclass, field

import pytest

from bulwark_test import SRCTREE, shared_build, shared_run

TIMEOUT = 600  # a bound for a hung system, never a measure: a busy host is slow
PASSED = r"(\d+) passed, 0 failed"


@dataclass
class Layout:
    board: str
    file: str
    verdicts: dict                                  # vm -> regex of its last line
    reports: list = field(default_factory=list)     # regexes of hypervisor lines
    contained: list = field(default_factory=list)   # VMs the hypervisor stops
    lines: list = field(default_factory=list)       # other lines that must appear
    sends: list = field(default_factory=list)       # (regex, text) typed on the console
    # variant -> {vm -> regex}: verdicts where a variant's guests run other cases
    variant_verdicts: dict = field(default_factory=dict)
    # the board's variants this layout runs in (None: all of them)
    variants: list = None


def report(vm, access, addr, why, action):
    return (rf"^\[bulwark\] warning: vm '{vm}' vCPU 0: {access} {addr} \(pc 0x[0-9a-f]+\): "
            rf"{why}; {action}$")


NOT_COVERED = "no memory region or device of the VM's layout covers it"
INJECTED = "access fault injected"
STOPPED = r"VM stopped \(fault = stop in its layout\)"


PROBED = {"qemu_rv64": ("0x90000000", "0x10001000", "0x2000000"),
          "qemu_rv32": ("0x90000000", "0x10001000", "0x2000000"),
          "qemu_aarch64": ("0x50000000", "0x9030000", "0xa000000"),
          "qemu_arm": ("0x50000000", "0x9030000", "0xa000000"),
          # the other VM's RAM, UART3, the dual timer (boards/mps3_an536/board.mk)
          "mps3_an536": ("0x23000000", "0xe0206000", "0xe0101000")}


def probes(board, vm):
    """The reports the isolation guest's probes cause in a VM that injects."""
    found = []
    for addr in PROBED[board]:
        found.append(report(vm, "load from", addr, NOT_COVERED, INJECTED))
        found.append(report(vm, "store to", addr, NOT_COVERED, INJECTED))
    return found


def bad_console_buffer(vm, rv32=False):
    """The basic guest's bad-argument case hands the SBI console a wild pointer:
    above 2^64 on RV64, at 0x180000000 (base_addr_hi 1) on RV32, whose 34-bit
    guest space could hold memory there, but the VM has none."""
    return report(vm, "console write from" if rv32 else "console buffer at", "0x180000000",
                  "an SBI call pointed outside the VM's memory", "SBI error returned")


# The console layouts: a line to each VM (Ctrl-] 1, then Ctrl-] 0), then a
# 4 KiB paste and Enter to each, typed at once while the guest is not reading
# (console_paste checks that every byte arrived, in order).
PASTE = "".join(chr(ord("a") + i % 26) for i in range(4096))
CONSOLE_SENDS = [("waiting for a line.*waiting for a line",
                  r"\x1d1to-second\r\x1d0to-first\r"),
                 ("waiting for a paste.*waiting for a paste",
                  PASTE + r"\r\x1d1" + PASTE + r"\r")]

LAYOUTS = [
    Layout("qemu_rv64", "qemu_rv64.vmconf",
           verdicts={"rt": r"^13 passed, 0 failed$", "app": rf"^{PASSED}$"},
           variant_verdicts={"aplic": {"rt": r"^45 passed, 0 failed$"},
                             "imsic": {"rt": r"^34 passed, 0 failed$"},
                             "imsic-no-sstc": {"rt": r"^34 passed, 0 failed$"}},
           reports=[bad_console_buffer("app")],
           lines=[r"^\[app\] INFO runtime: device tree at 0x83e00000$",
                  r"^\[app\] INFO runtime: device tree header ok$"]),
    Layout("qemu_rv64", "qemu_rv64-isolation.vmconf",
           verdicts={"good": rf"^{PASSED}$", "prober": r"^28 passed, 0 failed$"},
           reports=probes("qemu_rv64", "prober") + [
               report("rogue", "load from", "0x90000000", NOT_COVERED, STOPPED),
               bad_console_buffer("good")],
           contained=["rogue"]),
    Layout("qemu_rv64", "qemu_rv64-reboot.vmconf",
           verdicts={"rebooter": r"^1 passed, 0 failed$", "rtc": r"^13 passed, 0 failed$",
                     "thief": r"^28 passed, 0 failed$", "ticker": r"^4 passed, 0 failed$"},
           variant_verdicts={"aplic": {"rtc": r"^45 passed, 0 failed$"},
                             "imsic": {"rtc": r"^34 passed, 0 failed$"}},
           reports=probes("qemu_rv64", "thief"),
           lines=[r"^\[bulwark\] vm 'rebooter' restarted from a fresh image \(boot 2\)$"]),
    # Input starts with the first VM; Ctrl-] 1 and Ctrl-] 0 move it. On RISC-V both
    # VMs print and read through the virtual 16550 their device trees name.
    Layout("qemu_rv64", "qemu_rv64-console.vmconf",
           verdicts={"first": r"^10 passed, 0 failed$", "second": r"^10 passed, 0 failed$"},
           lines=[r"^\[first\] PASS console_input: read a line: 'to-first'$",
                  r"^\[second\] PASS console_input: read a line: 'to-second'$",
                  r"^\[bulwark\] console input goes to vm 'second'$",
                  r"^\[first\] PASS console_uart: this line went out through THR at 0x10000000$",
                  r"^\[second\] PASS console_uart: this line went out through THR at 0x10000000$",
                  r"^\[first\] PASS console_uart_interrupts: the line came through \d+ "
                  r"receive interrupts \(9 bytes\)$",
                  r"^\[second\] PASS console_uart_interrupts: the line came through \d+ "
                  r"receive interrupts \(10 bytes\)$"],
           sends=CONSOLE_SENDS),
    Layout("qemu_aarch64", "qemu_aarch64.vmconf",
           verdicts={"rt": r"^33 passed, 0 failed$", "app": r"^53 passed, 0 failed$"},
           lines=[r"^\[app\] INFO runtime: device tree at 0x43e00000$",
                  r"^\[app\] INFO runtime: device tree header ok$"]),
    Layout("qemu_aarch64", "qemu_aarch64-isolation.vmconf",
           verdicts={"good": r"^53 passed, 0 failed$", "prober": r"^27 passed, 0 failed$"},
           # Enabling an interrupt it does not own is RAZ/WI on the GIC: no report.
           reports=probes("qemu_aarch64", "prober") + [
               report("rogue", "load from", "0x50000000", NOT_COVERED, STOPPED)],
           contained=["rogue"]),
    Layout("qemu_aarch64", "qemu_aarch64-reboot.vmconf",
           verdicts={"rebooter": r"^1 passed, 0 failed$", "rtc": r"^33 passed, 0 failed$",
                     "thief": r"^27 passed, 0 failed$"},
           reports=probes("qemu_aarch64", "thief"),
           lines=[r"^\[bulwark\] vm 'rebooter' restarted from a fresh image \(boot 2\)$"]),
    Layout("qemu_aarch64", "qemu_aarch64-console.vmconf",
           verdicts={"first": r"^2 passed, 0 failed$", "second": r"^2 passed, 0 failed$"},
           lines=[r"^\[first\] PASS console_input: read a line: 'to-first'$",
                  r"^\[second\] PASS console_input: read a line: 'to-second'$",
                  r"^\[bulwark\] console input goes to vm 'second'$"],
           sends=CONSOLE_SENDS),
    # AArch32 (Documentation/arm32.md): the GIC cases (SPI, SGIs, timer PPIs, priorities
    # through the vGICv2) and the arch-neutral and PSCI cases, with AArch64's verdicts.
    Layout("qemu_arm", "qemu_arm.vmconf",
           verdicts={"rt": r"^33 passed, 0 failed$", "app": r"^53 passed, 0 failed$"}),
    Layout("qemu_arm", "qemu_arm-isolation.vmconf",
           verdicts={"good": r"^53 passed, 0 failed$", "prober": r"^27 passed, 0 failed$"},
           reports=probes("qemu_arm", "prober") + [
               report("rogue", "load from", "0x50000000", NOT_COVERED, STOPPED)],
           contained=["rogue"]),
    Layout("qemu_arm", "qemu_arm-reboot.vmconf",
           verdicts={"rebooter": r"^1 passed, 0 failed$", "rtc": r"^33 passed, 0 failed$",
                     "thief": r"^27 passed, 0 failed$"},
           reports=probes("qemu_arm", "thief"),
           lines=[r"^\[bulwark\] vm 'rebooter' restarted from a fresh image \(boot 2\)$"]),
    Layout("qemu_arm", "qemu_arm-console.vmconf",
           verdicts={"first": r"^2 passed, 0 failed$", "second": r"^2 passed, 0 failed$"},
           lines=[r"^\[first\] PASS console_input: read a line: 'to-first'$",
                  r"^\[second\] PASS console_input: read a line: 'to-second'$",
                  r"^\[bulwark\] console input goes to vm 'second'$"],
           sends=CONSOLE_SENDS),
    # Armv8-R AArch32 (Documentation/armv8r.md): two Cortex-R52, the EL2 MPU as each
    # VM's stage 2, a virtual CMSDK UART per VM, the vGICv3. One vCPU per VM, so the
    # cases that need a second CPU skip; PSCI has no SMC conduit without EL3.
    Layout("mps3_an536", "mps3_an536.vmconf",
           verdicts={"rt": r"^15 passed, 0 failed$", "app": r"^21 passed, 0 failed$"}),
    # Containment through the EL2 MPU: every probe of another VM's RAM or a device the
    # VM does not own is a stage-2 fault, reported and injected; the other VM carries on.
    Layout("mps3_an536", "mps3_an536-isolation.vmconf",
           verdicts={"prober": r"^27 passed, 0 failed$", "good": r"^21 passed, 0 failed$"},
           reports=probes("mps3_an536", "prober")),
    # Input through the virtual CMSDK UARTs' receive path and interrupt.
    Layout("mps3_an536", "mps3_an536-console.vmconf",
           verdicts={"first": r"^2 passed, 0 failed$", "second": r"^2 passed, 0 failed$"},
           lines=[r"^\[first\] PASS console_input: read a line: 'to-first'$",
                  r"^\[second\] PASS console_input: read a line: 'to-second'$",
                  r"^\[bulwark\] console input goes to vm 'second'$"],
           sends=CONSOLE_SENDS),
    # fault = stop, and a VM reboot into the same MPU regions beside it.
    Layout("mps3_an536", "mps3_an536-reboot.vmconf",
           verdicts={"rebooter": r"^1 passed, 0 failed$"},
           reports=[report("rogue", "load from", "0x23000000", NOT_COVERED, STOPPED)],
           contained=["rogue"],
           lines=[r"^\[bulwark\] vm 'rebooter' restarted from a fresh image \(boot 2\)$"]),
]

# RISC-V 32 (Documentation/boards.md): the same guests, cases and verdicts as RISC-V 64.
LAYOUTS += [
    Layout("qemu_rv32", "qemu_rv32.vmconf",
           verdicts={"rt": r"^13 passed, 0 failed$", "app": rf"^{PASSED}$"},
           variant_verdicts={**{v: {"rt": r"^45 passed, 0 failed$"}
                                for v in ("rv32-aplic", "rv32-aplic-no-sstc")},
                             **{v: {"rt": r"^34 passed, 0 failed$"}
                                for v in ("rv32-imsic", "rv32-imsic-no-sstc")}},
           reports=[bad_console_buffer("app", rv32=True)],
           lines=[r"^\[app\] INFO runtime: device tree at 0x83e00000$",
                  r"^\[app\] INFO runtime: device tree header ok$"]),
    Layout("qemu_rv32", "qemu_rv32-isolation.vmconf",
           verdicts={"good": rf"^{PASSED}$", "prober": r"^28 passed, 0 failed$"},
           reports=probes("qemu_rv32", "prober") + [
               report("rogue", "load from", "0x90000000", NOT_COVERED, STOPPED),
               bad_console_buffer("good", rv32=True)],
           contained=["rogue"], variants=["rv32-no-sstc"]),
    Layout("qemu_rv32", "qemu_rv32-reboot.vmconf",
           verdicts={"rebooter": r"^1 passed, 0 failed$", "rtc": r"^45 passed, 0 failed$",
                     "thief": r"^28 passed, 0 failed$", "ticker": r"^4 passed, 0 failed$"},
           reports=probes("qemu_rv32", "thief"), variants=["rv32-aplic"],
           lines=[r"^\[bulwark\] vm 'rebooter' restarted from a fresh image \(boot 2\)$"]),
]

# IPC: 10 000 messages each way (1000 on RV32, tests/guests/Makefile) through shared memory and doorbells; an
# outsider VM can neither reach the memory nor ring the doorbells.
for board, addr in (("qemu_rv64", "0x88000000"), ("qemu_aarch64", "0x48000000"),
                    ("qemu_arm", "0x48000000"), ("qemu_rv32", "0x88000000")):
    LAYOUTS.append(Layout(board, f"{board}-ipc.vmconf",
                          verdicts={"sender": r"^7 passed, 0 failed$",
                                    "echo": r"^6 passed, 0 failed$",
                                    "outsider": r"^2 passed, 0 failed$"},
                          reports=[report("outsider", "load from", addr, NOT_COVERED, INJECTED)],
                          variants=["rv32-sstc"] if board == "qemu_rv32" else None))

# The same on the two Cortex-R52 of mps3_an536 (the EL2 MPU maps the object in both
# VMs at its physical address); no third CPU for an outsider.
LAYOUTS.append(Layout("mps3_an536", "mps3_an536-ipc.vmconf",
                      verdicts={"sender": r"^7 passed, 0 failed$",
                                "echo": r"^6 passed, 0 failed$"}))

# DMA: 'disk' owns a virtio-mmio transport (a bus master) and its layout says
# dma = trusted; the boot log warns about it, and both VMs pass.
def trusted_with_dma(vm, device):
    return (rf'^(\[bulwark\] )?warning: VM 0 "{vm}" is trusted with DMA: through {device} it '
            r"can read and write all memory, the hypervisor's and other VMs' included "
            r"\(no IOMMU\)$")


for board, device in (("qemu_rv64", "virtio7"), ("qemu_aarch64", "virtio24_31"),
                      ("qemu_arm", "virtio24_31")):
    LAYOUTS.append(Layout(board, f"{board}-dma.vmconf",
                          verdicts={"disk": rf"^{PASSED}$", "other": rf"^{PASSED}$"},
                          reports=[bad_console_buffer(vm) for vm in ("disk", "other")
                                   if board == "qemu_rv64"],
                          lines=[trusted_with_dma("disk", device)]))

# Per board: variant -> (configuration goals, extra QEMU arguments).
VARIANTS = {
    # aplic: the AIA's APLIC in direct delivery instead of the PLIC; board.mk
    # adds aia=aplic to -M, and the guest named plic runs the aplic cases.
    "qemu_rv64": {"sstc": (["qemu_rv64_defconfig"], ["-cpu", "rv64"]),
                  "no-sstc": (["qemu_rv64_defconfig"], ["-cpu", "rv64,sstc=false"]),
                  "aplic": (["qemu_rv64_defconfig", "aplic.config"], ["-cpu", "rv64"]),
                  # imsic: the APLIC in MSI mode and IMSIC guest files (board.mk adds
                  # aia=aplic-imsic,aia-guests=1); the guest named plic runs the imsic
                  # cases, basic adds IPIs between its harts' IMSIC files.
                  "imsic": (["qemu_rv64_defconfig", "imsic.config"], ["-cpu", "rv64"]),
                  "imsic-no-sstc": (["qemu_rv64_defconfig", "imsic.config"],
                                    ["-cpu", "rv64,sstc=false"])},
    "qemu_aarch64": {"gicv3": (["qemu_aarch64_defconfig"], []),
                     "gicv2": (["qemu_aarch64_defconfig", "gicv2.config"], [])},
    "qemu_arm": {"cortex-a15": (["qemu_arm_defconfig"], []),
                 "cpu-max": (["qemu_arm_defconfig", "gicv3.config"], [])},
    "mps3_an536": {"cortex-r52": (["mps3_an536_defconfig"], [])},
    # RV32 on qemu-system-riscv32 -cpu rv32: PLIC, APLIC or APLIC+IMSIC, Sstc on or off.
    "qemu_rv32": {"rv32-sstc": (["qemu_rv32_defconfig"], ["-cpu", "rv32"]),
                  "rv32-no-sstc": (["qemu_rv32_defconfig"], ["-cpu", "rv32,sstc=false"]),
                  "rv32-aplic": (["qemu_rv32_defconfig", "aplic.config"], ["-cpu", "rv32"]),
                  "rv32-aplic-no-sstc": (["qemu_rv32_defconfig", "aplic.config"],
                                         ["-cpu", "rv32,sstc=false"]),
                  # The APLIC in MSI mode and IMSIC guest files, as on qemu_rv64.
                  "rv32-imsic": (["qemu_rv32_defconfig", "imsic.config"], ["-cpu", "rv32"]),
                  "rv32-imsic-no-sstc": (["qemu_rv32_defconfig", "imsic.config"],
                                         ["-cpu", "rv32,sstc=false"])},
}
# Variants run on some layouts only, to keep make check short: the default
# layout is the one that meets the interrupt controller in both timer modes.
# A board's second interrupt controller or timer mode runs the layouts that
# drive it (the GIC and PLIC/APLIC cases, the hostile prober, the doorbells);
# the console, reboot and DMA layouts touch it no differently from the first.
VARIANT_LAYOUTS = {"imsic-no-sstc": {"qemu_rv64.vmconf"},
                   "rv32-imsic": {"qemu_rv32.vmconf"},
                   "rv32-imsic-no-sstc": {"qemu_rv32.vmconf"},
                   "imsic": {"qemu_rv64.vmconf", "qemu_rv64-isolation.vmconf",
                             "qemu_rv64-reboot.vmconf", "qemu_rv64-ipc.vmconf"},
                   "aplic": {"qemu_rv64.vmconf", "qemu_rv64-isolation.vmconf",
                             "qemu_rv64-reboot.vmconf", "qemu_rv64-ipc.vmconf",
                             "qemu_rv64-console.vmconf"},
                   "no-sstc": {"qemu_rv64.vmconf", "qemu_rv64-isolation.vmconf",
                               "qemu_rv64-ipc.vmconf"},
                   "gicv2": {"qemu_aarch64.vmconf", "qemu_aarch64-isolation.vmconf",
                             "qemu_aarch64-ipc.vmconf"},
                   "cpu-max": {"qemu_arm.vmconf", "qemu_arm-isolation.vmconf",
                               "qemu_arm-ipc.vmconf"}}
CASES = [(row, variant) for row in LAYOUTS for variant in VARIANTS[row.board]
         if (row.variants is None or variant in row.variants)
         and row.file in VARIANT_LAYOUTS.get(variant, {row.file})]


# Layouts with a test file of their own.
OWN_TESTS = {"qemu_aarch64-linux.vmconf": "test_linux.py",
             "qemu_arm-linux.vmconf": "test_linux.py",
             "qemu_rv64-conformance.vmconf": "test_conformance.py",
             "qemu_rv64-hostile.vmconf": "test_hostile.py",
             "qemu_aarch64-hostile.vmconf": "test_hostile.py"}

OWN_TESTS["qemu_rv64-passthrough.vmconf"] = "test_console_owner.py"
OWN_TESTS["qemu_aarch64-passthrough.vmconf"] = "test_console_owner.py"
OWN_TESTS["mps3_an536-passthrough.vmconf"] = "test_console_owner.py"
OWN_TESTS["qemu_arm-passthrough.vmconf"] = "test_console_owner.py"
OWN_TESTS["qemu_aarch64-conformance.vmconf"] = "test_conformance.py"
OWN_TESTS["qemu_aarch64-direct.vmconf"] = "test_direct.py"  # GICv3 only
OWN_TESTS["qemu_aarch64-hostile-direct.vmconf"] = "test_hostile.py"  # GICv3 only
OWN_TESTS["qemu_aarch64-linux-uboot.vmconf"] = "test_preload.py"  # through U-Boot
OWN_TESTS["qemu_aarch64-linux-virtio.vmconf"] = "test_linux_virtio.py"  # dma = trusted
OWN_TESTS["qemu_arm-hostile.vmconf"] = "test_hostile.py"
OWN_TESTS["qemu_arm-conformance.vmconf"] = "test_conformance.py"
OWN_TESTS["qemu_rv32-conformance.vmconf"] = "test_conformance.py"
OWN_TESTS["qemu_aarch64-colored.vmconf"] = "test_colors.py"  # coloring.config
OWN_TESTS["qemu_rv64-colored.vmconf"] = "test_colors.py"


def test_every_qemu_layout_has_a_row():
    shipped = {p.name for board in VARIANTS for p in (SRCTREE / "vmconf").glob(f"{board}*.vmconf")}
    assert shipped == {row.file for row in LAYOUTS} | set(OWN_TESTS)
    for test in OWN_TESTS.values():
        assert (SRCTREE / "tests" / "system" / test).is_file()


@pytest.fixture(scope="module")
def layout_builds(shared_dir):
    """One build directory per layout and configuration, built on first use
    and shared by the variants that differ only in QEMU's arguments."""
    def get(row, variant):
        return shared_build(shared_dir, VARIANTS[row.board][variant][0], f"vmconf/{row.file}")
    return get


def vm_lines(console, vm):
    return [line[len(vm) + 3:] for line in console.splitlines() if line.startswith(f"[{vm}] ")]


@pytest.mark.parametrize("row,variant", CASES, ids=[f"{r.file}-{v}" for r, v in CASES])
def test_layout_boots(layout_builds, shared_dir, row, variant):
    out = layout_builds(row, variant)
    # One boot per build and QEMU arguments in a run: test_boot.py checks
    # the boot of some of these rows too.
    status, console, err = shared_run(shared_dir, out, VARIANTS[row.board][variant][1],
                                      row.sends, TIMEOUT)
    assert status != 124, f"QEMU did not exit by itself:\n{console}"
    assert status == 0, f"QEMU exited {status}:\n{console}{err}"
    lines = console.splitlines()

    verdicts = dict(row.verdicts, **row.variant_verdicts.get(variant, {}))
    for vm, verdict in verdicts.items():
        own = vm_lines(console, vm)
        assert own, f"vm '{vm}' printed nothing:\n{console}"
        assert re.search(verdict, own[-1]), \
            f"vm '{vm}' ended with {own[-1]!r}, expected {verdict!r}:\n{console}"
        assert not any(line.startswith("FAIL ") for line in own), console
        assert any(line.startswith(f"[bulwark] vm '{vm}' stopped: shut down by its guest")
                   for line in lines), console
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
