# SPDX-License-Identifier: Apache-2.0
# Cache coloring in the layout tool: colors derived from the board's cache, and the layouts refused.

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / 'tools' / 'vmconf'))
from vmconflib.alloc import colored_runs  # noqa: E402

COLORING = 'CONFIG_MMU=y\nCONFIG_CACHE_COLORING=y\nCONFIG_NR_CPUS=4\nCONFIG_MAX_VMS=8\n'

BOARD = '''\
board cached {
    arch      = riscv64
    cpus      = 4
    page_size = 4K
    irqs      = 1-31
    memory ram { base = 0x80000000  size = 64M }
    reserved hypervisor { base = 0x80000000  size = 1M }
    device uart0 { base = 0x10000000  size = 0x1000  irqs = [10]  owner = console }
CACHE}
'''
L2 = '    cache l2 { size = 512K  ways = 8  line = 64 }\n'  # a way of 64 KiB: 16 colors


def _board(scratch, cache=L2):
    (scratch.path / 'board').mkdir(exist_ok=True)
    (scratch.path / 'board' / 'board.hw').write_text(BOARD.replace('CACHE', cache))
    return scratch.path / 'board'


def vm(name, cpus, colors=None, size='1M', extra='', region_extra=''):
    return ('vm %s {\n    cpus = %s\n    image = "img.bin"\n%s%s'
            '    memory ram { guest = 0x80000000  size = %s%s }\n}\n'
            % (name, cpus, '    colors = %s\n' % colors if colors else '', extra, size,
               region_extra))


TWO = vm('rt', '[0]', '[0-3]') + vm('linux', '[1-3]', '[4-15]', size='8M')


def _run(scratch, layout, cache=L2, config=COLORING, command='compile'):
    scratch.config(config)
    return scratch.run(layout, board_dir=_board(scratch, cache), command=command)


@pytest.mark.parametrize('cache, colors, size', [
    (L2, 16, 0x1000),
    # A 4 MiB 16-way cache has 64 page colors; they are grouped in pairs to fit 32.
    ('    cache llc { size = 4M  ways = 16  line = 64 }\n', 32, 0x2000),
    ('    cache llc { colors = 8  color_size = 8K }\n', 8, 0x2000),
    ('    cache llc { colors = 4 }\n', 4, 0x1000),
])
def test_colors_follow_from_the_cache(scratch, cache, colors, size):
    result = _run(scratch, vm('rt', '[0]', '[0-1]'), cache)
    assert result.returncode == 0, result.stderr
    header = scratch.outputs()[2].read_text().splitlines()
    assert '#define %-36s %d' % ('BOARD_NR_COLORS', colors) in header
    assert '#define %-36s 0x%xULL' % ('BOARD_COLOR_SIZE', size) in header
    # Every page of the VM's memory has color 0 or 1 by the same rule.
    c_text = scratch.outputs()[0].read_text()
    assert '.color_mask = 0x3u' in c_text


def test_runs_of_grouped_colors():
    # Colors of two pages: color 1 of 4 is pages 2-3, 10-11, ...
    assert colored_runs(0, 4 * 4096, 0x2, 4, 4096, color_size=8192) == \
        [(0x2000, 0x4000), (0xa000, 0xc000)]


@pytest.mark.parametrize('cache, line, why', [
    ('    cache l2 { size = 512K }\n', 9, "cache 'l2'.ways: missing; give size and ways"),
    ('    cache l2 { size = 512K  ways = 6 }\n', 9, "cache 'l2'.ways: must be a power of two"),
    ('    cache l2 { size = 512K  ways = 8  colors = 4 }\n', 9,
     "cache 'l2'.colors: give the geometry (size, ways, line) or the colors"),
    ('    cache l2 { colors = 64 }\n', 9, "cache 'l2'.colors: must be between 1 and 32"),
    ('    cache l2 { colors = 4  color_size = 2K }\n', 9,
     "cache 'l2'.color_size: 2 KiB is not a whole number of 4 KiB pages"),
])
def test_bad_cache_descriptions(scratch, cache, line, why):
    result = _run(scratch, vm('rt', '[0]', '[0-1]'), cache)
    assert result.returncode == 1
    assert result.stderr.startswith('%s:%d: error: board \'cached\': %s'
                                    % (scratch.path / 'board' / 'board.hw', line, why)), \
        result.stderr


def test_two_vms_with_their_own_colors(scratch):
    result = _run(scratch, TWO)
    assert result.returncode == 0, result.stderr
    show = _run(scratch, TWO, command='show').stdout
    assert '  cache    512 KiB 8-way, 64-byte lines: a way is 64 KiB, 16 colors of 4 KiB' in show
    assert '  colors   0-3 (4 of 16 colors, 128 KiB of the 512 KiB cache)' in show
    assert '  colors   4-15 (12 of 16 colors, 384 KiB of the 512 KiB cache)' in show


E = 'layout.vmconf:%d: error: '


