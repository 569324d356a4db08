# SPDX-License-Identifier: Apache-2.0
# Board description errors, Kconfig interplay, cache colors, MPU granules and the language itself.

import sys

import pytest

from conftest import BOARD_DIR, ROOT

sys.path.insert(0, str(ROOT / 'tools' / 'vmconf'))
from vmconflib.syntax import Assign, parse  # noqa: E402
from vmconflib.errors import VmconfError  # noqa: E402

SIMPLE = ('vm a {\n    cpus = [0]\n    image = "img.bin"\n'
          '    memory ram { guest = 0x80000000  size = 16M }\n}\n')

COLOR_BOARD = '''\
board colored {
    arch      = riscv64
    cpus      = 2
    page_size = 4K
    colors    = 8
    irqs      = 1-31
    memory ram { base = 0x80000000  size = 64M }
    reserved hypervisor { base = 0x80000000  size = 1M }
    device uart0 { base = 0x10000000  size = 0x1000  irqs = [10]  owner = console }
}
'''

MPU_BOARD = '''\
board r52 {
    arch        = arm64
    cpus        = 2
    mpu_granule = 64
    irqs        = [32-63]
    memory ram { base = 0x0  size = 16M }
    reserved hypervisor { base = 0x0  size = 1M }
}
'''


def _board(scratch, text):
    (scratch.path / 'board').mkdir(exist_ok=True)
    (scratch.path / 'board' / 'board.hw').write_text(text)
    return scratch.path / 'board'


# Eight virtio-mmio transports in one page, as on QEMU Arm virt.
VIRTIO = ('    device v { base = 0x10001000  size = 0x1000  irqs = [1-8]  slots = 8  '
          'dma = master }\n')

BOARD_ERRORS = [
    ('syntax', COLOR_BOARD.replace('cpus      = 2', 'cpus      = 2 2'),
     "board/board.hw:3: error: syntax: expected a field name or a block, found number 2"),
    ('unknown-field', COLOR_BOARD.replace('    colors    = 8\n', '    dram = 1\n'),
     "board/board.hw:5: error: board 'colored': dram: unknown field; allowed here: arch, cpus, "
     'page_size, mpu_granule, irqs, colors, pa_bits, mpu_regions, cpu_compatible, cpu_ids, '
     'timer_irqs, reference, imsic_guest_files, timebase'),
    ('timebase-zero', COLOR_BOARD.replace('    colors    = 8\n', '    timebase  = 0\n'),
     "board/board.hw:5: error: board 'colored': timebase: must be between 1 and 4294967295 Hz"),
    ('timebase-arm', MPU_BOARD.replace('    cpus        = 2\n',
                                       '    cpus        = 2\n    timebase    = 100000000\n'),
     "board/board.hw:4: error: board 'r52': timebase: is the RISC-V time CSR's rate; an Arm "
     "board's counter says its own (CNTFRQ)"),
    ('irq-not-implemented', COLOR_BOARD.replace('irqs = [10]', 'irqs = [40]'),
     "board/board.hw:9: error: board 'colored': device 'uart0'.irqs: interrupt 40 is not "
     "among the board's irqs"),
    # The console UART typed inside RAM rather than among the devices.
    ('device-in-ram', COLOR_BOARD.replace('base = 0x10000000', 'base = 0x80100000'),
     "board/board.hw:9: error: board 'colored': device 'uart0'.base: 0x80100000-0x80100fff "
     "lies in memory 'ram' (0x80000000-0x83ffffff, line 7): device registers are outside RAM"),
    ('zero-size', COLOR_BOARD.replace('size = 64M', 'size = 0'),
     "board/board.hw:7: error: board 'colored': memory 'ram'.size: must not be zero"),
    ('no-board-block', '# empty\n',
     'board/board.hw:1: error: board: no board NAME { ... } block in the board description'),
    ('missing-file', None, 'board/board.hw: error: cannot read: No such file or directory'),
    ('slots-uneven', COLOR_BOARD.replace('}\n}', '}\n' + VIRTIO.replace('8', '3') + '}'),
     "board/board.hw:10: error: board 'colored': device 'v'.slots: 3 slots do not split the "
     'window of 4 KiB evenly'),
    ('slots-irqs', COLOR_BOARD.replace('}\n}', '}\n' + VIRTIO.replace('1-8', '1-3') + '}'),
     "board/board.hw:10: error: board 'colored': device 'v'.slots: 8 slots need 8 interrupts, "
     'one per slot; irqs lists 3'),
    ('dma-word', COLOR_BOARD.replace('}\n}', '}\n' + VIRTIO.replace('master', 'yes') + '}'),
     "board/board.hw:10: error: board 'colored': device 'v'.dma: expected one of master, none, "
     "found the word 'yes'"),
]


