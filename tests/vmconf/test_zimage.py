# SPDX-License-Identifier: Apache-2.0
# A Linux zImage (AArch32) counts as the kernel it decompresses: where it goes and how much it needs.

import pytest

from conftest import ARM32_BOARD, CONFIG

E = 'layout.vmconf:%d: error: '
MiB = 1 << 20
# What the zImage below claims from its region's base: TEXT_OFFSET, the kernel and its bss,
# the zImage and its heap moved above them, and 64 KiB of stack and alignment.
SIZE, INFLATED, BSS, TEXT_OFFSET, HEAP = 64 << 10, 20 * MiB, 0x60000, 0x208000, 0x10000
CLAIM = TEXT_OFFSET + INFLATED + BSS + SIZE + HEAP + (64 << 10)


def layout(ram_base=0x40000000, size='256M', extra=''):
    return ('vm a {\n    cpus  = [0]\n    image = "zImage"\n%s'
            '    memory ram { guest = 0x%x  size = %s }\n}\n' % (extra, ram_base, size))


@pytest.fixture
def zimage(scratch):
    scratch.zimage('zImage', SIZE, INFLATED, BSS, TEXT_OFFSET, HEAP)
    scratch.image('rd.cpio', 3 * MiB)
    scratch.config(CONFIG)
    return scratch


def run(scratch, text):
    return scratch.run(text, board_dir=ARM32_BOARD)


def test_zimage_at_a_128_mib_boundary_is_accepted(zimage):
    result = run(zimage, layout(extra='    dtb = auto\n    initrd = "rd.cpio"\n'))
    assert (result.returncode, result.stderr) == (0, '')
    c_text = zimage.outputs()[0].read_text()
    assert '.dtb_addr = 0x4fe00000ULL,' in c_text
    show = zimage.run(None, command='show', board_dir=ARM32_BOARD).stdout
    assert 'loaded at 0x40000000, claims %s MiB as a Linux zImage)' % ('%.1f' % (CLAIM / MiB)) \
        in show, show


def test_zimage_outside_its_decompression_region_is_refused(zimage):
    result = run(zimage, layout(ram_base=0x44000000))
    assert (result.returncode, result.stderr) == (1, E % 3 + (
        "vm 'a': image: image '%s/zImage' is a Linux zImage: it decompresses its kernel to "
        "0x40208000 (the 128 MiB boundary below its load address 0x44000000, plus 0x208000), "
        "outside memory 'ram' (0x44000000-0x53ffffff); load it in the first 128 MiB of a "
        'region that starts on a 128 MiB boundary\n' % zimage.path))


def test_zimage_needs_room_for_its_kernel(zimage):
    result = run(zimage, layout(size='16M'))
    assert (result.returncode, result.stderr) == (1, E % 3 + (
        "vm 'a': image: image '%s/zImage' is 64 KiB (65536 bytes) (decompressing its kernel, "
        "it needs %.1f MiB) but memory 'ram' has only 16 MiB from the load address 0x40000000; "
        'enlarge the region or shrink the image\n' % (zimage.path, CLAIM / MiB)))


def test_generated_device_tree_and_initrd_keep_clear_of_the_kernel(zimage):
    # 24 MiB: the device tree in the top 2 MiB would land in the decompressed kernel's way;
    # 26 MiB: it fits, but the initrd below it would not.
    result = run(zimage, layout(size='24M', extra='    dtb = auto\n'))
    assert result.returncode == 1
    assert "dtb: auto puts the device tree at 0x41600000-0x417fffff (top 2 MiB of memory " \
        "'ram'), which overlaps the image at 0x40000000-0x%08x" % (0x40000000 + CLAIM - 1) \
        in result.stderr
    result = run(zimage, layout(size='26M', extra='    dtb = auto\n    initrd = "rd.cpio"\n'))
    assert result.returncode == 1
    assert "initrd: initrd '%s/rd.cpio' (3 MiB) does not fit" % zimage.path in result.stderr


def test_a_zimage_without_its_size_table_counts_as_its_file(scratch):
    data = bytearray(8192)
    data[0x24:0x28] = (0x016f2818).to_bytes(4, 'little')
    (scratch.path / 'zImage').write_bytes(bytes(data))
    scratch.config(CONFIG)
    assert run(scratch, layout(size='16M')).returncode == 0
    result = run(scratch, layout(ram_base=0x44000000, size='16M', extra='    load = 0x44000000\n'))
    assert result.returncode == 1 and E % 4 + "vm 'a': load: image" in result.stderr
