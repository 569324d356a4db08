# SPDX-License-Identifier: Apache-2.0
# Good layouts: deterministic non-overlapping allocation, C and assembly that build, readable show output.

import re
import subprocess
import sys

import pytest

from conftest import BOARD_DIR, CONFIG, ROOT, TOOL

sys.path.insert(0, str(ROOT / 'tools' / 'vmconf'))
from vmconflib.pipeline import build  # noqa: E402

LAYOUT = '''\
# two VMs sharing a channel
vm rt {
    cpus    = [0]
    image   = "img.bin"
    fault   = inject
    console = passthrough
    irqs    = [20-21]
    memory ram  { guest = 0x80000000  size = 16M }
    memory data { guest = 0x90000000  size = 1M  access = rw }
    device rtc
    shmem chan { guest = 0xa0000000  access = r }
}

vm linux {
    cpus  = [1-3]
    image = "${O}/guests/linux.bin"
    entry = 0x80001000
    dtb   = 0x83e00000
    dma   = trusted
    memory ram { guest = 0x80000000  size = 64M }
    memory fixed { guest = 0xc0000000  size = 2M  phys = 0x90000000 }
    device virtio0 { guest = 0x20001000 }
    shmem chan { guest = 0xa0000000 }
}

shmem chan { size = 64K }
'''


@pytest.fixture
def good(scratch):
    scratch.image('build/guests/linux.bin', 12345)
    (scratch.path / 'layout.vmconf').write_text(LAYOUT)
    return scratch


def _system(scratch):
    return build(str(scratch.path / 'layout.vmconf'), str(BOARD_DIR),
                 str(scratch.path / '.config'), str(ROOT), str(scratch.path / 'build'))


def _ranges(system):
    out = []
    for vm in system.layout.vms:
        for r in vm.regions:
            out += [(s, e, '%s.%s' % (vm.name, r.name)) for s, e in r.runs]
    for s in system.layout.shmems:
        out += [(a, b, s.name) for a, b in s.runs]
    for res in system.board.reserved:
        out.append((res.base, res.end, res.name))
    return sorted(out)


def test_allocation_is_deterministic_and_disjoint(good):
    first, second = _system(good), _system(good)
    assert _ranges(first) == _ranges(second)
    ranges = _ranges(first)
    for (s1, e1, n1), (s2, e2, n2) in zip(ranges, ranges[1:]):
        assert e1 <= s2, '%s overlaps %s' % (n1, n2)
    phys = {(vm.name, r.name): r.phys for vm in first.layout.vms for r in vm.regions}
    # Lowest free page first, in layout order, around reserved ranges (the hypervisor's grown
    # by the embedded images) and fixed regions; whole 2 MiB blocks go on a block boundary.
    assert phys == {('rt', 'ram'): 0x81200000, ('rt', 'data'): 0x81005000,
                    ('linux', 'ram'): 0x82400000, ('linux', 'fixed'): 0x90000000}
    assert first.layout.shmems[0].phys == 0x81105000
    for start, end, _ in ranges:
        assert start % 4096 == 0 and end % 4096 == 0


