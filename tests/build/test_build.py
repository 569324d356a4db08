# SPDX-License-Identifier: Apache-2.0
"""The build interface: outputs, O=, V=1, incremental rebuilds, clean,
compile_commands.json, menuconfig in a terminal, and bad input."""

import json
import os
import re
import shutil
import struct
import subprocess
import time
import zlib
from pathlib import Path

import pytest

from bulwark_test import SRCTREE, make, make_ok, relocate


class Built:
    def __init__(self, out):
        self.out = out


@pytest.fixture
def built(rv64_pristine):
    """built(out): OUT holds the default qemu_rv64 build, as if it had been
    built there from scratch (a copy of the run's one such build,
    relocate()); returns what make printed building it (.out). The tests
    that need the build itself to happen in their directory build it."""
    def copy(out):
        relocate(rv64_pristine, out)
        for name in (".once-key", ".once-done", ".build-output"):
            (out / name).unlink()
        return Built((rv64_pristine / ".build-output").read_text())
    return copy


def quiet_lines(res, kind):
    """Objects of the hypervisor the build reported as KIND (guests aside)."""
    return sorted(m.group(1) for m in re.finditer(rf"^  {kind} +(\S+)$", res.out, re.M)
                  if not m.group(1).startswith("guests/"))


def elf_entry(path):
    data = path.read_bytes()
    assert data[:4] == b"\x7fELF"
    return struct.unpack_from("<Q", data, 24)[0]


def test_outputs_and_entry_point(rv64_build):
    elf = rv64_build / "bulwark.elf"
    assert elf_entry(elf) == 0x80200000
    binary = (rv64_build / "bulwark.bin").read_bytes()
    assert 0 < len(binary) < 1 << 20
    assert (rv64_build / "include/generated/autoconf.h").exists()
    assert (rv64_build / "include/config/auto.conf").exists()
    assert (rv64_build / "run.json").exists()


def test_verbose_shows_commands(built, tmp_path):
    built(tmp_path)
    (tmp_path / "kernel/init.o").unlink()
    res = make_ok("V=1", O=tmp_path)
    assert re.search(r"^riscv64-linux-gnu-gcc .* -c -o \S+/kernel/init\.o", res.out, re.M)
    assert re.search(r"^riscv64-linux-gnu-ld .* -o \S+/bulwark\.elf\.tmp ", res.out, re.M), res
    assert "  CC " not in res.out


def test_nothing_rebuilds_when_nothing_changed(built, tmp_path):
    built(tmp_path)
    autoconf = tmp_path / "include/generated/autoconf.h"
    stamp = autoconf.stat().st_mtime_ns
    res = make_ok(O=tmp_path)
    assert quiet_lines(res, "CC") == [] and quiet_lines(res, "LD") == []
    assert autoconf.stat().st_mtime_ns == stamp


def test_config_change_rebuilds_only_dependents(built, tmp_path):
    first = built(tmp_path)
    all_objs = set(quiet_lines(first, "CC"))
    autoconf = tmp_path / "include/generated/autoconf.h"
    time.sleep(1.1)
    # Re-saving an identical configuration changes nothing.
    make_ok("olddefconfig", O=tmp_path)
    stamp = autoconf.stat().st_mtime_ns
    res = make_ok(O=tmp_path)
    assert quiet_lines(res, "CC") == []
    assert autoconf.stat().st_mtime_ns == stamp
    # One symbol changes: only the objects that use it are compiled again.
    cfg = tmp_path / ".config"
    cfg.write_text(cfg.read_text().replace("CONFIG_LOG_LEVEL=2", "CONFIG_LOG_LEVEL=3"))
    res = make_ok(O=tmp_path)
    rebuilt = set(quiet_lines(res, "CC")) - {"generated/vmconf.o"}
    assert rebuilt, res.out
    assert rebuilt < all_objs, "every object was rebuilt for one symbol"
    users = {str(p.relative_to(SRCTREE)).replace(".c", ".o")
             for p in SRCTREE.glob("kernel/**/*.c") if "CONFIG_LOG_LEVEL" in p.read_text()}
    assert users <= rebuilt
    assert autoconf.stat().st_mtime_ns != stamp
    assert quiet_lines(res, "LD") == ["bulwark.elf"]


