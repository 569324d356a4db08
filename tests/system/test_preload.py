# SPDX-License-Identifier: Apache-2.0
"""QEMU system tests: guest files loaded by the boot loader (a VM's preload).

The build writes boot.scr and bootdisk.img; Debian's U-Boot finds the
script on the virtual disk, loads the guest files at the layout's addresses
and starts the hypervisor, which checks each file's CRC-32 before its VM
first runs. A file that is not what the build recorded keeps its VM from
starting, and the other VM carries on.
"""

import os
import re
import shutil
import subprocess
import sys

import pytest

from bulwark_test import SRCTREE, make_ok, shared_build
from test_linux import linux_cache

TIMEOUT = 300  # a bound for a hung system, never a measure
UBOOT = "/usr/lib/u-boot/qemu_arm64/u-boot.bin"
LAYOUT = "tests/system/layouts/qemu_aarch64-preload.vmconf"
LINUX_LAYOUT = "vmconf/qemu_aarch64-linux-uboot.vmconf"

pytestmark = pytest.mark.skipif(not os.path.exists(UBOOT), reason="u-boot-qemu not installed")


def run(out, log, *extra):
    proc = subprocess.run([sys.executable, str(SRCTREE / "tools/qemu-run.py"), "--timeout",
                           str(TIMEOUT), "--log", str(log), *extra, str(out / "run.json")],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return proc.returncode, log.read_text(errors="replace") + proc.stderr


@pytest.fixture(scope="module")
def preload_build(shared_dir):
    return shared_build(shared_dir, ["qemu_aarch64_defconfig"], LAYOUT)


def test_build_writes_script_and_disk_and_embeds_nothing(preload_build):
    out = preload_build
    script = (out / "generated/boot.cmd").read_text()
    assert re.search(r"^load \$\{bulwark_disk\} 0x70000000 rt/gic-aarch64\.bin", script, re.M)
    assert re.search(r"^load \$\{bulwark_disk\} 0x70800000 app/basic-aarch64\.bin", script, re.M)
    assert re.search(r"^booti \$\{kernel_addr_r\} - \$\{fdtcontroladdr\}", script, re.M)
    assert (out / "boot.scr").stat().st_size > 64  # the mkimage header and the script
    assert (out / "bootdisk.img").read_bytes()[510:512] == b"\x55\xaa"
    # Nothing embedded: the guest images are not in the hypervisor.
    guest = (out / "guests/gic-aarch64.bin").read_bytes()
    assert guest[:256] not in (out / "bulwark.bin").read_bytes()
    assert '"-bios"' in (out / "run.json").read_text()


def test_uboot_loads_the_guests_and_both_vms_run(preload_build):
    status, console = run(preload_build, preload_build / "boot.log")
    assert status == 0, console
    assert "Found U-Boot script /boot.scr" in console, console
    assert "preloaded by the boot loader: image at phys 0x70000000" in console, console
    assert re.search(r"^\[rt\] PASS gic_spi", console, re.M), console
    assert re.search(r"^\[app\] PASS timer_periodic", console, re.M), console
    assert "not started" not in console, console
    assert "[bulwark] every VM has stopped; powering off" in console


def test_a_file_that_is_not_what_the_build_recorded_keeps_its_vm_down(preload_build, tmp_path):
    """rt's image on the disk is changed by one byte: rt is refused, app runs."""
    out = tmp_path / "tampered"
    shutil.copytree(preload_build, out, symlinks=True)
    image = out / "tampered-gic.bin"
    data = bytearray((preload_build / "guests/gic-aarch64.bin").read_bytes())
    data[100] ^= 0xff
    image.write_bytes(bytes(data))
    manifest = out / "generated/bootdisk.manifest"
    lines = manifest.read_text().splitlines()
    lines = [f"rt/gic-aarch64.bin\t{image}" if line.startswith("rt/") else
             line.replace(str(preload_build), str(out)) for line in lines]
    manifest.write_text("\n".join(lines) + "\n")
    subprocess.run([sys.executable, str(SRCTREE / "tools/bootdisk.py"), "--manifest",
                    str(manifest), "--boot-cmd", str(out / "generated/boot.cmd"),
                    "--hypervisor", str(out / "bulwark.bin"), "--out-scr", str(out / "boot.scr"),
                    "--out-disk", str(out / "bootdisk.img")], check=True)
    run_json = (out / "run.json").read_text().replace(str(preload_build), str(out))
    (out / "run.json").write_text(run_json)
    status, console = run(out, out / "boot.log")
    assert status == 0, console
    assert re.search(r"vm 'rt' not started: its image at 0x70000000 \(\d+ bytes\) has CRC-32 "
                     r"[0-9a-f]{8}, not the [0-9a-f]{8} the build recorded", console), console
    assert not re.search(r"^\[rt\]", console, re.M), console
    assert re.search(r"^\[app\] PASS timer_periodic", console, re.M), console
    assert "[bulwark] every VM has stopped; powering off" in console


@pytest.mark.skipif(not shutil.which("mke2fs") and not os.path.exists("/usr/sbin/mke2fs") and
                    not os.path.exists("/sbin/mke2fs"), reason="e2fsprogs not installed")
def test_linux_demo_boots_through_uboot(tmp_path):
    """The Linux demo with its kernel and initramfs on the boot disk, not in the image."""
    out = tmp_path / "linux"
    env = {"LINUX_GUEST_CACHE": linux_cache()}
    make_ok("qemu_aarch64_defconfig", O=out, env=env)
    make_ok(f"VMCONF={LINUX_LAYOUT}", O=out, env=env, timeout=1800)
    assert (out / "bulwark.bin").stat().st_size < (4 << 20)  # nothing of Linux inside
    status, console = run(out, out / "boot.log", "--stop-after", r"bulwark-init: userspace reached")
    assert "Found U-Boot script /boot.scr" in console, console
    assert re.search(r"preloaded by the boot loader: image at phys 0x[0-9a-f]+, initrd after it",
                     console), console
    assert "bulwark-init: userspace reached" in console, console
    assert re.search(r"^\[rt\] ", console, re.M), console
    assert "not started" not in console, console