def test_compile_outputs_build_with_gcc(good):
    good.stale_outputs()
    result = good.run(None)
    assert result.returncode == 0, result.stderr
    assert result.stdout == '' and result.stderr == ''
    c_file, s_file, h_file = good.outputs()
    gcc = ['gcc', '-std=c11', '-Wall', '-Wextra', '-Werror', '-Wconversion', '-c', str(c_file),
           '-I', str(ROOT / 'include'), '-I', str(h_file.parent), '-o', str(good.path / 'c.o')]
    subprocess.run(gcc, check=True)
    subprocess.run(['gcc', '-c', str(s_file), '-o', str(good.path / 's.o')], check=True)
    symbols = subprocess.run(['nm', str(good.path / 's.o')], capture_output=True, text=True,
                             check=True).stdout
    assert re.search(r'^0+ R vmconf_image_0$', symbols, re.M)
    assert re.search(r'^0+1000 R vmconf_image_1$', symbols, re.M)
    header = h_file.read_text()
    c_text = c_file.read_text()
    # The header is included by hypervisor C code: it must compile on its own too.
    probe = good.path / 'probe.c'
    probe.write_text('#include "board.h"\nunsigned long long x = BOARD_RAM_BASE + '
                     'BOARD_DEV_RTC_BASE + BOARD_CONSOLE_BASE;\nconst char *n = BOARD_NAME;\n')
    subprocess.run(['gcc', '-std=c11', '-Wall', '-Wextra', '-Werror', '-c', str(probe), '-I',
                    str(h_file.parent), '-o', str(good.path / 'p.o')], check=True)
    for line in ('#define BOARD_NAME                           "qemu_rv64"',
                 '#define BOARD_ARCH                           "riscv64"',
                 '#define BOARD_NR_CPUS                        4',
                 '#define BOARD_RAM_BASE                       0x80000000ULL',
                 '#define BOARD_RAM_SIZE                       0x40000000ULL',
                 '#define BOARD_PAGE_SIZE                      0x1000ULL',
                 '#define BOARD_CONSOLE_BASE                   0x10000000ULL',
                 '#define BOARD_CONSOLE_SIZE                   0x1000ULL',
                 '#define BOARD_CONSOLE_IRQ                    10',
                 '#define BOARD_DEV_RTC_BASE                   0x101000ULL',
                 '#define BOARD_DEV_RTC_IRQ                    11',
                 '#define BOARD_DEV_PLIC_SIZE                  0x600000ULL',
                 '#define VMCONF_NR_VMS                        2',
                 '#define VMCONF_NR_SHMEMS                     1',
                 '#define VMCONF_MAX_VCPUS_PER_VM              3'):
        assert line in header.splitlines()
    assert 'BOARD_DEV_PLIC_IRQ' not in header
    # Sorted irqs: device rtc (11), the passed-through console (10), extra 20-21.
    assert 'static const u32 vm0_irqs[] = { 10u, 11u, 20u, 21u };' in c_text
    assert '.image_size = 0x3039ULL,' in c_text
    assert '.cpu_mask = 0xeULL,' in c_text
    assert '.on_fault = VMCONF_FAULT_INJECT,' in c_text
    assert '.console = VMCONF_CONSOLE_PASSTHROUGH,' in c_text
    assert ('\t{ .name = "chan", .shmem_id = 0u, .guest_base = 0xa0000000ULL, '
            '.access = VMCONF_ACCESS_READ, .doorbells = 0, .nr_doorbells = 0u, .nr_events = 0u, '
            '.gpio_base = 0x0ULL },') in c_text
    assert 'const char vmconf_source[] = "%s";' % good.shown_name() in c_text
    assert '.incbin "%s"' % (good.path / 'build' / 'guests' / 'linux.bin') in s_file.read_text()
    assert [p.name for p in h_file.parent.iterdir() if p.name.startswith('.')] == []


def test_compile_is_reproducible(good):
    assert good.run(None).returncode == 0
    first = [p.read_bytes() for p in good.outputs()]
    assert good.run(None).returncode == 0
    assert [p.read_bytes() for p in good.outputs()] == first


