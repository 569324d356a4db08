# SPDX-License-Identifier: Apache-2.0
"""Debian's Linux with a virtio disk, network and entropy source (dma = trusted).

vmconf/qemu_aarch64-linux-virtio.vmconf gives the Linux VM the page of
QEMU's virtio-mmio transports where make run attaches a disk
($(O)/virtio-disk.img), a user-mode network and an entropy source. The
session reads what the host wrote on the disk, writes something the host
then reads, and reports the DHCP lease and the entropy pool; rt runs
beside it all along.
"""

import re
import subprocess
import sys

from bulwark_test import SRCTREE, make_ok
from test_linux import linux_cache

LAYOUT = "vmconf/qemu_aarch64-linux-virtio.vmconf"
TIMEOUT = 600  # a bound for a hung system, never a measure
PROMPT = "root@linux:/# "
HOST_MARK = b"written-by-the-host"
GUEST_MARK = "written-by-linux"


def test_linux_uses_its_virtio_disk_network_and_entropy(tmp_path):
    env = {"LINUX_GUEST_CACHE": linux_cache()}
    make_ok("qemu_aarch64_defconfig", O=tmp_path, env=env)
    make_ok(f"VMCONF={LAYOUT}", O=tmp_path, env=env)
    disk = tmp_path / "virtio-disk.img"
    assert disk.stat().st_size == 64 << 20  # made by the build, kept afterwards
    with open(disk, "r+b") as f:
        f.seek(8 * 512)
        f.write(HOST_MARK)
    commands = (f"dd if=/dev/vda bs=512 skip=8 count=1 2>/dev/null | head -c {len(HOST_MARK)}; "
                f"echo; echo {GUEST_MARK} | dd of=/dev/vda bs=512 seek=16 conv=sync 2>/dev/null; "
                "sync; echo entropy $(cat /proc/sys/kernel/random/entropy_avail); poweroff\\r")
    log = tmp_path / "console.log"
    proc = subprocess.run([sys.executable, str(SRCTREE / "tools/qemu-run.py"), "--timeout",
                           str(TIMEOUT), "--log", str(log), "--send-after", PROMPT, commands,
                           # The whole line, newline included: QEMU stopped mid-line
                           # would cut the message the test reads.
                           "--stop-after", r"vm 'linux' stopped[^\n]*\r?\n",
                           str(tmp_path / "run.json")],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    console = log.read_text(errors="replace").replace("\r", "")
    assert proc.returncode == 0, console[-6000:] + proc.stderr
    # The hypervisor says what dma = trusted gives away.
    assert re.search(r'VM 0 "linux" is trusted with DMA: through virtio24_31', console), console[:4000]
    assert "[linux] virtio disk: /dev/vda, 131072 sectors" in console, console[-6000:]
    assert re.search(r"^\[linux\] virtio network: eth0 10\.0\.2\.15$", console, re.M), console
    assert re.search(rf"^\[linux\] {HOST_MARK.decode()}$", console, re.M), console[-6000:]
    entropy = re.search(r"^\[linux\] entropy (\d+)$", console, re.M)
    assert entropy and int(entropy.group(1)) > 0, console[-6000:]
    with open(disk, "rb") as f:
        f.seek(16 * 512)
        assert f.read(len(GUEST_MARK)).decode() == GUEST_MARK
    assert re.search(r"^\[rt\] ", console, re.M), console[-6000:]
    assert "vm 'linux' stopped: shut down by its guest" in console