def test_flag_change_rebuilds_everything(built, tmp_path):
    first = built(tmp_path)
    res = make_ok("V=0", f"CROSS_COMPILE={shutil.which('riscv64-linux-gnu-gcc')[:-3]}",
                  O=tmp_path)
    assert set(quiet_lines(res, "CC")) == set(quiet_lines(first, "CC"))


def test_clean_keeps_configuration(built, tmp_path):
    built(tmp_path)
    make_ok("clean", O=tmp_path)
    assert (tmp_path / ".config").exists()
    assert not (tmp_path / "bulwark.elf").exists()
    assert not list(tmp_path.rglob("*.o"))
    res = make_ok(O=tmp_path)
    assert (tmp_path / "bulwark.elf").exists(), res


def test_distclean_removes_everything(built, tmp_path):
    out = tmp_path / "out"
    built(out)
    make_ok("distclean", O=out)
    assert not out.exists()


def test_build_from_scratch_names_each_step_only_in_O(tmp_path):
    """A build from scratch: the quiet output names each step, not the
    commands; everything it writes is in O=."""
    before = set(p.name for p in SRCTREE.iterdir())
    out = tmp_path / "elsewhere"
    make_ok("qemu_rv64_defconfig", O=out)
    res = make_ok(O=out)
    assert "kernel/init.o" in quiet_lines(res, "CC")
    assert quiet_lines(res, "LD") == ["bulwark.elf"]
    assert quiet_lines(res, "OBJCOPY") == ["bulwark.bin"]
    assert "riscv64-linux-gnu-gcc" not in res.out
    assert (out / "bulwark.elf").exists() and (out / "bulwark.bin").exists()
    assert set(p.name for p in SRCTREE.iterdir()) <= before | {"build"}


def test_compile_commands(built, tmp_path):
    built(tmp_path)
    make_ok("compile_commands.json", O=tmp_path)
    entries = json.loads((tmp_path / "compile_commands.json").read_text())
    files = {e["file"] for e in entries}
    assert str(SRCTREE / "kernel/init.c") in files
    assert all(e["directory"] == str(SRCTREE) for e in entries)
    assert all("-ffreestanding" in e["command"] for e in entries if e["file"].endswith(".c"))


def test_missing_cross_compiler(tmp_path):
    make_ok("qemu_rv64_defconfig", O=tmp_path)
    res = make("CROSS_COMPILE=no-such-prefix-", O=tmp_path)
    assert res.returncode != 0
    assert "no-such-prefix-gcc not found: install the Debian package gcc-riscv64-linux-gnu" \
        in res.out, res
    assert not (tmp_path / "bulwark.elf").exists()
    assert not (tmp_path / "bulwark.bin").exists()


def test_rv32_compiler_without_rv32_libgcc(tmp_path):
    """RV32 links libgcc's rv32imac/ilp32 multilib: a compiler without it
    (Debian's riscv64-linux-gnu-) is refused before anything is compiled,
    naming the package that has it."""
    make_ok("qemu_rv32_defconfig", O=tmp_path)
    res = make("CROSS_COMPILE=riscv64-linux-gnu-", O=tmp_path)
    assert res.returncode != 0
    assert ("riscv64-linux-gnu-gcc has no rv32imac/ilp32 multilib" in res.out
            and "gcc-riscv64-unknown-elf" in res.out), res
    assert not list(tmp_path.rglob("*.o"))


