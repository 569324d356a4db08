# SPDX-License-Identifier: Apache-2.0
# The checker counts each VM's table pages as the hypervisor's walker takes them, and refuses too many.

import os
import random
import re
import subprocess

import pytest

from conftest import ARM_BOARD, BOARD_DIR, CONFIG, ROOT

HOSTCC = os.environ.get('HOSTCC', 'gcc')
CFLAGS = ['-std=c11', '-O1', '-Wall', '-Wextra', '-Werror', '-DUNIT_TEST',
          '-I', str(ROOT / 'include'), '-I', str(ROOT / 'arch' / 'riscv' / 'include'),
          '-I', str(ROOT / 'arch' / 'arm64' / 'include'),
          '-I', str(ROOT / 'arch' / 'arm-common' / 'include')]
# The hypervisor's code that builds a VM's tables: the walker and both formats, and
# (compiled with each layout's board.h) the layout walk and the driver.
WALKER = ['kernel/lib/pgtable.c', 'kernel/lib/string.c', 'arch/arm64/stage2.c',
          'arch/arm-common/stage2_formats.c', 'arch/riscv/gstage.c']
PER_LAYOUT = ['kernel/vm_map.c', 'tests/vmconf/table_pages_host.c']
GICV3 = CONFIG + 'CONFIG_IRQCHIP_GICV3=y\n'
GICV2 = CONFIG + 'CONFIG_IRQCHIP_GICV2=y\n# CONFIG_IRQCHIP_GICV3 is not set\n'
PLIC = CONFIG + 'CONFIG_IRQCHIP_PLIC=y\n'


@pytest.fixture(scope='module')
def walker(tmp_path_factory):
    """The walker's objects, compiled once for every layout of this file."""
    out = tmp_path_factory.mktemp('walker')
    objects = []
    for source in WALKER:
        obj = out / (source.replace('/', '_') + '.o')
        subprocess.run([HOSTCC] + CFLAGS + ['-c', '-o', str(obj), str(ROOT / source)], check=True)
        objects.append(str(obj))
    return objects


def c_pages(scratch, walker, args):
    """{vm: pages} as the C walker builds the tables of the layout just compiled."""
    vmconf_c = scratch.path / 'out' / 'vmconf.c'
    generated = scratch.path / 'include' / 'generated'
    generated.mkdir(parents=True)
    (generated / 'board.h').write_text(scratch.outputs()[2].read_text())
    stubs = scratch.path / 'stubs.c'
    names = re.findall(r'^extern const u8 (\w+)\[\];$', vmconf_c.read_text(), re.M)
    stubs.write_text('#include <bulwark/types.h>\n' +
                     ''.join('const u8 %s[1];\n' % name for name in names))
    # Until the layout walk's new form (page and colors from board.h) is in the tree.
    old = 'u64 page_size, u64 color_page' in (ROOT / 'include/bulwark/vm_map.h').read_text()
    program = scratch.path / 'table_pages'
    subprocess.run([HOSTCC] + CFLAGS + ['-I', str(scratch.path / 'include'), '-o', str(program),
                                        str(vmconf_c), str(stubs)] +
                   (['-DVM_MAP_LAYOUT_OLD'] if old else []) +
                   [str(ROOT / source) for source in PER_LAYOUT] + walker, check=True)
    result = subprocess.run([str(program)] + args, capture_output=True, text=True, check=True)
    return dict(line.split(' ', 1) for line in result.stdout.splitlines())


def tool_pages(scratch, layout):
    """{vm: pages} as the checker wrote them into the generated board header."""
    text = scratch.outputs()[2].read_text()
    counts = re.search(r'^#define VMCONF_TABLE_PAGES_OF_VM\s+\{(.*)\}$', text, re.M).group(1)
    names = re.findall(r'^vm (\S+) \{', layout, re.M)
    return dict(zip(names, counts.split(', ')))


def _board(scratch, text):
    (scratch.path / 'board').mkdir(exist_ok=True)
    (scratch.path / 'board' / 'board.hw').write_text(text)
    return scratch.path / 'board'


