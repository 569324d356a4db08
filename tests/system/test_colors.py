# SPDX-License-Identifier: Apache-2.0
"""Cache coloring, placement verified from the tables the hardware walks.

vmconf/qemu_<arch>-colored.vmconf gives each VM its own cache colors of the
L2 boards/qemu_<arch>/board.hw declares; configs/coloring.config turns
coloring on and makes the hypervisor walk every VM's stage-2 / G-stage
tables once they are built and print each mapping (CONFIG_DEBUG_MEM_DUMP).
One boot per architecture checks, against the layout as tools/vmconf reads
it (the one derivation of the colors, vmconflib/board.py):

- every page of every memory region is mapped, to a page of one of its
  VM's colors, and a shared object's pages have the object's colors;
- no two VMs' memory has a color in common (the layout shares none);
- the layout gives the hypervisor color 0: every page of its moved image
  (as its new EL2 or Sv39 tables map it) has color 0, which no VM has, and
  CPUs started after the move come online;
- both guests pass, and the rebooter VM comes back from a reboot with its
  image copied afresh into its colored memory.

QEMU models no cache: this proves placement, not timing (benchmarks.md).
"""

import re
import subprocess
import sys

import pytest

from bulwark_test import SRCTREE, shared_build

sys.path.insert(0, str(SRCTREE / "tools" / "vmconf"))
from vmconflib.pipeline import build as vmconf_build  # noqa: E402

TIMEOUT = 600  # a bound for a hung system, never a measure: a busy host is slow
HYP_DUMP = re.compile(r"^mem-dump hyp: 0x([0-9a-f]+) 0x([0-9a-f]+)$")
HYP_MOVED = re.compile(r"^hypervisor: moved to cache colors 0x([0-9a-f]+): (\d+) pages of its "
                       r"image \(0x([0-9a-f]+)-0x([0-9a-f]+)\)")
DUMP = re.compile(r"^mem-dump vm '([^']+)': 0x([0-9a-f]+) 0x([0-9a-f]+) 0x([0-9a-f]+) "
                  r"([r-][w-][x-]) (normal|device)$")
ARCHES = ["qemu_aarch64", "qemu_rv64"]


@pytest.fixture(scope="module", params=ARCHES)
def boot(request, shared_dir, tmp_path_factory):
    board = request.param
    layout = SRCTREE / "vmconf" / f"{board}-colored.vmconf"
    out = shared_build(shared_dir, [f"{board}_defconfig", "coloring.config"],
                       f"vmconf/{layout.name}")
    log = tmp_path_factory.mktemp(board) / "console.log"
    proc = subprocess.run([sys.executable, str(SRCTREE / "tools/qemu-run.py"),
                           "--timeout", str(TIMEOUT), "--log", str(log), str(out / "run.json")],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    console = log.read_text(errors="replace")
    assert proc.returncode == 0, f"QEMU exited {proc.returncode}:\n{console}{proc.stderr}"
    system = vmconf_build(str(layout), str(SRCTREE / "boards" / board), str(out / ".config"),
                          str(SRCTREE), str(out))
    return board, console, system


def mappings(console):
    """vm -> [(guest, host, size, rights, type)] as the hypervisor's dump says."""
    found = {}
    for line in console.splitlines():
        m = DUMP.match(line)
        if m:
            found.setdefault(m.group(1), []).append(
                (int(m.group(2), 16), int(m.group(3), 16), int(m.group(4), 16), m.group(5),
                 m.group(6)))
    return found


def pages(runs, page):
    for guest, host, size, rights, kind in runs:
        for off in range(0, size, page):
            yield guest + off, host + off, rights, kind


def color(board, pa):
    return pa // board.color_size % board.colors


def test_guests_pass_and_reboot(boot):
    _, console, _ = boot
    lines = console.splitlines()
    for vm in ("rebooter", "app"):
        own = [x for x in lines if x.startswith(f"[{vm}] ")]
        assert own and re.search(r"\] \d+ passed, 0 failed$", own[-1]), console
    assert "[bulwark] vm 'rebooter' restarted from a fresh image (boot 2)" in lines, console


def test_every_guest_page_has_its_vms_colors(boot):
    board_name, console, system = boot
    board = system.board
    assert board.colors == {"qemu_aarch64": 16, "qemu_rv64": 32}[board_name]
    dumped = mappings(console)
    used = {}
    for vm in system.layout.vms:
        assert vm.name in dumped, f"no dump of vm '{vm.name}':\n{console}"
        shared = [(m.guest, m.guest + m.shmem.size, m.shmem) for m in vm.shmaps]
        regions = [(r.guest, r.guest + r.size, r) for r in vm.regions]
        mapped = 0
        mine = set()
        for gpa, pa, _, kind in pages(dumped[vm.name], board.page_size):
            if kind == "device":
                continue
            owner = [o for lo, hi, o in shared + regions if lo <= gpa < hi]
            assert owner, f"vm '{vm.name}': guest page {gpa:#x} is in no region or object"
            c = color(board, pa)
            assert owner[0].color_mask >> c & 1, (
                f"vm '{vm.name}': guest page {gpa:#x} is host page {pa:#x} of color {c}, "
                f"not one of {owner[0].color_mask:#x}")
            if owner[0] in vm.regions:
                mapped += board.page_size
                mine.add(c)
        assert mapped == sum(r.size for r in vm.regions), \
            f"vm '{vm.name}': {mapped:#x} bytes of its regions mapped"
        used[vm.name] = mine
    hyp = system.layout.hypervisor
    if hyp is not None:
        used["the hypervisor"] = {c for c, _ in hyp.colors}
    names = sorted(used)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            assert not used[a] & used[b], f"vms '{a}' and '{b}' share colors {used[a] & used[b]}"


def test_the_hypervisor_moved_to_its_colors(boot):
    _, console, system = boot
    hyp = system.layout.hypervisor
    lines = console.splitlines()
    moved = [m for m in map(HYP_MOVED.match, lines) if m]
    assert len(moved) == 1, console
    mask, pages, start, end = (int(moved[0].group(i), 16 if i != 2 else 10) for i in range(1, 5))
    assert mask == hyp.color_mask == 1
    dumped = [tuple(int(x, 16) for x in m.groups()) for m in map(HYP_DUMP.match, lines) if m]
    assert [va for va, _ in dumped] == list(range(start, end + 1, 0x1000)) and \
        len(dumped) == pages, console
    board = system.board
    for va, pa in dumped:
        assert va != pa and color(board, pa) == 0, f"hypervisor page {va:#x} is at {pa:#x}"
    assert len({pa for _, pa in dumped}) == pages
    assert "all 4 CPUs online" in lines, console