def test_build_needs_configuration(tmp_path):
    """An unconfigured O= says which command configures it."""
    res = make(O=tmp_path)
    assert res.returncode != 0
    assert f"no configuration in {tmp_path}: run 'make O={tmp_path} <board>_defconfig' " \
        "first (defconfigs: " in res.out, res
    assert "qemu_rv64_defconfig" in res.out


def make_in(out, *args):
    """Runs make in the build directory itself, through its own Makefile."""
    env = dict(os.environ)
    env.pop("MAKEFLAGS", None)
    env.pop("MAKELEVEL", None)
    return subprocess.run(["make", *[str(a) for a in args]], cwd=out, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_build_dir_is_a_kbuild_style_output_dir(rv64_build):
    """O= holds a .gitignore that ignores it all and a Makefile: 'make' there
    builds (nothing, here: it is up to date) and other goals work too."""
    assert (rv64_build / ".gitignore").read_text().splitlines()[-1] == "*"
    proc = make_in(rv64_build)
    assert proc.returncode == 0, proc.stdout
    assert not re.search(r"^  (CC|LD) ", proc.stdout, re.M), proc.stdout
    proc = make_in(rv64_build, "-s", "savedefconfig")
    assert proc.returncode == 0, proc.stdout
    assert (rv64_build / "defconfig").read_text() == \
        (SRCTREE / "configs/qemu_rv64_defconfig").read_text()


def test_build_dir_files_survive_clean(tmp_path):
    make_ok("qemu_rv64_defconfig", O=tmp_path)
    make_ok("clean", O=tmp_path)
    assert (tmp_path / ".gitignore").exists() and (tmp_path / "Makefile").exists()
    (tmp_path / ".config").unlink()
    proc = make_in(tmp_path)
    assert proc.returncode != 0
    # In the build directory, plain 'make' is the command to give.
    assert "run 'make <board>_defconfig' first" in proc.stdout, proc.stdout


def out_of_tree_rv64_board(vendor, name):
    """A board NAME under VENDOR/boards whose Kconfig.board is qemu_rv64's, renamed; its dir."""
    board = vendor / "boards" / name
    board.mkdir(parents=True)
    kconfig = (SRCTREE / "boards/qemu_rv64/Kconfig.board").read_text()
    (board / "Kconfig.board").write_text(
        kconfig.replace('BOARD = "qemu_rv64"', f'BOARD = "{name}"')
        .replace("QEMU_RV64", name.upper()))
    return board


def test_board_root_is_remembered(tmp_path):
    """BOARD_ROOT given when configuring holds for later goals in that
    directory; BOARD_ROOT= (empty) forgets it."""
    vendor = tmp_path / "vendor"
    out_of_tree_rv64_board(vendor, "qemu_kept")
    (vendor / "configs").mkdir()
    (vendor / "configs/qemu_kept_defconfig").write_text('CONFIG_BOARD="qemu_kept"\n')
    out = tmp_path / "out"
    make_ok(f"BOARD_ROOT={vendor}", "qemu_kept_defconfig", O=out)
    assert (out / ".board_root").read_text().strip() == str(vendor)
    assert "qemu_kept_defconfig" in make_ok("help", O=out).out
    make_ok("olddefconfig", O=out)
    proc = make_in(out, "-s", "savedefconfig")
    assert proc.returncode == 0, proc.stdout
    assert (out / "defconfig").read_text() == 'CONFIG_BOARD="qemu_kept"\n'
    res = make("BOARD_ROOT=", "olddefconfig", O=out)
    assert res.returncode != 0 and "unknown board 'qemu_kept'" in res.out, res
    assert not (out / ".board_root").exists()


def test_missing_layout_file(tmp_path):
    make_ok("qemu_rv64_defconfig", O=tmp_path)
    res = make("VMCONF=vmconf/no-such.vmconf", O=tmp_path)
    assert res.returncode != 0
    assert "VM layout 'vmconf/no-such.vmconf' not found" in res.out
    assert not (tmp_path / "bulwark.elf").exists()


def test_bad_layout_removes_previous_image(built, tmp_path):
    built(tmp_path)
    bad = tmp_path / "bad.vmconf"
    good = (SRCTREE / "vmconf/qemu_rv64.vmconf").read_text()
    bad.write_text(good.replace("cpus", "cpuz", 1))
    res = make(f"VMCONF={bad}", O=tmp_path)
    assert res.returncode != 0
    assert re.search(rf"^{re.escape(str(bad))}:\d+: error: ", res.out, re.M), res
    assert not (tmp_path / "bulwark.elf").exists()
    assert not (tmp_path / "bulwark.bin").exists()
    assert not (tmp_path / "generated/vmconf.c").exists()


def test_missing_guest_image(tmp_path):
    make_ok("qemu_rv64_defconfig", O=tmp_path)
    layout = tmp_path / "noimage.vmconf"
    text = (SRCTREE / "vmconf/qemu_rv64.vmconf").read_text()
    layout.write_text(re.sub(r'image\s*=\s*"[^"]*"', 'image = "missing-guest.bin"', text))
    res = make(f"VMCONF={layout}", O=tmp_path)
    assert res.returncode != 0
    assert "missing-guest.bin' not found" in res.out, res
    assert not (tmp_path / "bulwark.elf").exists()


@pytest.mark.skipif(not shutil.which("tmux"), reason="tmux not installed")
class Menuconfig:
    """menuconfig on a build directory in a tmux session, driven by keys; waits are bounds."""

    def __init__(self, objdir, name):
        self.objdir = objdir
        self.session = f"bulwark-{name}-{objdir.name}"
        self.tmux = ["tmux", "-L", self.session]

    def __enter__(self):
        subprocess.run(self.tmux + ["new-session", "-d", "-s", self.session, "-x", "120", "-y",
                                    "40", f"make -C {SRCTREE} O={self.objdir} menuconfig; sleep 5"],
                       check=True)
        return self

    def __exit__(self, *exc):
        subprocess.run(self.tmux + ["kill-server"], stderr=subprocess.DEVNULL)

    def screen(self):
        return subprocess.run(self.tmux + ["capture-pane", "-p", "-t", self.session],
                              stdout=subprocess.PIPE, text=True).stdout

    # Bounds for a hung menuconfig, not measures: a busy host draws slowly.
    def wait_for(self, text, timeout=120):
        end = time.time() + timeout
        while time.time() < end:
            if text in self.screen():
                return
            time.sleep(0.2)
        raise AssertionError(f"menuconfig never showed {text!r}:\n{self.screen()}")

    def keys(self, *k):
        subprocess.run(self.tmux + ["send-keys", "-t", self.session] + list(k), check=True)

    def save_and_quit(self, expect):
        """Saves under the default name, quits, and waits for .config to hold expect."""
        self.keys("S")
        self.wait_for("Filename to save configuration to")
        self.keys("Enter")
        self.wait_for("Configuration saved to")
        self.keys("Enter")
        self.keys("Q")
        end = time.time() + 120
        while expect not in (self.objdir / ".config").read_text():
            assert time.time() < end, "menuconfig did not save .config"
            time.sleep(0.2)


def test_menuconfig_in_a_terminal(tmp_path):
    """Opens menuconfig in tmux, turns on 'Debug checks', saves, quits."""
    make_ok("qemu_rv64_defconfig", O=tmp_path)
    assert "# CONFIG_DEBUG is not set" in (tmp_path / ".config").read_text()
    with Menuconfig(tmp_path, "mc") as mc:
        mc.wait_for("Hypervisor  --->")
        mc.keys("/")
        mc.wait_for("Jump to")
        mc.keys("DEBUG")
        mc.wait_for('DEBUG(=n) "Debug checks"')
        mc.keys("Enter")
        mc.wait_for("[ ] Debug checks")
        mc.keys("y")
        mc.wait_for("[*] Debug checks")
        mc.save_and_quit("CONFIG_DEBUG=y")
    # The saved configuration builds.
    assert "CONFIG_DEBUG=y" in (tmp_path / ".config").read_text()


def test_menuconfig_board_is_a_list(tmp_path):
    """The board is picked from a list in menuconfig, not typed in."""
    make_ok("qemu_rv64_defconfig", O=tmp_path)
    with Menuconfig(tmp_path, "mcb") as mc:
        mc.wait_for("Board  --->")
        mc.keys("Enter")
        mc.wait_for("Board (qemu_rv64)  --->")
        mc.keys("Enter")
        for board in ("mps3_an536", "qemu_aarch64", "qemu_arm", "qemu_rv32", "qemu_rv64"):
            mc.wait_for(f") {board}")
        mc.keys("/")
        mc.wait_for("Jump to")
        mc.keys("BOARD_CHOICE_QEMU_AARCH64")
        mc.wait_for('"qemu_aarch64"')
        mc.keys("Enter")
        mc.wait_for("( ) qemu_aarch64")
        mc.keys("Space")
        mc.save_and_quit('CONFIG_BOARD="qemu_aarch64"')
    assert "CONFIG_ARCH_ARM64=y" in (tmp_path / ".config").read_text()


def test_vmconf_show(rv64_build):
    res = make_ok("-s", "vmconf-show", O=rv64_build)
    assert "vm 0 'rt'" in res.out and "vm 1 'app'" in res.out, res
    assert "rtc" in res.out


def test_make_run_boots_and_returns(built, tmp_path):
    built(tmp_path)
    res = make("run", O=tmp_path, timeout=600)
    assert res.returncode == 0, res
    assert re.search(r"^Bulwark 0\.1\.0 ", res.out, re.M), res
    assert "powering off" in res.out


# Builds follow their inputs: every file a layout names (guest image,
# initrd) and the board description, wherever they live.

def overwrite(path, marker, offset=256):
    """Replaces bytes of PATH in place (same size) with MARKER."""
    data = bytearray(path.read_bytes())
    data[offset:offset + len(marker)] = marker
    path.write_bytes(bytes(data))


def rebuilt(res):
    """What a make run compiled, assembled, ran the layout compiler on or linked."""
    return quiet_lines(res, "CC") + quiet_lines(res, "AS") + quiet_lines(res, "VMCONF") + \
        quiet_lines(res, "LD")


def test_replaced_guest_image_is_embedded(built, tmp_path):
    built(tmp_path)
    image = tmp_path / "guests/basic-rv64.bin"
    overwrite(image, b"NEW-GUEST-IMAGE-BYTES")
    res = make_ok(O=tmp_path)
    assert b"NEW-GUEST-IMAGE-BYTES" in (tmp_path / "bulwark.bin").read_bytes(), res
    assert rebuilt(make_ok(O=tmp_path)) == []
    # A longer image: the tables' size follows too.
    image.write_bytes(image.read_bytes() + b"\0" * 4096 + b"GROWN-GUEST-IMAGE")
    res = make_ok(O=tmp_path)
    assert b"GROWN-GUEST-IMAGE" in (tmp_path / "bulwark.bin").read_bytes(), res
    assert f"0x{image.stat().st_size:x}ULL" in (tmp_path / "generated/vmconf.c").read_text()


def test_guest_files_outside_the_build_are_followed(built, tmp_path):
    """A layout naming its own image and initrd: replacing either re-embeds it."""
    out = tmp_path / "out"
    built(out)
    image, initrd = tmp_path / "guest.bin", tmp_path / "initrd.cpio"
    image.write_bytes((out / "guests/hello-rv64.bin").read_bytes())
    initrd.write_bytes(b"OLD-INITRD-CONTENT" * 100)
    layout = tmp_path / "files.vmconf"
    layout.write_text(f'vm solo {{ cpus = [0]  image = "{image}"  initrd = "{initrd}"\n'
                      '  dtb = auto  memory ram { guest = 0x80000000  size = 16M } }\n')
    make_ok(f"VMCONF={layout}", O=out)
    assert rebuilt(make_ok(f"VMCONF={layout}", O=out)) == []
    overwrite(initrd, b"NEW-INITRD-CONTENT", 0)
    res = make_ok(f"VMCONF={layout}", O=out)
    assert b"NEW-INITRD-CONTENT" in (out / "bulwark.bin").read_bytes(), res
    overwrite(image, b"NEW-OUTSIDE-IMAGE")
    res = make_ok(f"VMCONF={layout}", O=out)
    assert b"NEW-OUTSIDE-IMAGE" in (out / "bulwark.bin").read_bytes(), res
    assert rebuilt(make_ok(f"VMCONF={layout}", O=out)) == []
    # A deleted input: the layout compiler runs again and names it.
    initrd.unlink()
    res = make(f"VMCONF={layout}", O=out)
    assert res.returncode != 0 and f"initrd '{initrd}' not found" in res.out, res



def test_changed_board_file_is_followed(tmp_path):
    """An out-of-tree copy of qemu_rv64 whose board.hw moves the RTC."""
    vendor = tmp_path / "vendor"
    board = out_of_tree_rv64_board(vendor, "qemu_deps")
    hw = (SRCTREE / "boards/qemu_rv64/board.hw").read_text()
    (board / "board.hw").write_text(hw.replace("board qemu_rv64", "board qemu_deps"))
    (board / "board.mk").write_text((SRCTREE / "boards/qemu_rv64/board.mk").read_text())
    (vendor / "configs").mkdir()
    defconfig = (SRCTREE / "configs/qemu_rv64_defconfig").read_text()
    (vendor / "configs/qemu_deps_defconfig").write_text(defconfig.replace("qemu_rv64",
                                                                          "qemu_deps"))
    out = tmp_path / "out"
    make_ok(f"BOARD_ROOT={vendor}", "qemu_deps_defconfig", O=out)
    make_ok(f"BOARD_ROOT={vendor}", O=out)
    assert "0x101000ULL" in (out / "generated/vmconf.c").read_text()
    (board / "board.hw").write_text((board / "board.hw").read_text()
                                    .replace("base = 0x00101000", "base = 0x00102000"))
    res = make_ok(f"BOARD_ROOT={vendor}", O=out)
    assert "0x102000ULL" in (out / "generated/vmconf.c").read_text(), res
    assert "bulwark.elf" in quiet_lines(res, "LD"), res
    assert rebuilt(make_ok(f"BOARD_ROOT={vendor}", O=out)) == []


def test_guest_cache_builds_the_guests_once(tmp_path):
    """GUEST_CACHE=dir: the first build directory compiles the test guests
    into the cache, the next only copies them; without it each compiles its
    own, to the same images."""
    cache = tmp_path / "cache"
    outs = {name: tmp_path / name for name in ("first", "second", "own")}
    for out in outs.values():
        make_ok("qemu_rv64_defconfig", O=out)
    first = make_ok("guests", f"GUEST_CACHE={cache}", O=outs["first"])
    second = make_ok(f"GUEST_CACHE={cache}", O=outs["second"])
    own = make_ok("guests", O=outs["own"], env={"GUEST_CACHE": ""})
    assert re.search(r"^  GUEST +basic-rv64\.elf$", first.out, re.M), first
    assert not re.search(r"^  (CC|AS|GUEST) +(guests/|basic)", second.out, re.M), second
    assert re.search(r"^  GUESTS +guests/ \(a copy of ", second.out, re.M), second
    assert re.search(r"^  GUEST +basic-rv64\.elf$", own.out, re.M), own
    assert "GUESTS" not in own.out, own
    assert len(list(cache.glob("rv64-*/.done"))) == 1
    for name in ("basic-rv64.bin", "native/basic-rv64.bin", "hello-rv64.bin"):
        images = [(out / "guests" / name) for out in outs.values()]
        assert len({image.read_bytes() for image in images}) == 1, name
        # Copies, not links: overwriting one in a build directory leaves the cache alone.
        assert all(image.stat().st_nlink == 1 for image in images), name
    assert (outs["second"] / "bulwark.elf").exists()


# A board QEMU cannot run (stm32mp157_dk2): it builds, its test guests are
# built for its memory map, and 'make run' says why it cannot run it.

def elf32_entry(path):
    data = path.read_bytes()
    assert data[:5] == b"\x7fELF\x01"
    return struct.unpack_from("<I", data, 24)[0]


def assert_uimage(path, payload, arch, addr):
    """PATH is a legacy U-Boot image (include/image.h's 64-byte big-endian
    header) of an uncompressed Linux-type kernel for ARCH (IH_ARCH_*),
    loaded and entered at ADDR, whose data is PAYLOAD's bytes with both
    CRCs right."""
    data = path.read_bytes()
    (magic, hcrc, _time, size, load, entry, dcrc, os_, arch_, type_,
     comp) = struct.unpack_from(">IIIIIIIBBBB", data)
    assert magic == 0x27051956
    header = data[:4] + b"\0\0\0\0" + data[8:64]
    assert hcrc == zlib.crc32(header)
    assert (os_, arch_, type_, comp) == (5, arch, 2, 0)  # Linux, ARCH, kernel, none
    assert (load, entry) == (addr, addr), (hex(load), hex(entry))
    assert data[64:] == payload.read_bytes() and size == len(data) - 64
    assert dcrc == zlib.crc32(data[64:])


def test_board_without_qemu_builds_and_run_says_why_not(tmp_path):
    make_ok("stm32mp157_dk2_defconfig", O=tmp_path)
    make_ok(O=tmp_path)
    assert (tmp_path / "bulwark.bin").stat().st_size > 0
    assert not (tmp_path / "run.json").exists()
    # The guests are linked for the board's RAM (board.mk's GUEST_RAM_BASE)
    # and print on its USART, not on QEMU virt's PL011.
    assert elf32_entry(tmp_path / "guests/timer-arm.elf") == 0xc0000000
    res = subprocess.run(["arm-linux-gnueabihf-objdump", "-d", "--disassemble=arch_console_write",
                          tmp_path / "guests/timer-arm.elf"], capture_output=True, text=True,
                         check=True)
    # movw/movt build the USART's address (UART4, 0x40010000), not the PL011's (0x09000000).
    assert re.search(r"movt\s+r\d+, #16385\s+@ 0x4001$", res.stdout, re.M), res.stdout
    assert "0x900" not in res.stdout, res.stdout
    # What its U-Boot takes (board.mk BOOT_IMAGE = uimage): bulwark.bin in a
    # legacy image, loaded and entered at the hypervisor's link address.
    assert_uimage(tmp_path / "bulwark.uimg", tmp_path / "bulwark.bin", arch=2,
                  addr=elf32_entry(tmp_path / "bulwark.elf"))
    assert elf32_entry(tmp_path / "bulwark.elf") == 0xc0000000
    (tmp_path / "bulwark.uimg").unlink()
    res = make("MKIMAGE=no-such-mkimage", O=tmp_path)
    assert res.returncode != 0
    assert ("stm32mp157_dk2: no-such-mkimage not found: install the Debian package "
            "u-boot-tools") in res.out, res.out
    assert not list(tmp_path.glob("bulwark.uimg*"))
    res = make("run", O=tmp_path)
    assert res.returncode != 0
    assert ("board stm32mp157_dk2 has no QEMU machine (no QEMU_SYSTEM in board.mk): "
            f"boot {tmp_path}/bulwark.bin on the board itself") in res.out, res.out



def test_riscv_fpga_board_image_for_its_boot_rom(tmp_path):
    """cva6_genesys2 (board.mk BOOT_IMAGE = sbi-jump): bulwark-sbi.bin is Debian's OpenSBI
    fw_jump.bin, padded to its 2 MiB payload offset, then bulwark.bin; a link address that is
    not SBI_JUMP_BASE + 2 MiB is refused, and without the firmware the build names the
    package. Only that rule runs here, on a stand-in bulwark.bin (make -o keeps it):
    test_choices.py builds the board, this image included."""
    fw_jump = Path("/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin")
    if not fw_jump.is_file():
        pytest.skip("Debian's opensbi package is not installed")
    make_ok("cva6_genesys2_defconfig", O=tmp_path)
    payload = bytes(range(256)) * 20
    (tmp_path / "bulwark.bin").write_bytes(payload)
    goal = ["-o", str(tmp_path / "bulwark.bin"), str(tmp_path / "bulwark-sbi.bin")]
    make_ok(*goal, O=tmp_path)
    image = (tmp_path / "bulwark-sbi.bin").read_bytes()
    firmware = fw_jump.read_bytes()
    assert image[:len(firmware)] == firmware
    assert image[len(firmware):0x200000] == bytes(0x200000 - len(firmware))
    assert image[0x200000:] == payload
    (tmp_path / "bulwark-sbi.bin").unlink()
    res = make("SBI_JUMP_BASE=0x80100000", *goal, O=tmp_path)
    assert res.returncode != 0
    assert ("cva6_genesys2: the hypervisor is linked at 0x80200000, but fw_jump enters its "
            "payload 0x200000 past SBI_JUMP_BASE (0x80100000)") in res.out, res.out
    res = make("SBI_FW_JUMP=/no/such/fw_jump.bin", *goal, O=tmp_path)
    assert res.returncode != 0
    assert ("cva6_genesys2: /no/such/fw_jump.bin not found: install the Debian package "
            "opensbi") in res.out, res.out
    assert not list(tmp_path.glob("bulwark-sbi.bin*"))


def elf32_symbol_word(path, symbol):
    """The 32-bit little-endian word at SYMBOL in the ELF at PATH."""
    res = subprocess.run(["arm-linux-gnueabihf-objdump", "-s", "-t", path], capture_output=True,
                         text=True, check=True)
    addr = int(next(line.split()[0] for line in res.stdout.splitlines()
                    if line.endswith(" " + symbol)), 16)
    res = subprocess.run(["arm-linux-gnueabihf-objdump", "-s", f"--start-address={addr:#x}",
                          f"--stop-address={addr + 4:#x}", path], capture_output=True, text=True,
                         check=True)
    data = bytes.fromhex(res.stdout.strip().splitlines()[-1].split()[1])
    return struct.unpack("<I", data)[0]


def test_r52_board_guests_follow_board_mk(tmp_path):
    """An Armv8-R SoC board no emulator runs (s32z2_rtu0): only its layout's
    guests are built (GUEST_ONLY), each linked at its VM's RAM, the second
    printing on the LINFlexD its VM owns (GUEST_UARTS), the first on the
    console. (test_choices builds the board itself.)"""
    env = {"GUEST_CACHE": ""}
    make_ok("s32z2_rtu0_defconfig", O=tmp_path, env=env)
    make_ok("guests", O=tmp_path, env=env)
    built = sorted(p.name for p in (tmp_path / "guests").glob("*-arm.elf"))
    assert built == ["basic-arm.elf", "hello-arm.elf", "timer-arm.elf"]
    assert elf32_entry(tmp_path / "guests/timer-arm.elf") == 0x31800000
    assert elf32_entry(tmp_path / "guests/basic-arm.elf") == 0x31840000
    assert elf32_symbol_word(tmp_path / "guests/basic-arm.elf", "guest_uart_own") == 0x40180000
    assert elf32_symbol_word(tmp_path / "guests/timer-arm.elf", "guest_uart_own") == 0