# A VM of every kind of mapping on the real boards: aligned and unaligned
# RAM, pass-through devices far apart, its own console UART, shared memory.
RV_MIXED = '''\
vm a {
    cpus    = [0]
    image   = "img.bin"
    console = passthrough
    dma     = trusted
    memory ram   { guest = 0x80000000  size = 16M }
    memory odd   { guest = 0x90001000  size = 3M }
    memory high  { guest = 0x4000000000  size = 4M }
    device rtc
    device virtio0 { guest = 0x2010001000 }
    device virtio7 { guest = 0x10008000 }
    shmem chan { guest = 0x88000000 }
}
vm b {
    cpus    = [1]
    image   = "img.bin"
    console = none
    memory ram { guest = 0x80000000  size = 64M  phys = 0x88201000 }
    shmem chan { guest = 0x1fffff000 }
}
shmem chan { size = 64K }
'''
ARM_MIXED = '''\
vm a {
    cpus    = [0]
    image   = "img.bin"
    console = passthrough
    memory ram  { guest = 0x40000000  size = 16M }
    memory odd  { guest = 0x50001000  size = 3M }
    memory high { guest = 0x8000000000  size = 2M }
    device rtc  { guest = 0x7fc0010000 }
    device gpio
    shmem chan  { guest = 0x48000000 }
}
vm b {
    cpus    = [1]
    image   = "img.bin"
    console = none
    memory ram { guest = 0x40000000  size = 64M  phys = 0x48201000 }
    shmem chan { guest = 0xfffff000 }
}
shmem chan { size = 64K }
'''


def _big_board(arch, pa_bits=None, colors=None):
    """A board with 64 GiB of RAM, for 1 GiB blocks and many far-apart regions."""
    return ('board big {\n    arch = %s\n    cpus = 4\n    page_size = 4K\n%s%s'
            '    irqs = 32-63\n'
            '    memory ram { base = 0x40000000  size = 64G }\n'
            '    reserved hypervisor { base = 0x40000000  size = 2M }\n'
            '    device uart0 { base = 0x09000000  size = 0x1000  irqs = [33]  owner = console }\n'
            '}\n' % (arch, '    pa_bits = %d\n' % pa_bits if pa_bits else '',
                     '    colors = %d\n' % colors if colors else ''))


def _random_layout(seed):
    """Four VMs of random regions: sizes from a page to gigabytes, guest and host addresses
    aligned alike or not, some pinned 1 GiB-congruent so that 1 GiB blocks appear."""
    rng = random.Random(seed)
    text = ''
    slots = rng.sample(range(1, 120, 4), 16)
    for cpu in range(4):
        text += ('vm v%d {\n    cpus = [%d]\n    image = "img.bin"\n    console = none\n'
                 % (cpu, cpu))
        for i in range(4):
            guest = slots[cpu * 4 + i] << 30
            if i == 0:  # pinned: the host address shares the guest's offset in a 1 GiB block
                offset = rng.choice([0, 0x200000, 0x1000, rng.randrange(0, 1 << 30, 4096)])
                size = rng.choice([1 << 30, (1 << 30) + (6 << 20), (2 << 30) + 0x3000])
                phys = 0x40000000 + (32 + 8 * cpu << 30) + offset
                text += ('    memory r%d { guest = 0x%x  size = 0x%x  phys = 0x%x }\n'
                         % (i, guest + offset, size, phys))
                continue
            guest += rng.choice([0, 0x200000, rng.randrange(0, 1 << 30, 4096),
                                 (1 << 30) - 0x201000])
            size = rng.choice([rng.randrange(1, 600) << 12, rng.randrange(1, 40) << 21,
                               (rng.randrange(1, 40) << 21) + (rng.randrange(1, 512) << 12)])
            text += '    memory r%d { guest = 0x%x  size = 0x%x }\n' % (i, guest, size)
        text += '}\n'
    return text