@pytest.mark.parametrize('name,text,expected', BOARD_ERRORS, ids=[c[0] for c in BOARD_ERRORS])
def test_board_errors_name_board_file_and_line(scratch, name, text, expected):
    if text is None:
        (scratch.path / 'board').mkdir()
    else:
        _board(scratch, text)
    scratch.stale_outputs()
    result = scratch.run(SIMPLE, board_dir='board')
    assert (result.returncode, result.stderr) == (1, expected + '\n')
    assert not any(out.exists() for out in scratch.outputs())


def test_board_cpus_exceed_config(scratch):
    scratch.config('CONFIG_NR_CPUS=2\nCONFIG_MMU=y\n')
    result = scratch.run(SIMPLE)
    assert result.returncode == 1
    assert result.stderr == ("%s:8: error: board 'qemu_rv64': cpus: the board has 4 CPUs but "
                             'CONFIG_NR_CPUS is 2; raise CONFIG_NR_CPUS to at least 4\n'
                             % (BOARD_DIR / 'board.hw'))


AIA = 'CONFIG_NR_CPUS=4\nCONFIG_MMU=y\nCONFIG_IRQCHIP_AIA=y\n'
IMSIC = '    device imsic { base = 0x28000000  size = 0x4000  owner = hypervisor }\n'


def test_aia_on_a_board_without_imsic(scratch):
    """CONFIG_IRQCHIP_AIA asks for IMSIC guest files: a board.hw without an IMSIC is refused."""
    scratch.config(AIA)
    _board(scratch, COLOR_BOARD)
    result = scratch.run(SIMPLE, board_dir='board')
    assert (result.returncode, result.stderr) == (1, (
        "layout.vmconf:2: error: vm 'a': cpus: CONFIG_IRQCHIP_AIA gives each vCPU a guest "
        "interrupt file of its hart's IMSIC, but board 'colored' has no IMSIC (no device imsic "
        'in board/board.hw); choose the PLIC or the APLIC in direct delivery\n'))
    assert not any(out.exists() for out in scratch.outputs())


def test_aia_needs_a_guest_file_per_vm_on_a_hart(scratch):
    """A hart whose IMSIC has fewer guest files than VMs on it: the VM, its CPU, the board field."""
    scratch.config(AIA)
    _board(scratch, COLOR_BOARD.replace('}\n}', '}\n' + IMSIC + '}'))
    two = SIMPLE + SIMPLE.replace('vm a', 'vm b').replace('[0]', '[1]')
    result = scratch.run(two, board_dir='board')
    assert (result.returncode, result.stderr) == (1, (
        "layout.vmconf:2: error: vm 'a': cpus: CPU 0's IMSIC has 0 guest interrupt files "
        '(imsic_guest_files in board/board.hw) and each VM on a hart needs one\n'
        "layout.vmconf:7: error: vm 'b': cpus: CPU 1's IMSIC has 0 guest interrupt files "
        '(imsic_guest_files in board/board.hw) and each VM on a hart needs one\n'))
    _board(scratch, COLOR_BOARD.replace('}\n}', '}\n' + IMSIC + '}').replace(
        '    colors    = 8\n', '    imsic_guest_files = 1\n'))
    assert scratch.run(two, board_dir='board').returncode == 0


def test_aia_guest_file_page_is_not_the_vms_memory(scratch):
    """vCPU n's guest file sits at the board's IMSIC address for hart n: memory there is refused."""
    scratch.config(AIA)
    layout = SIMPLE.replace('size = 16M }', 'size = 16M }\n    memory low { guest = 0x28002000  '
                            'size = 4K }')
    result = scratch.run(layout.replace('[0]', '[0-1]'))
    assert (result.returncode, result.stderr) == (1, (
        "layout.vmconf:5: error: vm 'a': memory 'low'.guest: memory 'low' at 0x28002000-0x28002fff "
        "overlaps the VM's IMSIC guest interrupt file at 0x28002000-0x28002fff; move it\n"))
    assert scratch.run(layout).returncode == 0


