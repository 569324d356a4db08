# SPDX-License-Identifier: Apache-2.0
"""QEMU system tests: first boot of every RISC-V 64 configuration, and of the
other boards.

Each row boots one build under QEMU with a timeout and checks the console
and that QEMU exited by itself (the hypervisor powers the machine off).
"""

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field

import pytest

from bulwark_test import SRCTREE, make_ok, shared_build, shared_run

TIMEOUT = 300  # a bound for a hung system, never a measure: a busy host is slow


@dataclass
class Boot:
    name: str
    fragments: list = field(default_factory=list)
    qemu_args: list = field(default_factory=list)
    expect: list = field(default_factory=list)   # regexes, each must match a line
    reject: list = field(default_factory=list)   # regexes no line may match
    status: int = 0


BANNER = r"^Bulwark 0\.1\.0 .*board qemu_rv64.*PLIC.*{n} CPUs"

BOOTS = [
    Boot("default", expect=[BANNER.format(n=4), r"^all 4 CPUs online",
                            r"^boot CPU \d \(hart \d\) in HS-mode"]),
    Boot("sbi-console", fragments=["sbi-console.config"],
         expect=[BANNER.format(n=4), r"^all 4 CPUs online"]),
    Boot("debug", fragments=["debug.config"],
         expect=[BANNER.format(n=4), r"^all 4 CPUs online"]),
    Boot("no-sstc", qemu_args=["-cpu", "rv64,sstc=false"],
         expect=[BANNER.format(n=4), r"^all 4 CPUs online"]),
    Boot("two-harts-present", qemu_args=["-smp", "2"],
         expect=[BANNER.format(n=4), r"hart 2\b.*(absent|not present|did not start)",
                 r"hart 3\b.*(absent|not present|did not start)"],
         reject=[r"^all 4 CPUs online"]),
    # OpenSBI fw_jump enters the payload at 0x80200000 as well (one hart:
    # fw_jump 1.5.1 strands late harts, see boards/qemu_rv64/board.mk).
    Boot("fw-jump", qemu_args=["-bios", "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin",
                               "-smp", "1"],
         expect=[BANNER.format(n=4), r"firmware argument 0x82200000",
                 r"hart 1\b.*not present", r"^warning: only 1 of 4 CPUs online"]),
    Boot("no-h-extension", qemu_args=["-cpu", "rv64,h=false"],
         expect=[r"hypervisor extension", r"-cpu rv64"], reject=[r"online in HS-mode"]),
]