# Nine pass-through devices 1 GiB apart: each needs a table for its GiB and
# one for its 2 MiB, on top of the 4-page root and the one the RAM's 2 MiB
# blocks hang from: 4 + 1 + 9 * 2 = 23.
SCATTERED = '''\
vm a {
    cpus    = [0]
    image   = "img.bin"
    dma     = trusted
    memory ram { guest = 0x80000000  size = 16M }
%s}
''' % ''.join('    device %s { guest = 0x%x }\n' % (dev, (n + 4) << 30 | base)
              for n, (dev, base) in enumerate([('rtc', 0x101000)] +
                                              [('virtio%d' % i, 0x1000 + 0x1000 * i)
                                               for i in range(8)]))
AGREE = [
    ('rv64-scattered', None, PLIC, SCATTERED, ['riscv']),
    ('rv64-mixed', None, PLIC, RV_MIXED, ['riscv']),
    ('gicv3-mixed', None, GICV3, ARM_MIXED, ['arm', '40']),
    ('gicv2-mixed', None, GICV2, ARM_MIXED, ['arm', '40', 'gicv2']),
    # AArch32 (qemu_arm): LPAE from the first level, 40 bits.
    ('arm32-mixed', 'qemu_arm', GICV2, ARM_MIXED, ['lpae', 'gicv2']),
    ('arm32-unaligned', 'qemu_arm', GICV2,
     'vm a {\n    cpus  = [0]\n    image = "img.bin"\n'
     '    memory ram { guest = 0x40000000  size = 96M  phys = 0x48001000 }\n}\n',
     ['lpae', 'gicv2']),
    ('rv64-colored', _big_board('riscv64', colors=8), PLIC + 'CONFIG_CACHE_COLORING=y\n',
     'vm a {\n    cpus = [0]\n    image = "img.bin"\n    console = none\n'
     '    memory ram { guest = 0x80000000  size = 8M  colors = [0-3] }\n'
     '    memory big { guest = 0x100000000  size = 6M }\n}\n', ['riscv']),
]
for _seed in range(3):
    AGREE += [
        ('rv64-random%d' % _seed, _big_board('riscv64'), PLIC, _random_layout(_seed),
         ['riscv']),
        ('arm40-random%d' % _seed, _big_board('aarch64', 40), GICV3, _random_layout(_seed + 10),
         ['arm', '40']),
        ('arm-worst-random%d' % _seed, _big_board('aarch64'), GICV3, _random_layout(_seed + 20),
         ['arm', 'worst']),
    ]
BIG_POOLS = ('CONFIG_RISCV_GSTAGE_POOL_PAGES=4096\nCONFIG_ARM64_STAGE2_POOL_PAGES=4096\n'
             'CONFIG_ARM_STAGE2_POOL_PAGES=4096\n')


@pytest.mark.parametrize('name,board,config,layout,args', AGREE, ids=[a[0] for a in AGREE])
def test_checker_counts_what_the_walker_takes(scratch, walker, name, board, config, layout, args):
    """Fails when pgtables.py and kernel/lib/pgtable.c (fed by kernel/vm_map.c) disagree."""
    if board == 'qemu_arm':
        board_dir = ROOT / 'boards' / 'qemu_arm'
    else:
        board_dir = _board(scratch, board) if board else (ARM_BOARD if args[0] == 'arm'
                                                          else BOARD_DIR)
    scratch.config(config + BIG_POOLS)
    result = scratch.run(layout, board_dir=board_dir)
    assert (result.returncode, result.stderr) == (0, '')
    expected = c_pages(scratch, walker, args)
    assert not [v for v in expected.values() if 'error' in v]
    assert tool_pages(scratch, layout) == expected


E = 'layout.vmconf:%d: error: '