def test_show_lists_the_partitioning(good):
    result = good.run(None, command='show')
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    for expected in (
            'layout %s on board qemu_rv64 (riscv64, 4 CPUs, MMU page 4 KiB)' % good.shown_name(),
            "vm 0 'rt'",
            '  cpus     0  (vCPU 0 on CPU 0)',
            '  fault    inject',
            '  console  passthrough',
            '  memory   ram    0x80000000-0x80ffffff  ->  0x81200000-0x821fffff  16 MiB  rwx',
            '  memory   data   0x90000000-0x900fffff  ->  0x81005000-0x81104fff   1 MiB  rw-',
            '  device   rtc    0x00101000-0x00101fff  ->  0x00101000-0x00101fff   4 KiB  irqs 11',
            '  device   uart0  0x10000000-0x10000fff  ->  0x10000000-0x10000fff   4 KiB  irqs 10',
            '  shmem    chan   0xa0000000-0xa000ffff  ->  0x81105000-0x81114fff  64 KiB  r--, shared',
            '  irqs     10-11, 20-21',
            "vm 1 'linux'",
            '  cpus     1-3  (vCPU 0 on CPU 1)',
            '  entry    0x80001000',
            '  dtb      0x83e00000',
            "  dma      trusted with DMA: can read and write all physical memory, the hypervisor's "
            "and other VMs' included, through virtio0 (no IOMMU)",
            "           memory 'ram' is at guest 0x80000000 but phys 0x82400000: DMA to its guest "
            'addresses lands in other memory; give phys = guest for a working driver',
            "           memory 'fixed' is at guest 0xc0000000 but phys 0x90000000: DMA to its "
            'guest addresses lands in other memory; give phys = guest for a working driver',
            '  device   virtio0  0x20001000-0x20001fff  ->  0x10001000-0x10001fff   4 KiB  irqs 1, '
            'bus master (DMA)',
            '  chan  0x81105000-0x81114fff  64 KiB  rt, linux',
            '  total 922.9 MiB free of 1 GiB'):
        assert expected in lines, expected
    assert any(line.startswith('  image    %s' % (good.path / 'img.bin')) for line in lines)


@pytest.mark.parametrize('layout', sorted((ROOT / 'vmconf').glob('*.vmconf')),
                         ids=lambda p: p.name)
def test_shipped_layout_passes(scratch, layout):
    # Every guest image the layout names, as a small stand-in under ${O}.
    for image in re.findall(r'(?:image|initrd)\s*=\s*"\$\{O\}/([^"]+)"', layout.read_text()):
        scratch.image('build/' + image, 4096)
    config = CONFIG
    if re.search(r'\bgpio\s*=', layout.read_text()):
        config += 'CONFIG_IPC_GPIO=y\n'
    if re.search(r'\bpreload\s*=', layout.read_text()):
        config += 'CONFIG_ARCH_ARM64=y\n'  # U-Boot's booti starts only the arm64 image
    if re.search(r'\bcolors\s*=', layout.read_text()):
        config = config.replace('# CONFIG_CACHE_COLORING is not set\n', '') + \
            'CONFIG_CACHE_COLORING=y\n'  # configs/coloring.config
    if re.search(r'^hypervisor\s*\{', layout.read_text(), re.M):
        config += 'CONFIG_ARCH_HYP_RECOLOR=y\n'  # what ARCH_ARM64 selects
    if re.search(r'\binterrupts\s*=\s*direct', layout.read_text()):
        config += 'CONFIG_IRQCHIP_GICV3=y\n'  # direct delivery is GICv3's
    board = ROOT / 'boards' / layout.name.split('-')[0].replace('.vmconf', '')
    if re.search(r'device gicc', (board / 'board.hw').read_text()) and \
            not re.search(r'device gicr', (board / 'board.hw').read_text()):
        config += 'CONFIG_IRQCHIP_GICV2=y\n'  # what a GIC-400 board's Kconfig.board selects
    # As many CPUs as the board runs (its Kconfig.board's BOARD_NR_CPUS).
    cpus = int(re.search(r'^\s*cpus\s*=\s*(\d+)', (board / 'board.hw').read_text(),
                         re.M).group(1))
    config = config.replace('CONFIG_NR_CPUS=4\n', 'CONFIG_NR_CPUS=%d\n' % max(cpus, 4))
    if re.search(r'^\s*mpu_granule\s*=', (board / 'board.hw').read_text(), re.M):
        # An MPU board (Armv8-R): its defconfig selects the MPU back end.
        config = config.replace('CONFIG_MMU=y\n', '# CONFIG_MMU is not set\n').replace(
            '# CONFIG_MPU is not set\n', 'CONFIG_MPU=y\n')
    scratch.config(config)
    result = scratch.run(None, command='check', layout_name=str(layout), board_dir=board)
    assert (result.returncode, result.stdout, result.stderr) == (0, '', '')
    result = scratch.run(None, command='compile', layout_name=str(layout), board_dir=board)
    assert result.returncode == 0, result.stderr
    c_text = scratch.outputs()[0].read_text()
    assert f'const char vmconf_source[] = "vmconf/{layout.name}";' in c_text