def boot(out, qemu_args, logs=None):
    """Boots the build in OUT; its console log goes to LOGS (default: OUT)."""
    log = (logs or out) / "console.log"
    proc = subprocess.run([sys.executable, str(SRCTREE / "tools/qemu-run.py"),
                           "--timeout", str(TIMEOUT), "--log", str(log),
                           str(out / "run.json"), "--"] + qemu_args,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return proc.returncode, log.read_text(errors="replace"), proc.stderr


# The builds and boots of a run are shared (shared_build, shared_run): the
# rows here that boot what a row of test_vms.py boots (the default layout, the
# same QEMU arguments) check the same boot, and the default boot of qemu_rv64
# serves the three tests that read it.
def shared_boot(shared_dir, goals, vmconf, qemu_args):
    """The (status, console, stderr) of the run's boot of GOALS and VMCONF."""
    return shared_run(shared_dir, shared_build(shared_dir, goals, vmconf), qemu_args,
                      timeout=TIMEOUT)


@pytest.mark.parametrize("case", BOOTS, ids=[b.name for b in BOOTS])
def test_boot(shared_dir, case):
    status, console, err = shared_boot(shared_dir, ["qemu_rv64_defconfig", *case.fragments],
                                       "vmconf/qemu_rv64.vmconf", case.qemu_args)
    assert status != 124, f"QEMU did not exit by itself:\n{console}{err}"
    assert status == case.status, f"QEMU exited {status}:\n{console}{err}"
    lines = console.splitlines()
    for pattern in case.expect:
        assert any(re.search(pattern, line) for line in lines), \
            f"expected a line matching {pattern!r}:\n{console}"
    for pattern in case.reject:
        assert not any(re.search(pattern, line) for line in lines), \
            f"unexpected line matching {pattern!r}:\n{console}"


@pytest.fixture
def default_rv64(shared_dir):
    """The default qemu_rv64 build of this run (test_boot[default]'s too)."""
    return shared_build(shared_dir, ["qemu_rv64_defconfig"], "vmconf/qemu_rv64.vmconf")


def test_every_hart_reports_once(shared_dir):
    status, console, err = shared_boot(shared_dir, ["qemu_rv64_defconfig"],
                                       "vmconf/qemu_rv64.vmconf", [])
    assert status == 0, console + err
    boot_harts = re.findall(r"^boot CPU (\d) \(hart \1\) in HS-mode", console, re.M)
    others = re.findall(r"^CPU (\d) \(hart \1\) online in HS-mode", console, re.M)
    assert len(boot_harts) == 1, console
    assert sorted(boot_harts + others) == ["0", "1", "2", "3"], console


def test_layout_summary_printed(shared_dir):
    status, console, err = shared_boot(shared_dir, ["qemu_rv64_defconfig"],
                                       "vmconf/qemu_rv64.vmconf", [])
    assert status == 0, console + err
    assert re.search(r"\brt\b.*CPU", console), console
    assert re.search(r"\bapp\b.*CPU", console), console


def test_missing_qemu_is_explained(default_rv64):
    proc = subprocess.run([sys.executable, str(SRCTREE / "tools/qemu-run.py"),
                           "--qemu", "qemu-system-nonexistent", "--timeout", "5",
                           str(default_rv64 / "run.json")],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert proc.returncode == 127
    assert "qemu-system-nonexistent not found: install the Debian package " \
        "qemu-system-riscv from bookworm-backports" in proc.stdout


VENDOR_KCONFIG = """\
# SPDX-License-Identifier: Apache-2.0
# A vendor's board kept outside the Bulwark tree (QEMU virt, 2 harts).

config BOARD_QEMU_VENDOR
\tdef_bool BOARD = "qemu_vendor"
\tselect ARCH_RISCV
\tselect 64BIT
\tselect HAS_MMU
\tselect HAS_PLIC
\tselect HAS_UART_NS16550

config BOARD_NR_CPUS
\tdefault 2 if BOARD_QEMU_VENDOR

config HYP_LOAD_ADDR
\tdefault 0x80200000 if BOARD_QEMU_VENDOR

config VMCONF
\tdefault "vmconf/vendor.vmconf" if BOARD_QEMU_VENDOR
"""

VENDOR_LAYOUT = """\
# SPDX-License-Identifier: Apache-2.0
vm solo {
    cpus  = [0, 1]
    image = "${O}/guests/hello-rv64.bin"
    memory ram {
        guest = 0x80000000
        size  = 8M
    }
}
"""


def test_out_of_tree_board(tmp_path):
    """make BOARD_ROOT=/path/to/vendor qemu_vendor_defconfig && make, then boot it."""
    vendor = tmp_path / "vendor"
    board = vendor / "boards" / "qemu_vendor"
    board.mkdir(parents=True)
    (board / "Kconfig.board").write_text(VENDOR_KCONFIG)
    hw = (SRCTREE / "boards/qemu_rv64/board.hw").read_text()
    (board / "board.hw").write_text(hw.replace("board qemu_rv64", "board qemu_vendor")
                                    .replace("cpus      = 4", "cpus      = 2"))
    (board / "board.mk").write_text((SRCTREE / "boards/qemu_rv64/board.mk").read_text())
    (vendor / "configs").mkdir()
    (vendor / "configs" / "qemu_vendor_defconfig").write_text('CONFIG_BOARD="qemu_vendor"\n')
    (vendor / "vmconf").mkdir()
    (vendor / "vmconf" / "vendor.vmconf").write_text(VENDOR_LAYOUT)
    out = tmp_path / "out"
    help_text = make_ok("help", f"BOARD_ROOT={vendor}", O=out).out
    assert "qemu_vendor_defconfig" in help_text
    make_ok(f"BOARD_ROOT={vendor}", "qemu_vendor_defconfig", O=out)
    make_ok(f"BOARD_ROOT={vendor}", O=out)
    status, console, err = boot(out, [])
    assert status == 0, console + err
    assert re.search(r"^Bulwark 0\.1\.0 .*board qemu_vendor.*2 CPUs", console, re.M), console
    assert re.search(r"\bsolo\b", console), console


def test_rv32_boot(shared_dir, tmp_path):
    """qemu_rv32 on qemu-system-riscv32 -cpu rv32 (OpenSBI's rv32 fw_dynamic,
    payload at 0x80400000): every hart comes up in HS-mode, both VMs of the
    default layout run behind Sv32x4 G-stage tables and the machine powers
    off. The build and the first boot are test_vms' qemu_rv32.vmconf-rv32-sstc
    ones."""
    out = shared_build(shared_dir, ["qemu_rv32_defconfig"], "vmconf/qemu_rv32.vmconf")
    status, console, err = shared_run(shared_dir, out, ["-cpu", "rv32"], timeout=TIMEOUT)
    assert status == 0, console + err
    lines = console.splitlines()
    assert "Bulwark 0.1.0 (board qemu_rv32, irqchip PLIC, 4 CPUs, MMU)" in lines, console
    booted = re.findall(r"^boot CPU (\d) \(hart \1\) in HS-mode", console, re.M)
    others = re.findall(r"^CPU (\d) \(hart \1\) online in HS-mode$", console, re.M)
    assert sorted(booted + others) == ["0", "1", "2", "3"], console
    assert "all 4 CPUs online" in lines, console
    assert "[rt] 13 passed, 0 failed" in lines, console
    assert re.search(r"^\[app\] \d+ passed, 0 failed$", console, re.M), console
    # Sstc reaches the guest: henvcfg.STCE is in henvcfgh on RV32.
    assert "[app] INFO timer_periodic: 1000 ticks at 1000 Hz, deadlines through Sstc stimecmp" \
        in lines, console
    # Without the H extension the hypervisor says which CPU to ask QEMU for.
    status, console, err = boot(out, ["-cpu", "rv32,h=false"], tmp_path)
    assert "under QEMU run with -cpu rv32 (H is on by default)" in console, console + err
    assert "online in HS-mode" not in console, console
    assert lines[-1] == "[bulwark] every VM has stopped; powering off", console


FW_JUMP = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin"


@pytest.mark.skipif(not os.path.exists(FW_JUMP), reason="opensbi not installed")
def test_rv64_boots_from_one_image_with_its_firmware(default_rv64, tmp_path):
    """The image BOOT_IMAGE = sbi-jump makes (cva6_genesys2; its layout is checked by
    test_build.py): fw_jump.bin padded to 2 MiB, then bulwark.bin, entered at its first byte
    with the device tree in a1, as CVA6's FPGA boot ROM does and as QEMU does with -bios none.
    OpenSBI starts the hypervisor at 0x80200000 with the tree at 0x82200000. One hart: fw_jump
    1.5.1 strands harts that reach its boot lottery late (fixed in OpenSBI 1.6, 3e141a69)."""
    firmware = open(FW_JUMP, "rb").read()
    image = tmp_path / "bulwark-sbi.bin"
    image.write_bytes(firmware + bytes(0x200000 - len(firmware)) +
                      (default_rv64 / "bulwark.bin").read_bytes())
    desc = {"qemu": "qemu-system-riscv64", "qemu_package": "qemu-system-riscv",
            "args": ["-M", "virt", "-cpu", "rv64", "-smp", "1", "-m", "1G",
                     "-kernel", str(image)]}
    (tmp_path / "sbi.json").write_text(json.dumps(desc))
    log = tmp_path / "sbi.log"
    # No firmware of QEMU's: the image starts at 0x80000000 in M-mode.
    proc = subprocess.run([sys.executable, str(SRCTREE / "tools/qemu-run.py"),
                           "--timeout", str(TIMEOUT), "--log", str(log),
                           str(tmp_path / "sbi.json"), "--", "-bios", "none"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    console = log.read_text(errors="replace")
    assert proc.returncode == 0, console + proc.stderr
    assert re.search(r"^Domain0 Next Address\s*: 0x0*80200000$", console, re.M), console
    assert re.search(BANNER.format(n=4), console, re.M), console
    assert re.search(r"^boot CPU \d \(hart \d\) in HS-mode, firmware argument 0x82200000",
                     console, re.M), console
    assert re.search(r"^warning: only 1 of 4 CPUs online", console, re.M), console


UBOOT = "/usr/lib/u-boot/qemu_arm64/u-boot.bin"


@pytest.mark.skipif(not os.path.exists(UBOOT), reason="u-boot-qemu not installed")
def test_aarch64_boots_through_uboot_booti(shared_dir, tmp_path):
    """Debian's U-Boot starts bulwark.bin (arm64 Image header) with booti at EL2."""
    out = shared_build(shared_dir, ["qemu_aarch64_defconfig"], "vmconf/qemu_aarch64.vmconf")
    desc = {"qemu": "qemu-system-aarch64", "qemu_package": "qemu-system-arm",
            "firmware": UBOOT, "firmware_package": "u-boot-qemu",
            "args": ["-M", "virt,virtualization=on,gic-version=3", "-cpu", "cortex-a53",
                     "-smp", "4", "-m", "1G", "-nic", "none", "-bios", UBOOT, "-device",
                     f"loader,file={out / 'bulwark.bin'},addr=0x42000000"]}
    (tmp_path / "uboot.json").write_text(json.dumps(desc))
    log = tmp_path / "uboot.log"
    proc = subprocess.run([sys.executable, str(SRCTREE / "tools/qemu-run.py"),
                           "--timeout", str(TIMEOUT), "--log", str(log),
                           "--send-after", "Hit any key", r"\r",
                           "--send-after", "=> ", r"booti 0x42000000 - ${fdtcontroladdr}\r",
                           str(tmp_path / "uboot.json")],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    console = log.read_text(errors="replace")
    assert proc.returncode == 0, console + proc.stderr
    assert "Moving Image from 0x42000000 to 0x40080000" in console, console
    assert re.search(r"^Bulwark 0\.1\.0 .*board qemu_aarch64.*GICv3.*4 CPUs", console, re.M)
    assert re.search(r"^boot CPU \d \(MPIDR \d+\) in EL2, firmware argument 0x[1-9a-f]", console,
                     re.M), console
    assert "[bulwark] every VM has stopped; powering off" in console


@pytest.mark.parametrize("gic,goals", [("GICv3", ["qemu_aarch64_defconfig"]),
                                       ("GICv2", ["qemu_aarch64_defconfig", "gicv2.config"])])
def test_aarch64_boot_at_el2(shared_dir, gic, goals):
    """QEMU enters the ELF at EL2; secondaries come up through PSCI CPU_ON.
    The boot of test_vms' qemu_aarch64.vmconf row of that GIC."""
    status, console, err = shared_boot(shared_dir, goals, "vmconf/qemu_aarch64.vmconf", [])
    assert status == 0, console + err
    assert re.search(rf"^Bulwark 0\.1\.0 \(board qemu_aarch64, irqchip {gic}, 4 CPUs, MMU\)$",
                     console, re.M), console
    booted = re.findall(r"^boot CPU (\d) \(MPIDR \1\) in EL2", console, re.M)
    others = re.findall(r"^CPU (\d) \(MPIDR \1\) online in EL2$", console, re.M)
    assert sorted(booted + others) == ["0", "1", "2", "3"], console
    assert "all 4 CPUs online" in console


def test_aarch64_cpu_indexes_follow_the_boards_cpu_ids(tmp_path):
    """The physical CPU numbering is board.hw's cpu_ids table, not Aff0 + 16 x Aff1: a copy
    of qemu_aarch64 listing QEMU's MPIDRs out of order boots on MPIDR 0 as CPU index 1
    (found by boot.S's table search), starts the others by their table entries through
    PSCI CPU_ON, finds each one's GICv3 redistributor and runs the default layout."""
    vendor = tmp_path / "vendor"
    board = vendor / "boards" / "qemu_shuffled"
    board.mkdir(parents=True)
    src = SRCTREE / "boards/qemu_aarch64"
    (board / "Kconfig.board").write_text(
        (src / "Kconfig.board").read_text().replace("QEMU_AARCH64", "QEMU_SHUFFLED")
        .replace('"qemu_aarch64"', '"qemu_shuffled"'))
    hw = (src / "board.hw").read_text()
    assert "cpus      = 4\n" in hw
    (board / "board.hw").write_text(
        hw.replace("board qemu_aarch64", "board qemu_shuffled")
        .replace("cpus      = 4\n", "cpus      = 4\n    cpu_ids   = [0x2, 0x0, 0x3, 0x1]\n"))
    (board / "board.mk").write_text((src / "board.mk").read_text())
    (vendor / "configs").mkdir()
    (vendor / "configs" / "qemu_shuffled_defconfig").write_text('CONFIG_BOARD="qemu_shuffled"\n')
    out = tmp_path / "out"
    make_ok(f"BOARD_ROOT={vendor}", "qemu_shuffled_defconfig", O=out)
    make_ok(O=out)
    status, console, err = boot(out, [], tmp_path)
    assert status == 0, console + err
    assert re.search(r"^boot CPU 1 \(MPIDR 0\) in EL2", console, re.M), console
    online = re.findall(r"^CPU (\d) \(MPIDR (\d)\) online in EL2$", console, re.M)
    assert sorted(online) == [("0", "2"), ("2", "3"), ("3", "1")], console
    assert "all 4 CPUs online" in console
    assert "[bulwark] every VM has stopped; powering off" in console


# (QEMU CPU, configuration goals, GIC): Armv7-A CPUs have a GICv2; QEMU's max
# (Armv8-A in AArch32) has the GICv3 system registers (board.mk picks it for gicv3.config).
ARM32_BOOTS = [("cortex-a15", ["qemu_arm_defconfig"], "GICv2"),
               ("cortex-a7", ["qemu_arm_defconfig"], "GICv2"),
               ("max", ["qemu_arm_defconfig", "gicv3.config"], "GICv3")]


@pytest.mark.parametrize("cpu,goals,gic", ARM32_BOOTS, ids=["cortex-a15", "cortex-a7", "cpu-max"])
def test_arm32_boot_in_hyp_mode(shared_dir, cpu, goals, gic):
    """qemu_arm (AArch32): QEMU enters the ELF in Hyp mode; the Hyp MMU and
    vectors are on, secondaries come up through PSCI CPU_ON (SMC), the layout's
    VM runs (stage 2, HVC, the virtual PL011) and the machine powers off.
    The CPU board.mk gives a build (run.json) is not named again, so that
    the boot is test_vms' qemu_arm.vmconf row of that CPU."""
    out = shared_build(shared_dir, goals, "vmconf/qemu_arm.vmconf")
    args = json.loads((out / "run.json").read_text())["args"]
    given = args[args.index("-cpu") + 1]
    status, console, err = shared_run(shared_dir, out, [] if given == cpu else ["-cpu", cpu],
                                      timeout=TIMEOUT)
    assert status == 0, console + err
    assert re.search(rf"^Bulwark 0\.1\.0 \(board qemu_arm, irqchip {gic}, 4 CPUs, MMU\)$",
                     console, re.M), console
    booted = re.findall(r"^boot CPU (\d) \(MPIDR \1\) in Hyp mode", console, re.M)
    others = re.findall(r"^CPU (\d) \(MPIDR \1\) online in Hyp mode$", console, re.M)
    assert sorted(booted + others) == ["0", "1", "2", "3"], console
    assert "all 4 CPUs online" in console
    assert re.search(r'^VM 0 "\w+": CPUs 0', console, re.M), console
    assert "[bulwark] every VM has stopped; powering off" in console


def test_arm32_outside_hyp_mode_is_explained(shared_dir, tmp_path):
    """Without virtualization=on QEMU starts AArch32 CPUs in Supervisor mode:
    the hypervisor says so and halts instead of touching Hyp registers."""
    out = shared_build(shared_dir, ["qemu_arm_defconfig"], "vmconf/qemu_arm.vmconf")
    desc = json.loads((out / "run.json").read_text())
    desc["args"] = [a.replace("virtualization=on,", "") for a in desc["args"]]
    (tmp_path / "svc.json").write_text(json.dumps(desc))
    log = tmp_path / "svc.log"
    subprocess.run([sys.executable, str(SRCTREE / "tools/qemu-run.py"), "--timeout", "60",
                    "--stop-after", "halting", "--log", str(log), str(tmp_path / "svc.json")],
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    console = log.read_text(errors="replace")
    assert "Bulwark: error: entered in Supervisor mode, but the hypervisor must start in " \
        "Hyp mode" in console, console
    assert "online in Hyp mode" not in console


def test_arm32_gic_v3_build_on_a_cpu_without_its_registers_is_explained(shared_dir, tmp_path):
    """A GICv3 build on a CPU without the GICv3 system registers says what to run."""
    out = shared_build(shared_dir, ["qemu_arm_defconfig", "gicv3.config"],
                       "vmconf/qemu_arm.vmconf")
    desc = json.loads((out / "run.json").read_text())
    desc["args"] = [a.replace("gic-version=3", "gic-version=2") for a in desc["args"]]
    (tmp_path / "v2.json").write_text(json.dumps(desc))
    log = tmp_path / "v2.log"
    proc = subprocess.run([sys.executable, str(SRCTREE / "tools/qemu-run.py"), "--timeout",
                           str(TIMEOUT), "--log", str(log), str(tmp_path / "v2.json")],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    console = log.read_text(errors="replace")
    assert proc.returncode == 0, console + proc.stderr
    assert "error: CPU 0 has no GICv3 system register interface, but this build drives a " \
        "GICv3; under QEMU run an Armv8-A CPU with -M virt,gic-version=3 -cpu max" in console


def test_armv8r_boot_at_el2_with_the_mpu(shared_dir):
    """mps3_an536 (Armv8-R AArch32, two Cortex-R52): both CPUs enter the image
    in Hyp mode (CPU 1 waits in the boot pen until released), the EL2 MPU is
    on with the hypervisor's four regions, the default layout's VMs run on
    the virtual CMSDK UARTs and semihosting powers QEMU off with status 0.
    The boot of test_vms' mps3_an536.vmconf row."""
    status, console, err = shared_boot(shared_dir, ["mps3_an536_defconfig"],
                                       "vmconf/mps3_an536.vmconf", [])
    assert status == 0, console + err
    lines = console.splitlines()
    assert "Bulwark 0.1.0 (board mps3_an536, irqchip GICv3, 2 CPUs, MPU)" in lines, console
    assert "boot CPU 0 (MPIDR 0) in Hyp mode, firmware argument 0x0" in lines, console
    assert "EL2 MPU: 16 regions, 4 for the hypervisor, up to 8 for the VM of each CPU" \
        in lines, console
    assert "CPU 1 (MPIDR 1) online in Hyp mode" in lines, console
    assert "all 2 CPUs online" in lines, console
    assert re.search(r'^VM 1 "app": CPUs 1', console, re.M), console
    assert "[rt] 15 passed, 0 failed" in lines, console
    assert lines[-1] == "[bulwark] every VM has stopped; powering off", console


def mps3_variant(tmp_path, name, hw_edit):
    """An out-of-tree copy of mps3_an536 named NAME whose board.hw HW_EDIT changes."""
    vendor = tmp_path / "vendor"
    board = vendor / "boards" / name
    board.mkdir(parents=True)
    src = SRCTREE / "boards/mps3_an536"
    (board / "Kconfig.board").write_text(
        (src / "Kconfig.board").read_text().replace("mps3_an536", name)
        .replace("MPS3_AN536", name.upper()))
    (board / "board.hw").write_text(hw_edit((src / "board.hw").read_text())
                                    .replace("board mps3_an536", f"board {name}"))
    (board / "board.mk").write_text((src / "board.mk").read_text())
    (vendor / "configs").mkdir()
    (vendor / "configs" / f"{name}_defconfig").write_text(f'CONFIG_BOARD="{name}"\n')
    out = tmp_path / "out"
    make_ok(f"BOARD_ROOT={vendor}", f"{name}_defconfig", O=out)
    make_ok(f"BOARD_ROOT={vendor}", f"VMCONF={SRCTREE}/vmconf/mps3_an536.vmconf", O=out)
    return out


def test_armv8r_fewer_mpu_regions_than_the_board_says_stops_boot(tmp_path):
    """A CPU that reports fewer EL2 MPU regions than board.hw's mpu_regions
    stops the boot with one line that says so, and QEMU exits with failure."""
    out = mps3_variant(tmp_path, "mps3_many_regions",
                       lambda hw: hw.replace("mpu_regions = 16", "mpu_regions = 24"))
    status, console, err = boot(out, [])
    assert status == 1, console + err
    assert "error: CPU 0 reports 16 EL2 MPU regions (HMPUIR), fewer than board.hw's " \
        "mpu_regions = 24" in console.splitlines(), console
    assert "all 2 CPUs online" not in console