def test_scattered_devices_overflow_the_riscv_pool(scratch):
    scratch.config(PLIC + 'CONFIG_RISCV_GSTAGE_POOL_PAGES=16\n')
    result = scratch.run(SCATTERED)
    assert result.returncode == 1
    assert result.stderr == (
        E % 11 + "vm 'a': device 'virtio4': its Sv39x4 G-stage tables need 23 pages (17 up to "
        'this mapping), more than CONFIG_RISCV_GSTAGE_POOL_PAGES=16 gives each VM; raise '
        'CONFIG_RISCV_GSTAGE_POOL_PAGES to at least 23, or map fewer ranges, with guest and '
        'host addresses both 2 MiB-aligned (4 root pages; 41-bit guest-physical space)\n')


# 96 MiB whose host address is not 2 MiB-aligned like its guest address:
# 4 KiB pages throughout, 49 tables below the 2-page root.
UNALIGNED = '''\
vm a {
    cpus  = [0]
    image = "img.bin"
    memory ram { guest = 0x40000000  size = 96M  phys = 0x48001000 }
}
'''


def test_unaligned_region_overflows_the_arm_pool(scratch):
    scratch.config(GICV3)
    result = scratch.run(UNALIGNED, board_dir=ARM_BOARD)
    assert result.returncode == 1
    assert result.stderr == (
        E % 4 + "vm 'a': memory 'ram': its VMSAv8-64 stage 2 tables need 51 pages (51 up to "
        'this mapping), more than CONFIG_ARM64_STAGE2_POOL_PAGES=32 gives each VM; raise '
        'CONFIG_ARM64_STAGE2_POOL_PAGES to at least 51, or map fewer ranges, with guest and '
        'host addresses both 2 MiB-aligned (2 root pages; 40-bit guest-physical space, from the '
        "board's pa_bits)\n")


def test_unaligned_region_fits_a_pool_of_exactly_its_pages(scratch):
    for pool, status in ((51, 0), (50, 1)):
        scratch.config(GICV3 + 'CONFIG_ARM64_STAGE2_POOL_PAGES=%d\n' % pool)
        result = scratch.run(UNALIGNED, board_dir=ARM_BOARD)
        assert result.returncode == status, result.stderr
    assert 'need 51 pages (51 up to this mapping), more than ' \
        'CONFIG_ARM64_STAGE2_POOL_PAGES=50' in result.stderr


def test_arm_without_pa_bits_counts_the_worst_case(scratch):
    """42 bits: eight concatenated root pages, six more than QEMU's cortex-a53 takes."""
    board = (ARM_BOARD / 'board.hw').read_text().replace('    pa_bits   = 40', '#')
    scratch.config(GICV3)
    result = scratch.run(UNALIGNED, board_dir=_board(scratch, board))
    assert result.returncode == 1
    assert result.stderr.endswith(
        'need 57 pages (57 up to this mapping), more than CONFIG_ARM64_STAGE2_POOL_PAGES=32 '
        'gives each VM; raise CONFIG_ARM64_STAGE2_POOL_PAGES to at least 57, or map fewer '
        'ranges, with guest and host addresses both 2 MiB-aligned (8 root pages; worst case, a '
        '42-bit guest-physical space: the board gives no pa_bits)\n')


def test_colored_region_overflows_the_pool(scratch):
    """A colored region is mapped page by page: one table per 2 MiB however it is placed."""
    scratch.config(PLIC + 'CONFIG_CACHE_COLORING=y\nCONFIG_RISCV_GSTAGE_POOL_PAGES=8\n')
    layout = ('vm a {\n    cpus = [0]\n    image = "img.bin"\n    console = none\n'
              '    memory ram { guest = 0x80000000  size = 2M }\n'
              '    memory hot { guest = 0x80200000  size = 8M  colors = [0-3] }\n}\n')
    result = scratch.run(layout, board_dir=_board(scratch, _big_board('riscv64', colors=8)))
    assert result.returncode == 1
    assert result.stderr == (
        E % 6 + "vm 'a': memory 'hot': its Sv39x4 G-stage tables need 9 pages (9 up to this "
        'mapping), more than CONFIG_RISCV_GSTAGE_POOL_PAGES=8 gives each VM; raise '
        "CONFIG_RISCV_GSTAGE_POOL_PAGES to at least 9, or color less memory (a colored region "
        "is mapped in stretches of its colors' pages, too short for 2 MiB blocks: a table page "
        'per 2 MiB of it) (4 root pages; 41-bit guest-physical space)\n')


