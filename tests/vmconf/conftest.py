# SPDX-License-Identifier: Apache-2.0
# Shared fixtures of the layout tool tests: a scratch tree with a fake image, a .config and a runner.

import subprocess
import sys
from pathlib import Path

import pytest

sys.dont_write_bytecode = True
ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / 'tools' / 'vmconf' / 'vmconf.py'
BOARD_DIR = ROOT / 'boards' / 'qemu_rv64'
ARM_BOARD = ROOT / 'boards' / 'qemu_aarch64'
ARM32_BOARD = ROOT / 'boards' / 'qemu_arm'
CONFIG = ('CONFIG_MAX_VMS=8\nCONFIG_NR_CPUS=4\nCONFIG_MMU=y\n'
          '# CONFIG_MPU is not set\n# CONFIG_CACHE_COLORING is not set\n')
OUTPUTS = ('out/vmconf.c', 'out/vmconf_images.S', 'out/board.h')


class Scratch:
    """A temporary directory holding layout.vmconf, .config, img.bin and the outputs."""

    def __init__(self, path):
        self.path = path
        self.config(CONFIG)
        self.image('img.bin', 4096)

    def config(self, text):
        (self.path / '.config').write_text(text)

    def image(self, name, size):
        (self.path / name).parent.mkdir(parents=True, exist_ok=True)
        (self.path / name).write_bytes(bytes(i & 0xff for i in range(size)))

    def linux_image(self, name, size, text_offset=0, image_size=0):
        """A file with a Linux arm64 Image header (text_offset, image_size, magic)."""
        head = bytearray(64)
        head[8:16] = text_offset.to_bytes(8, 'little')
        head[16:24] = (image_size or size).to_bytes(8, 'little')
        head[0x38:0x3c] = b'ARM\x64'
        (self.path / name).write_bytes(bytes(head) + bytes(size - 64))

    def zimage(self, name, size, inflated, bss=0x60000, text_offset=0x208000, heap=0x10000):
        """A file with a Linux zImage header and size table (inflated: the kernel's size)."""
        data = bytearray(size)
        le32 = (lambda off, v: data.__setitem__(slice(off, off + 4), v.to_bytes(4, 'little')))
        le32(0x24, 0x016f2818)
        le32(0x34, 0x45454545)
        le32(0x38, 0x100)  # the table
        for i, word in enumerate((6, 0x5a534c4b, size - 4, bss, text_offset, heap, 0)):
            le32(0x100 + 4 * i, word)
        le32(size - 4, inflated)  # where the table says the kernel's size is
        (self.path / name).write_bytes(bytes(data))

    def shown_name(self, layout_name='layout.vmconf'):
        """How the tool names the layout: as given, or from the source tree when it lies inside
        (make check's scratch trees live in $(O), which may be inside the source tree)."""
        path = (self.path / layout_name).resolve()
        if ROOT in path.parents:
            return str(path.relative_to(ROOT))
        return layout_name

    def outputs(self):
        return [self.path / name for name in OUTPUTS]

    def stale_outputs(self):
        for out in self.outputs():
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text('stale\n')

    def run(self, layout, command='compile', board_dir=None, layout_name='layout.vmconf',
            extra=()):
        if layout is not None:
            (self.path / layout_name).write_text(layout)
        args = [sys.executable, str(TOOL), command, '--layout', layout_name,
                '--board-dir', str(board_dir or BOARD_DIR), '--config', '.config',
                '--srctree', str(ROOT), '--objtree', str(self.path / 'build')]
        if command == 'compile':
            args += ['--out-c', OUTPUTS[0], '--out-s', OUTPUTS[1], '--out-h', OUTPUTS[2]]
        args += list(extra)
        return subprocess.run(args, cwd=self.path, capture_output=True, text=True)


@pytest.fixture
def scratch(tmp_path):
    return Scratch(tmp_path)