@pytest.mark.parametrize('layout, expected', [
    (vm('rt', '[0]', '[0-3]') + vm('linux', '[1-3]', '[3-15]'),
     E % 10 + "vm 'linux': colors: color 3 is also of vm 'rt' (line 4); give each its own "
     'colors, or list it in share_colors of both'),
    (vm('rt', '[0]', '[0-3]') + vm('linux', '[1-3]'),
     E % 7 + "vm 'linux': colors: missing: memory without colors takes every color, also colors "
     "0-3 of vm 'rt' (line 4); give it colors, e.g. colors = [4-15], or list them in "
     'share_colors of both'),
    (vm('rt', '[0]', '[0-16]'),
     E % 4 + "vm 'rt': colors: color 16 does not exist; the board provides colors 0-15"),
    (vm('rt', '[0]', '[0]', size='8M'),
     E % 4 + "vm 'rt': colors: colors 0 supply at most 4 MiB of the board's RAM (1 of 16 colors "
     "of ram 0x80000000-0x83ffffff), but memory 'ram' needs 8 MiB; give more colors or less "
     'memory'),
    (vm('rt', '[0]', '[0-3]', region_extra='  phys = 0x80400000'),
     E % 5 + "vm 'rt': memory 'ram'.phys: a colored region has no fixed physical address"),
])
def test_refused_colors(scratch, layout, expected):
    result = _run(scratch, layout)
    assert result.returncode == 1
    assert result.stderr.startswith(expected), result.stderr


HYP = COLORING + 'CONFIG_ARCH_HYP_RECOLOR=y\n'  # as an arch that moves the hypervisor would say


def test_hypervisor_colors(scratch):
    layout = 'hypervisor { colors = [0] }\n' + vm('rt', '[0]', '[0-3]')
    result = _run(scratch, layout, config=HYP)
    assert result.stderr.startswith(E % 5 + "vm 'rt': colors: color 0 is also of the "
                                    'hypervisor (line 1)'), result.stderr
    result = _run(scratch, layout.replace('[0-3]', '[1-3]'))
    assert result.stderr == (E % 1 + 'hypervisor.colors: the hypervisor cannot move its own image '
                             'to pages of its colors on this architecture yet '
                             '(CONFIG_ARCH_HYP_RECOLOR); remove the colors, it stays where it '
                             'is loaded\n')


def test_sharing_is_an_explicit_opt_in(scratch):
    layout = (vm('rt', '[0]', '[0-3]', extra='    share_colors = [3]\n') +
              vm('linux', '[1-3]', '[3-15]', extra='    share_colors = [3]\n'))
    result = _run(scratch, layout)
    assert result.returncode == 0, result.stderr
    # Only one side agreeing is not enough.
    result = _run(scratch, layout.replace('    share_colors = [3]\n', '', 1))
    assert "vm 'linux': colors: color 3 is also of vm 'rt'" in result.stderr


def test_hypervisor_and_shared_memory_colors(scratch):
    layout = ('hypervisor { colors = [0] }\n' +
              vm('rt', '[0]', '[1-3]', extra='    shmem chan { guest = 0x90000000 }\n') +
              vm('linux', '[1-3]', '[4-15]', extra='    shmem chan { guest = 0x90000000 }\n') +
              'shmem chan { size = 64K  colors = [3] }\n')
    result = _run(scratch, layout, config=HYP)
    assert result.returncode == 0, result.stderr
    header = scratch.outputs()[2].read_text().splitlines()
    assert '#define %-36s 0x1u' % 'VMCONF_HYP_COLORS' in header
    # Its colored copy: the first free page of color 0 past the hypervisor's range.
    assert '#define %-36s 0x80110000ULL' % 'VMCONF_HYP_COLORED_BASE' in header
    assert '#define %-36s 0x200000' % 'VMCONF_HYP_COLORED_SIZE' in header
    c_text = scratch.outputs()[0].read_text()
    assert '.size = 0x10000ULL, .color_mask = 0x8u' in c_text
    result = _run(scratch, layout.replace('colors = [3] }', 'colors = [3]  phys = 0x80800000 }'),
                  config=HYP)
    assert "shmem 'chan'.phys: a colored object has no fixed physical address" in result.stderr


def test_colors_on_a_board_without_a_cache(scratch):
    result = _run(scratch, vm('rt', '[0]', '[0-1]'), cache='')
    assert result.stderr == (E % 4 + "vm 'rt': colors: the board provides no cache colors: its "
                             'description has no cache block; describe its last-level cache '
                             '(cache llc { size = ...  ways = ... } in %s) or remove colors\n'
                             % (scratch.path / 'board' / 'board.hw'))


def test_colors_with_coloring_off(scratch):
    result = _run(scratch, vm('rt', '[0]', '[0-1]'), config=COLORING.replace(
        'CONFIG_CACHE_COLORING=y\n', ''))
    assert "vm 'rt': colors: cache coloring is off; enable CONFIG_CACHE_COLORING" in result.stderr


def test_colors_with_the_mpu(scratch):
    board = BOARD.replace('page_size = 4K', 'mpu_granule = 64').replace('CACHE', L2)
    (scratch.path / 'board').mkdir(exist_ok=True)
    (scratch.path / 'board' / 'board.hw').write_text(board)
    scratch.config('CONFIG_MPU=y\nCONFIG_NR_CPUS=4\n')
    result = scratch.run(vm('rt', '[0]', '[0-1]').replace('0x80000000', '0x80100000'),
                         board_dir=scratch.path / 'board', command='check')
    assert result.stderr.startswith(E % 4 + "vm 'rt': colors: cache coloring needs the MMU back "
                                    'end: the MPU maps each region whole'), result.stderr