def test_mpu_config_on_mmu_board(scratch):
    scratch.config('CONFIG_MPU=y\n')
    result = scratch.run(SIMPLE, command='check')
    assert result.stderr == ("%s:6: error: board 'qemu_rv64': mpu_granule: CONFIG_MPU is set "
                             'but the board gives no mpu_granule; it is an MMU board, select '
                             'CONFIG_MMU\n' % (BOARD_DIR / 'board.hw'))


COLORED = '''\
vm a {
    cpus = [0]
    image = "img.bin"
    share_colors = [0-3]
    memory ram { guest = 0x80000000  size = 64K  colors = [0-3] }
}
vm b {
    cpus = [1]
    image = "img.bin"
    share_colors = [0-3]  # its plain region takes every color
    memory ram { guest = 0x80000000  size = 64K  colors = [4-7] }
    memory plain { guest = 0x90000000  size = 16K }
}
'''


def test_colored_regions_interleave(scratch):
    board = _board(scratch, COLOR_BOARD)
    scratch.config('CONFIG_MMU=y\nCONFIG_CACHE_COLORING=y\n')
    result = scratch.run(COLORED, board_dir=board)
    assert result.returncode == 0, result.stderr
    c_text = scratch.outputs()[0].read_text()
    # Each region starts at the first page of its colors past the hypervisor (grown by the
    # 4 KiB image it embeds to 0x80101000) and takes only its own colors' pages.
    assert '.phys_base = 0x80108000ULL, .size = 0x10000ULL' in c_text
    assert '.phys_base = 0x80104000ULL, .size = 0x10000ULL' in c_text
    assert '.color_mask = 0xfu' in c_text and '.color_mask = 0xf0u' in c_text
    assert '.phys_base = 0x80124000ULL, .size = 0x4000ULL' in c_text
    assert '#define BOARD_NR_COLORS                      8' in \
        scratch.outputs()[2].read_text().splitlines()
    show = scratch.run(COLORED, command='show', board_dir=board).stdout
    assert ('  memory   ram   0x80000000-0x8000ffff  ->  0x80108000-0x80123fff  64 KiB  '
            'rwx, colors 0-3') in show.splitlines()


def test_colors_the_board_lacks(scratch):
    board = _board(scratch, COLOR_BOARD)
    scratch.config('CONFIG_MMU=y\nCONFIG_CACHE_COLORING=y\n')
    result = scratch.run(COLORED.replace('[4-7]', '[4-8]'), board_dir=board)
    assert result.stderr == ("layout.vmconf:11: error: vm 'b': memory 'ram'.colors: color 8 "
                             'does not exist; the board provides colors 0-7\n')


def test_mpu_granule_alignment(scratch):
    board = _board(scratch, MPU_BOARD)
    scratch.config('CONFIG_MPU=y\n')
    layout = SIMPLE.replace('0x80000000  size = 16M', '0x101040  size = 0x1040')
    result = scratch.run(layout, board_dir=board)
    assert result.returncode == 0, result.stderr
    # At its guest address (an MPU board has no translation), on a 64-byte granule.
    assert '.phys_base = 0x101040ULL, .size = 0x1040ULL' in scratch.outputs()[0].read_text()
    result = scratch.run(layout.replace('0x1040', '0x1010'), board_dir=board)
    assert result.stderr == ("layout.vmconf:4: error: vm 'a': memory 'ram'.size: 0x00001010 "
                             'is not aligned to the MPU granule (64 bytes); round it to '
                             '0x00001040\n')


def test_language_values():
    items = parse('t', 'a = 0x8000_0000 b = 16M  # comment\nc = [0-2, 7,]\n'
                  'd = "x\\"y" e = word-1\nblk n\nblk2 m { f = 1G }\n')
    values = {i.key: i.value for i in items if isinstance(i, Assign)}
    assert values['a'].value == 0x80000000 and values['b'].value == 16 << 20
    assert [(v.kind, v.value) for v in values['c'].value] == [('range', (0, 2)), ('int', 7)]
    assert values['d'].value == 'x"y' and values['e'].value == 'word-1'
    assert values['c'].line == 2 and values['e'].line == 3
    blocks = [i for i in items if not isinstance(i, Assign)]
    assert [(b.kind, b.name, b.line, len(b.items)) for b in blocks] == \
        [('blk', 'n', 4, 0), ('blk2', 'm', 5, 1)]
    assert blocks[1].items[0].value.value == 1 << 30