def test_show_prints_each_vms_table_pages(scratch):
    scratch.config(GICV2 + 'CONFIG_ARM64_STAGE2_POOL_PAGES=64\n')
    lines = scratch.run(ARM_MIXED, command='show', board_dir=ARM_BOARD).stdout.splitlines()
    assert [line for line in lines if line.startswith('  tables')] == [
        '  tables   %d of 64 pages (CONFIG_ARM64_STAGE2_POOL_PAGES; VMSAv8-64 stage 2, 2 root '
        "pages; 40-bit guest-physical space, from the board's pa_bits)" % pages
        for pages in (12, 41)]


ARM32_BOARD = ROOT / 'boards' / 'qemu_arm'


def test_arm32_guest_address_past_40_bits_is_refused(scratch):
    """AArch32 LPAE stage 2 has a 40-bit guest-physical space (issue 15, bad input)."""
    scratch.config(GICV2)
    layout = ('vm a {\n    cpus  = [0]\n    image = "img.bin"\n'
              '    memory ram { guest = 0x40000000  size = 16M }\n'
              '    memory high { guest = 0xfffff00000  size = 2M }\n}\n')
    result = scratch.run(layout, board_dir=ARM32_BOARD)
    assert result.returncode == 1
    assert result.stderr == (
        E % 5 + "vm 'a': memory 'high': the mapping ends at 0x10000100000, past the 40-bit "
        'guest-physical space AArch32 LPAE stage 2 reaches; move it below 0x10000000000\n')
    ok = layout.replace('0xfffff00000', '0xffffe00000')
    assert scratch.run(ok, board_dir=ARM32_BOARD).returncode == 0


def test_arm32_counts_lpae_table_pages(scratch):
    """As VMSAv8-64 from level 1 for 40 bits (51 on GICv3), plus 2 for the GICv2 CPU interface."""
    scratch.config(GICV2 + 'CONFIG_ARM_STAGE2_POOL_PAGES=64\n')
    lines = scratch.run(UNALIGNED, command='show', board_dir=ARM32_BOARD).stdout.splitlines()
    assert [line for line in lines if line.startswith('  tables')] == [
        '  tables   53 of 64 pages (CONFIG_ARM_STAGE2_POOL_PAGES; LPAE stage 2, 2 root pages; '
        '40-bit guest-physical space)']


@pytest.mark.parametrize("window,why", [
    ("device far { base = 0x10000000000  size = 0x1000 }",
     "device 'far'.base: 0x10000000000-0x10000000fff ends at 0x10000001000, past the 40-bit "
     "physical address space of the board's CPUs (pa_bits = 40)"),
    ("memory high { base = 0x100000000  size = 1G }",
     "memory 'high'.base: 0x100000000-0x13fffffff ends at 0x140000000, past 4 GiB: the "
     "AArch32 hypervisor maps its RAM and its own devices one to one in its 32-bit Hyp address space"),
])
def test_arm32_board_ranges_past_what_the_cpus_reach_are_refused(scratch, window, why):
    board = (ARM32_BOARD / 'board.hw').read_text().replace(
        '    # Free for pass-through.', '    %s\n    # Free for pass-through.' % window)
    scratch.config(GICV2)
    result = scratch.run('vm a {\n    cpus  = [0]\n    image = "img.bin"\n'
                         '    memory ram { guest = 0x40000000  size = 16M }\n}\n',
                         board_dir=_board(scratch, board))
    assert result.returncode == 1
    assert why in result.stderr, result.stderr


RV32_BOARD = ROOT / 'boards' / 'qemu_rv32'