def test_srctree_variable_and_relative_paths(scratch):
    layout = ('vm a {\n    cpus = [0]\n    image = "${srctree}/vmconf/qemu_rv64.vmconf"\n'
              '    memory ram { guest = 0x80000000  size = 16M }\n}\n')
    (scratch.path / 'sub').mkdir()
    scratch.image('sub/own.bin', 100)
    assert scratch.run(layout, command='check').returncode == 0
    layout = layout.replace('${srctree}/vmconf/qemu_rv64.vmconf', 'own.bin')
    result = scratch.run(layout, command='compile', layout_name='sub/l.vmconf')
    assert result.returncode == 0, result.stderr
    assert '.incbin "%s"' % (scratch.path / 'sub' / 'own.bin') in scratch.outputs()[1].read_text()


def test_documented_example_passes(scratch):
    doc = (ROOT / 'Documentation' / 'vm-layout.md').read_text()
    example = doc.split('## A layout', 1)[1].split('```\n', 2)[1]
    scratch.image('build/guests/hello-rv64.bin', 4096)
    result = scratch.run(example, command='check')
    assert (result.returncode, result.stderr) == (0, '')


def test_dependency_file_names_every_input(scratch):
    """--out-d: a make rule from the build's targets to every file read, escaped for make."""
    scratch.image('my guests/a#1.bin', 4096)
    scratch.image('initrd.cpio', 1000)
    layout = ('vm a { cpus = [0]  image = "my guests/a#1.bin"  initrd = "initrd.cpio"  dtb = auto\n'
              '       memory ram { guest = 0x80000000  size = 16M } }\n'
              'vm b { cpus = [1]  image = "my guests/a#1.bin"\n'
              '       memory ram { guest = 0x80000000  size = 16M } }\n')
    (scratch.path / 'layout.vmconf').write_text(layout)
    common = [sys.executable, str(TOOL), 'compile', '--layout', 'layout.vmconf',
              '--board-dir', str(BOARD_DIR), '--config', '.config', '--srctree', str(ROOT),
              '--objtree', str(scratch.path / 'build'), '--out-c', 'out/vmconf.c',
              '--out-s', 'out/vmconf_images.S', '--out-h', 'out/board.h', '--out-d', 'out/in.d']
    result = subprocess.run(common + ['--dep-target', 'stamp', '--dep-target', 'images.o'],
                            cwd=scratch.path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    tmp = str(scratch.path)
    inputs = ['%s/layout.vmconf' % tmp, '%s/board.hw' % BOARD_DIR,
              '%s/my\\ guests/a\\#1.bin' % tmp, '%s/initrd.cpio' % tmp]
    assert (scratch.path / 'out/in.d').read_text().splitlines() == [
        '# Generated by tools/vmconf: the inputs of the last successful compile.',
        'stamp images.o: ' + ' '.join(inputs)] + [x for i in inputs for x in ('', i + ':')]
    # A failed run leaves no dependency file behind.
    (scratch.path / 'initrd.cpio').unlink()
    result = subprocess.run(common, cwd=scratch.path, capture_output=True, text=True)
    assert result.returncode == 1 and not (scratch.path / 'out/in.d').exists()