@pytest.mark.parametrize('text,reason', [
    ('a = ', 'expected a value, found end of file'),
    ('a = [1, 2', "expected ']' to close the list opened at line 1, found end of file"),
    ('}', "unmatched '}'"),
    ('a = 3-', "expected a number after '-' in a range, found end of file"),
    ('a = @', "unexpected character '@'"),
])
def test_language_syntax_errors(text, reason):
    with pytest.raises(VmconfError) as err:
        parse('t.vmconf', text)
    assert err.value.message() == 't.vmconf:1: error: syntax: ' + reason


def test_sub_page_device_is_not_passed_through(scratch):
    """A VM is mapped in whole pages: a device smaller than a page would take its neighbours."""
    board = COLOR_BOARD.replace('}\n}', '}\n    device tiny { base = 0x10001000  size = 0x200 }\n}')
    _board(scratch, board)
    result = scratch.run(SIMPLE.replace('    memory', '    device tiny\n    memory'),
                         board_dir='board')
    assert (result.returncode, result.stderr) == (1, (
        "layout.vmconf:4: error: vm 'a': device 'tiny': its window 0x10001000-0x100011ff is not "
        'whole pages of the MMU page (4 KiB), and a VM is mapped in whole pages: it cannot be '
        'passed through alone\n'))


ARM64_BOARD = '''\
board a64 {
    arch      = aarch64
    cpus      = 2
    page_size = 4K
    irqs      = 32-63
    memory ram { base = 0x40000000  size = 64M }
    reserved hypervisor { base = 0x40080000  size = 1M }
}
'''
A64_LAYOUT = SIMPLE.replace('0x80000000', '0x40000000')


@pytest.mark.parametrize('config, base, expected', [
    # Linked elsewhere than the board reserves: VMs could be placed over it.
    ('CONFIG_MMU=y\nCONFIG_HYP_LOAD_ADDR=0x40280000\n', '0x40080000',
     "board/board.hw:7: error: board 'a64': reserved hypervisor.base: the hypervisor is reserved "
     'at 0x40080000 but linked at CONFIG_HYP_LOAD_ADDR 0x40280000; make them the same'),
    # Where booti cannot put an arm64 Image (text_offset 0x80000 past 2 MiB).
    ('CONFIG_MMU=y\nCONFIG_HYP_LOAD_ADDR=0x40100000\n', '0x40100000',
     "board/board.hw:7: error: board 'a64': reserved hypervisor.base: 0x40100000 is not 0x80000 "
     "past a 2 MiB boundary, where U-Boot's booti puts an arm64 Image"),
    # A boot pen (the image is loaded, not booted by booti): any base.
    ('CONFIG_MMU=y\nCONFIG_ARM_BOOT_PEN=y\nCONFIG_HYP_LOAD_ADDR=0x40100000\n', '0x40100000', None),
    # A spin table's pen: the loader still places the image, so booti's rule holds.
    ('CONFIG_MMU=y\nCONFIG_ARM_BOOT_PEN=y\nCONFIG_ARM_SPIN_TABLE=y\nCONFIG_HYP_LOAD_ADDR=0x40100000\n',
     '0x40100000',
     "board/board.hw:7: error: board 'a64': reserved hypervisor.base: 0x40100000 is not 0x80000 "
     "past a 2 MiB boundary, where U-Boot's booti puts an arm64 Image"),
    ('CONFIG_MMU=y\nCONFIG_HYP_LOAD_ADDR=0x40280000\n', '0x40280000', None),
])
def test_hypervisor_reserved_where_it_is_linked(scratch, config, base, expected):
    board = _board(scratch, ARM64_BOARD.replace('base = 0x40080000', 'base = ' + base))
    scratch.config(config)
    result = scratch.run(A64_LAYOUT, command='check', board_dir=board)
    if expected is None:
        assert result.returncode == 0, result.stderr
    else:
        assert result.returncode != 0
        assert expected in result.stderr, result.stderr