def test_rv32_guest_address_past_34_bits_is_refused(scratch):
    """RV32's Sv32x4 G-stage has a 34-bit guest-physical space (issue 17, bad input)."""
    scratch.config(PLIC)
    layout = ('vm a {\n    cpus  = [0]\n    image = "img.bin"\n'
              '    memory ram { guest = 0x80000000  size = 16M }\n'
              '    memory high { guest = 0x3fff00000  size = 2M }\n}\n')
    result = scratch.run(layout, board_dir=RV32_BOARD)
    assert result.returncode == 1
    assert result.stderr == (
        E % 5 + "vm 'a': memory 'high': the mapping ends at 0x400100000, past the 34-bit "
        'guest-physical space Sv32x4 reaches; move it below 0x400000000\n')
    ok = layout.replace('0x3fff00000', '0x3ffe00000')
    assert scratch.run(ok, board_dir=RV32_BOARD).returncode == 0


def test_rv32_counts_sv32x4_table_pages(scratch):
    """A 16 KiB root, one 4 KiB table per 4 MiB of unaligned mappings, 4 MiB megapages
    where guest and host addresses are both 4 MiB aligned."""
    scratch.config(PLIC + 'CONFIG_RISCV_GSTAGE_POOL_PAGES=64\n')
    layout = ('vm a {\n    cpus  = [0]\n    image = "img.bin"\n'
              '    memory ram { guest = 0x80000000  size = 8M  phys = 0x81400000 }\n'
              '    memory odd { guest = 0x90000000  size = 8M  phys = 0x82a00000 }\n'
              '    device rtc\n}\n')
    lines = scratch.run(layout, command='show', board_dir=RV32_BOARD).stdout.splitlines()
    # The root's 4 pages; ram: two megapages; odd (not 4 MiB aligned on the host side):
    # a table per 4 MiB, 2; the RTC's page: 1.
    assert [line for line in lines if line.startswith('  tables')] == [
        '  tables   7 of 64 pages (CONFIG_RISCV_GSTAGE_POOL_PAGES; Sv32x4 G-stage, 4 root '
        'pages; 34-bit guest-physical space)']


@pytest.mark.parametrize("window,why", [
    ("device far { base = 0x400000000  size = 0x1000 }",
     "device 'far'.base: 0x400000000-0x400000fff ends at 0x400001000, past the 34-bit "
     "physical address space of the board's CPUs (RV32 Sv32x4 G-stage)"),
    ("memory high { base = 0x100000000  size = 1G }",
     "memory 'high'.base: 0x100000000-0x13fffffff ends at 0x140000000, past 4 GiB: the RV32 "
     "hypervisor reaches its RAM and its own devices untranslated with 32-bit addresses"),
])
def test_rv32_board_ranges_past_what_the_cpus_reach_are_refused(scratch, window, why):
    board = (RV32_BOARD / 'board.hw').read_text().replace(
        '    # Free for pass-through.', '    %s\n    # Free for pass-through.' % window)
    scratch.config(PLIC)
    result = scratch.run('vm a {\n    cpus  = [0]\n    image = "img.bin"\n'
                         '    memory ram { guest = 0x80000000  size = 16M }\n}\n',
                         board_dir=_board(scratch, board))
    assert result.returncode == 1
    assert why in result.stderr, result.stderr


def test_rv32_regions_are_placed_for_4m_megapages(scratch):
    """The build places a 4 MiB-multiple region with a 4 MiB-aligned guest address on a
    4 MiB boundary, where Sv32x4 maps it with megapages: only the root's 4 pages."""
    scratch.config(PLIC + 'CONFIG_RISCV_GSTAGE_POOL_PAGES=64\n')
    layout = ('vm a {\n    cpus  = [0]\n    image = "img.bin"\n'
              '    memory ram { guest = 0x80000000  size = 16M }\n}\n')
    lines = scratch.run(layout, command='show', board_dir=RV32_BOARD).stdout.splitlines()
    assert [line for line in lines if line.startswith('  tables')] == [
        '  tables   4 of 64 pages (CONFIG_RISCV_GSTAGE_POOL_PAGES; Sv32x4 G-stage, 4 root '
        'pages; 34-bit guest-physical space)']
