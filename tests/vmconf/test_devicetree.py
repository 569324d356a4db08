# SPDX-License-Identifier: Apache-2.0
# dtb = auto: the generated device trees pass dtc with warnings as errors and decode back to the layout.

import os
import shutil
import struct
import subprocess
import sys

import pytest

from conftest import ARM32_BOARD, ARM_BOARD, BOARD_DIR, CONFIG, OUTPUTS, ROOT

sys.path.insert(0, str(ROOT / 'tools' / 'vmconf'))
from vmconflib.devicetree import mpidr  # noqa: E402
from vmconflib.layout import MAP_SPEC  # noqa: E402

GICV3 = CONFIG + 'CONFIG_IRQCHIP_GICV3=y\n'
GICV2 = CONFIG + 'CONFIG_IRQCHIP_GICV2=y\n# CONFIG_IRQCHIP_GICV3 is not set\n'
E = 'layout.vmconf:%d: error: '

pytestmark = pytest.mark.skipif(shutil.which('dtc') is None,
                                reason='dtc (Debian package device-tree-compiler) not installed')

RV_LAYOUT = '''\
vm a {
    cpus    = [0-1]
    image   = "img.bin"
    dtb     = auto
    console = passthrough
    dma     = trusted
    memory ram { guest = 0x80000000  size = 16M }
    memory hi  { guest = 0x90000000  size = 4M }
    device rtc
    device virtio0 { guest = 0x20001000 }
    shmem chan { guest = 0xa0000000 }
}
vm b {
    cpus     = [2]
    image    = "img.bin"
    dtb      = auto
    bootargs = "console=hvc0 \\"quoted\\""
    memory ram { guest = 0x80000000  size = 16M }
    shmem chan { guest = 0xa0000000 }
}
shmem chan { size = 64K }
'''

ARM_LAYOUT = '''\
vm a {
    cpus     = [0-2]
    image    = "img.bin"
    dtb      = auto
    bootargs = "console=ttyAMA0 root=/dev/ram"
    memory ram { guest = 0x40000000  size = 32M }
    device rtc
    device gpio { guest = 0x20030000 }
}
vm b {
    cpus    = [3]
    image   = "img.bin"
    dtb     = auto
    console = none
    memory ram { guest = 0x40000000  size = 16M }
}
'''


def parse_fdt(blob):
    """A flattened device tree -> {node path: {property: bytes}}."""
    magic, total, off_struct, off_strings = struct.unpack_from('>IIII', blob, 0)
    assert magic == 0xd00dfeed and total == len(blob)
    nodes, path, pos = {}, [], off_struct
    while True:
        token, = struct.unpack_from('>I', blob, pos)
        pos += 4
        if token == 1:
            end = blob.index(b'\0', pos)
            path.append(blob[pos:end].decode())
            pos = (end + 4) & ~3
            nodes['/' + '/'.join(p for p in path if p)] = {}
        elif token == 2:
            path.pop()
        elif token == 3:
            size, name_off = struct.unpack_from('>II', blob, pos)
            name = blob[off_strings + name_off:blob.index(b'\0', off_strings + name_off)].decode()
            nodes['/' + '/'.join(p for p in path if p)][name] = blob[pos + 8:pos + 8 + size]
            pos = (pos + 8 + size + 3) & ~3
        elif token == 9:
            return nodes
        else:
            assert token == 4, token


def cells(value):
    return list(struct.unpack('>%dI' % (len(value) // 4), value))


def regs(value):
    """reg with two address and two size cells -> [(base, size)]."""
    c = cells(value)
    return [((c[i] << 32 | c[i + 1]), (c[i + 2] << 32 | c[i + 3])) for i in range(0, len(c), 4)]


def strs(value):
    return value.decode().split('\0')[:-1]


def by_phandle(tree):
    return {cells(props['phandle'])[0]: path for path, props in tree.items() if 'phandle' in props}


def compile_layout(scratch, layout, board=BOARD_DIR, config=CONFIG):
    scratch.config(config)
    result = scratch.run(layout, board_dir=board)
    assert (result.returncode, result.stderr) == (0, '')
    trees = {}
    for name in ('a', 'b'):
        dtb = scratch.path / 'out' / ('%s.dtb' % name)
        # Decodes and re-encodes without a single warning: warnings count as errors.
        check = subprocess.run(['dtc', '-I', 'dtb', '-O', 'dtb', '-o', os.devnull, str(dtb)],
                               capture_output=True, text=True)
        assert (check.returncode, check.stderr) == (0, '')
        assert (scratch.path / 'out' / ('%s.dts' % name)).exists()
        trees[name] = parse_fdt(dtb.read_bytes())
    return trees


def test_riscv_tree_matches_layout(scratch):
    trees = compile_layout(scratch, RV_LAYOUT)
    a, b = trees['a'], trees['b']
    assert regs(a['/memory@80000000']['reg']) == [(0x80000000, 16 << 20)]
    assert regs(a['/memory@90000000']['reg']) == [(0x90000000, 4 << 20)]
    assert strs(a['/memory@80000000']['device_type']) == ['memory']
    assert cells(a['/cpus']['timebase-frequency']) == [10000000]
    cpus = sorted(p for p in a if p.startswith('/cpus/cpu@') and p.count('/') == 2)
    assert cpus == ['/cpus/cpu@0', '/cpus/cpu@1']
    for index, path in enumerate(cpus):
        assert cells(a[path]['reg']) == [index]
        assert strs(a[path]['mmu-type']) == ['riscv,sv39']
        assert strs(a[path]['riscv,isa'])[0].startswith('rv64imafdc')
        assert strs(a[path + '/interrupt-controller']['compatible']) == ['riscv,cpu-intc']
    plic = a['/interrupt-controller@c000000']
    assert strs(plic['compatible']) == ['sifive,plic-1.0.0', 'riscv,plic0']
    assert regs(plic['reg']) == [(0x0c000000, 0x600000)]
    assert cells(plic['riscv,ndev']) == [95]
    handles = by_phandle(a)
    ext = cells(plic['interrupts-extended'])
    assert [(handles[ext[i]], ext[i + 1]) for i in range(0, len(ext), 2)] == [
        ('/cpus/cpu@0/interrupt-controller', 11), ('/cpus/cpu@0/interrupt-controller', 9),
        ('/cpus/cpu@1/interrupt-controller', 11), ('/cpus/cpu@1/interrupt-controller', 9)]
    assert handles[cells(a['/']['interrupt-parent'])[0]] == '/interrupt-controller@c000000'
    assert strs(a['/rtc@101000']['compatible']) == ['google,goldfish-rtc']
    assert regs(a['/rtc@101000']['reg']) == [(0x101000, 0x1000)]
    assert cells(a['/rtc@101000']['interrupts']) == [11]
    assert strs(a['/virtio0@20001000']['compatible']) == ['virtio,mmio']
    assert regs(a['/virtio0@20001000']['reg']) == [(0x20001000, 0x1000)]
    assert cells(a['/virtio0@20001000']['interrupts']) == [1]
    assert strs(a['/uart@10000000']['compatible']) == ['ns16550a']
    assert cells(a['/uart@10000000']['interrupts']) == [10]
    assert cells(a['/uart@10000000']['clock-frequency']) == [3686400]
    assert strs(a['/chosen']['bootargs']) == ['console=hvc0 earlycon=sbi']
    assert strs(a['/chosen']['stdout-path']) == ['/uart@10000000']
    shm = a['/reserved-memory/shmem@a0000000']
    assert strs(shm['compatible']) == ['bulwark,shmem']
    assert regs(shm['reg']) == [(0xa0000000, 64 << 10)]
    # The virtual console: the 16550 model at the board UART's address, on the virtual PLIC,
    # with QEMU's clock and no reg-shift or reg-io-width (byte registers, as QEMU's).
    uart = b['/uart@10000000']
    assert strs(uart['compatible']) == ['ns16550a']
    assert regs(uart['reg']) == [(0x10000000, 0x1000)]
    assert cells(uart['interrupts']) == [10]
    assert handles[cells(uart['interrupt-parent'])[0]] == '/interrupt-controller@c000000'
    assert cells(uart['clock-frequency']) == [3686400]
    assert 'reg-shift' not in uart and 'reg-io-width' not in uart
    assert strs(b['/chosen']['bootargs']) == ['console=hvc0 "quoted"']
    assert strs(b['/chosen']['stdout-path']) == ['/uart@10000000']
    assert [p for p in b if p.startswith('/cpus/cpu@') and p.count('/') == 2] == ['/cpus/cpu@0']


def test_riscv_tree_with_aplic(scratch):
    """CONFIG_IRQCHIP_APLIC: the VMs see an APLIC domain (riscv,aplic) instead of a PLIC."""
    trees = compile_layout(scratch, RV_LAYOUT, config=CONFIG + 'CONFIG_IRQCHIP_APLIC=y\n')
    a, b = trees['a'], trees['b']
    assert '/interrupt-controller@c000000' not in a
    aplic = a['/interrupt-controller@d000000']
    assert strs(aplic['compatible']) == ['riscv,aplic']
    assert regs(aplic['reg']) == [(0x0d000000, 0x8000)]
    assert cells(aplic['#interrupt-cells']) == [2]
    assert cells(aplic['riscv,num-sources']) == [95]
    handles = by_phandle(a)
    ext = cells(aplic['interrupts-extended'])
    # IDC n is vCPU n, wired to its supervisor external interrupt.
    assert [(handles[ext[i]], ext[i + 1]) for i in range(0, len(ext), 2)] == [
        ('/cpus/cpu@0/interrupt-controller', 9), ('/cpus/cpu@1/interrupt-controller', 9)]
    assert handles[cells(a['/']['interrupt-parent'])[0]] == '/interrupt-controller@d000000'
    # Two cells per interrupt: the source and its type (4: level high).
    assert cells(a['/rtc@101000']['interrupts']) == [11, 4]
    assert cells(a['/virtio0@20001000']['interrupts']) == [1, 4]
    assert cells(b['/uart@10000000']['interrupts']) == [10, 4]
    ext = cells(b['/interrupt-controller@d000000']['interrupts-extended'])
    assert len(ext) == 2


def test_riscv_tree_with_aplic_and_imsic(scratch):
    """CONFIG_IRQCHIP_AIA: an APLIC domain in MSI mode whose MSIs go to IMSIC files, one per vCPU."""
    trees = compile_layout(scratch, RV_LAYOUT, config=CONFIG + 'CONFIG_IRQCHIP_AIA=y\n')
    a = trees['a']
    handles = by_phandle(a)
    imsic = a['/imsics@28000000']
    assert strs(imsic['compatible']) == ['riscv,imsics']
    # vCPU n's file at 0x28000000 + n * 8 KiB, the board's hart stride (1 guest index bit).
    assert regs(imsic['reg']) == [(0x28000000, 2 * 0x2000)]
    assert cells(imsic['riscv,guest-index-bits']) == [1]
    assert cells(imsic['riscv,num-ids']) == [255]
    assert 'msi-controller' in imsic and cells(imsic['#interrupt-cells']) == [0]
    ext = cells(imsic['interrupts-extended'])
    assert [(handles[ext[i]], ext[i + 1]) for i in range(0, len(ext), 2)] == [
        ('/cpus/cpu@0/interrupt-controller', 9), ('/cpus/cpu@1/interrupt-controller', 9)]
    aplic = a['/interrupt-controller@d000000']
    assert strs(aplic['compatible']) == ['riscv,aplic']
    assert handles[cells(aplic['msi-parent'])[0]] == '/imsics@28000000'
    assert 'interrupts-extended' not in aplic
    assert handles[cells(a['/']['interrupt-parent'])[0]] == '/interrupt-controller@d000000'
    assert cells(a['/rtc@101000']['interrupts']) == [11, 4]


def test_riscv_tree_is_embedded(scratch):
    compile_layout(scratch, RV_LAYOUT)
    c_file, s_file, h_file = scratch.outputs()
    size = (scratch.path / 'out' / 'a.dtb').stat().st_size
    c_text, s_text = c_file.read_text(), s_file.read_text()
    assert '\t\t.dtb_addr = 0x80e00000ULL,\n' in c_text
    assert '\t\t.dtb_start = vmconf_dtb_0,\n\t\t.dtb_size = 0x%xULL,\n' % size in c_text
    assert '.incbin "%s"' % (scratch.path / 'out' / 'a.dtb') in s_text
    assert '.size vmconf_dtb_1, %d' % (scratch.path / 'out' / 'b.dtb').stat().st_size in s_text
    gcc = ['gcc', '-std=c11', '-Wall', '-Wextra', '-Werror', '-c', str(c_file), '-I',
           str(ROOT / 'include'), '-I', str(h_file.parent), '-o', str(scratch.path / 'c.o')]
    subprocess.run(gcc, check=True)
    subprocess.run(['gcc', '-c', str(s_file), '-o', str(scratch.path / 's.o')], check=True)
    show = scratch.run(None, command='show').stdout.splitlines()
    assert "  dtb      0x80e00000  (generated, top 2 MiB of memory 'ram')" in show


# AArch64 (qemu_aarch64) and AArch32 (qemu_arm): the same tree, but for the CPUs and the timer.
ARM_ARCHES = {'aarch64': (ARM_BOARD, 'arm,cortex-a53', 'arm,armv8-timer'),
              'arm': (ARM32_BOARD, 'arm,cortex-a15', 'arm,armv7-timer')}


@pytest.mark.parametrize('arch', ARM_ARCHES)
@pytest.mark.parametrize('version', [3, 2])
def test_arm_tree_matches_layout(scratch, version, arch):
    board, cpu, timer_compatible = ARM_ARCHES[arch]
    trees = compile_layout(scratch, ARM_LAYOUT, board, GICV3 if version == 3 else GICV2)
    a, b = trees['a'], trees['b']
    assert regs(a['/memory@40000000']['reg']) == [(0x40000000, 32 << 20)]
    cpus = sorted(p for p in a if p.startswith('/cpus/cpu@'))
    assert cpus == ['/cpus/cpu@0', '/cpus/cpu@1', '/cpus/cpu@2']
    for index, path in enumerate(cpus):
        assert cells(a[path]['reg']) == [mpidr(index)]
        assert strs(a[path]['compatible']) == [cpu]
        assert strs(a[path]['enable-method']) == ['psci']
    assert strs(a['/psci']['compatible'])[0] == 'arm,psci-1.0'
    assert strs(a['/psci']['method']) == ['hvc']
    gic = a['/interrupt-controller@8000000']
    if version == 3:
        assert strs(gic['compatible']) == ['arm,gic-v3']
        assert regs(gic['reg']) == [(0x08000000, 0x10000), (0x080a0000, 3 * 0x20000)]
        assert regs(b['/interrupt-controller@8000000']['reg'])[1] == (0x080a0000, 0x20000)
    else:
        assert strs(gic['compatible']) == ['arm,cortex-a15-gic']
        assert regs(gic['reg']) == [(0x08000000, 0x10000), (0x08010000, 0x2000)]
    assert cells(gic['#interrupt-cells']) == [3]
    timer = cells(a['/timer']['interrupts'])
    assert strs(a['/timer']['compatible']) == [timer_compatible]
    assert [timer[i:i + 2] for i in range(0, 12, 3)] == [[1, 13], [1, 14], [1, 11], [1, 10]]
    handles = by_phandle(a)
    uart = a['/uart@9000000']
    assert strs(uart['compatible']) == ['arm,pl011', 'arm,primecell']
    assert regs(uart['reg']) == [(0x09000000, 0x1000)]
    assert cells(uart['interrupts']) == [0, 1, 4]  # SPI 1 = INTID 33
    assert [handles[h] for h in cells(uart['clocks'])] == ['/apb-pclk', '/apb-pclk']
    assert strs(a['/apb-pclk']['compatible']) == ['fixed-clock']
    assert strs(a['/rtc@9010000']['compatible']) == ['arm,pl031', 'arm,primecell']
    assert cells(a['/rtc@9010000']['interrupts']) == [0, 2, 4]
    assert regs(a['/gpio@20030000']['reg']) == [(0x20030000, 0x1000)]
    assert cells(a['/gpio@20030000']['interrupts']) == [0, 7, 4]
    assert strs(a['/chosen']['bootargs']) == ['console=ttyAMA0 root=/dev/ram']
    assert strs(a['/chosen']['stdout-path']) == ['/uart@9000000']
    # console = none: no UART, no stdout-path, the default command line.
    assert not [p for p in b if p.startswith('/uart')]
    assert strs(b['/chosen']['bootargs']) == ['console=ttyAMA0']
    assert 'stdout-path' not in b['/chosen']


def test_mpidr_affinity():
    assert [mpidr(i) for i in (0, 15, 16, 17, 33)] == [0, 15, 0x100, 0x101, 0x201]


@pytest.mark.skipif('doorbells' not in MAP_SPEC.fields, reason='IPC doorbells not in the layout')
def test_ipc_objects_become_bao_ipcshmem(scratch):
    layout = RV_LAYOUT.replace('shmem chan { guest = 0xa0000000 }',
                               'shmem chan { guest = 0xa0000000  doorbells = [40] }', 1)
    layout = layout.replace('    shmem chan { guest = 0xa0000000 }\n}\nshmem',
                            '    shmem chan { guest = 0xa0000000  doorbells = [41] }\n}\nshmem')
    trees = compile_layout(scratch, layout)
    for name, irq, read, write in (('a', 40, 0x8000, 0), ('b', 41, 0, 0x8000)):
        node = trees[name]['/ipc@a0000000']
        assert strs(node['compatible']) == ['bao,ipcshmem']
        assert regs(node['reg']) == [(0xa0000000, 64 << 10)]
        assert cells(node['read-channel']) == [read, 0x8000]
        assert cells(node['write-channel']) == [write, 0x8000]
        assert cells(node['interrupts']) == [irq]
        assert cells(node['id']) == [0]


@pytest.mark.parametrize('board,device,base,ram,expected', [
    ('cva6_genesys2', 'apb_timer', 0x18000000, 0x80000000, [4, 5, 6, 7]),
    ('zcu104', 'rtc', 0xffa60000, 0x10000000, [0, 26, 4, 0, 27, 4])], ids=['plic', 'gic'])
def test_device_with_several_interrupts(scratch, board, device, base, ram, expected):
    """A device with more than one interrupt gets one specifier each, which dtc accepts."""
    layout = ('vm a {\n    cpus  = [0]\n    image = "img.bin"\n    dtb   = auto\n'
              '    memory ram { guest = 0x%x  size = 16M }\n    device %s\n}\n')
    scratch.config(GICV2 if board == 'zcu104' else CONFIG)
    result = scratch.run(layout % (ram, device), board_dir=ROOT / 'boards' / board)
    assert (result.returncode, result.stderr) == (0, '')
    tree = parse_fdt((scratch.path / 'out' / 'a.dtb').read_bytes())
    assert cells(tree['/%s@%x' % (device, base)]['interrupts']) == expected


def test_riscv_timebase_from_the_board(scratch):
    """A board's timebase (board.hw) reaches the guests' device trees and the hypervisor
    (BOARD_TIMEBASE_HZ); a board without one has QEMU's 10 MHz (test_riscv_tree_matches_layout)."""
    layout = ('vm a {\n    cpus  = [0]\n    image = "img.bin"\n    dtb   = auto\n'
              '    memory ram { guest = 0x80000000  size = 16M }\n}\n')
    result = scratch.run(layout, board_dir=ROOT / 'boards' / 'cva6_genesys2')
    assert (result.returncode, result.stderr) == (0, '')
    tree = parse_fdt((scratch.path / 'out' / 'a.dtb').read_bytes())
    assert cells(tree['/cpus']['timebase-frequency']) == [20000000]
    header = (scratch.path / OUTPUTS[2]).read_text()
    assert '#define BOARD_TIMEBASE_HZ' in header and ' 20000000u\n' in header
    result = scratch.run(layout, board_dir=BOARD_DIR)
    assert 'BOARD_TIMEBASE_HZ' not in (scratch.path / OUTPUTS[2]).read_text()


@pytest.mark.parametrize('board,ram', [(BOARD_DIR, 0x10000000), (ARM_BOARD, 0x09000000)],
                         ids=['riscv64', 'aarch64'])
def test_virtual_uart_takes_the_console_address(scratch, board, ram):
    """A VM with a virtual console has the UART model at the console's address: nothing else
    of the VM may be there; without a virtual console the address is free."""
    layout = ('vm a {\n    cpus  = [0]\n    image = "img.bin"\n    console = %s\n'
              '    memory ram { guest = 0x%x  size = 16M }\n}\n')
    scratch.image('img.bin', 4096)
    result = scratch.run(layout % ('virtual', ram), board_dir=board)
    assert result.stderr == (E % 4 + "vm 'a': console: the virtual UART (console = virtual) at "
                             '0x%08x-0x%08x overlaps memory \'ram\' at 0x%08x-0x%08x '
                             '(line 5) in the VM\'s guest address space; move one of them\n'
                             % (ram, ram + 0xfff, ram, ram + (16 << 20) - 1))
    result = scratch.run(layout % ('none', ram), board_dir=board)
    assert (result.returncode, result.stderr) == (0, '')


def vm_auto(extra='', size='16M'):
    return ('vm a {\n    cpus  = [0]\n    image = "img.bin"\n%s'
            '    memory ram { guest = 0x80000000  size = %s }\n}\n' % (extra, size))


BAD = [
    ('region-too-small', vm_auto('    dtb = auto\n', '2M'),
     E % 4 + "vm 'a': dtb: auto puts the device tree in the top 2 MiB of memory 'ram' "
     '(0x80000000-0x801fffff), which is only 2 MiB; enlarge the region or give an address'),
    ('overlaps-image', vm_auto('    dtb = auto\n    load = 0x80f00000\n'),
     E % 4 + "vm 'a': dtb: auto puts the device tree at 0x80e00000-0x80ffffff (top 2 MiB of "
     "memory 'ram'), which overlaps the image at 0x80f00000-0x80f00fff; enlarge the region or "
     'load the image lower'),
    ('bootargs-without-auto', vm_auto('    bootargs = "quiet"\n'),
     E % 4 + "vm 'a': bootargs: only used in a generated device tree; add dtb = auto or remove "
     'bootargs'),
    ('dtb-word', vm_auto('    dtb = generated\n'),
     E % 4 + "vm 'a': dtb: expected a number or auto, found the word 'generated'"),
]


@pytest.mark.parametrize('layout,expected', [c[1:] for c in BAD], ids=[c[0] for c in BAD])
def test_bad_devicetree_layouts(scratch, layout, expected):
    scratch.stale_outputs()
    result = scratch.run(layout)
    assert (result.returncode, result.stdout, result.stderr) == (1, '', expected + '\n')
    for out in scratch.outputs():
        assert not out.exists()


def test_missing_dtc_names_the_package(scratch):
    (scratch.path / 'layout.vmconf').write_text(vm_auto('    dtb = auto\n'))
    args = [sys.executable, str(ROOT / 'tools' / 'vmconf' / 'vmconf.py'), 'compile', '--layout',
            'layout.vmconf', '--board-dir', str(BOARD_DIR), '--config', '.config', '--srctree',
            str(ROOT), '--objtree', str(scratch.path / 'build'), '--out-c', 'out/vmconf.c',
            '--out-s', 'out/vmconf_images.S', '--out-h', 'out/board.h']
    env = dict(os.environ, DTC='no-such-dtc')
    result = subprocess.run(args, cwd=scratch.path, capture_output=True, text=True, env=env)
    assert (result.returncode, result.stderr) == (
        1, E % 4 + "vm 'a': dtb: auto needs the device tree compiler 'no-such-dtc', which is not "
        'installed; install it (Debian package device-tree-compiler) or set DTC\n')
    # check and show need no dtc.
    args[2] = 'check'
    assert subprocess.run(args[:13], cwd=scratch.path, env=env).returncode == 0


def test_numeric_dtb_means_the_guest_brings_its_own(scratch):
    result = scratch.run(vm_auto('    dtb = 0x80f00000\n'))
    assert (result.returncode, result.stderr) == (0, '')
    c_text = scratch.outputs()[0].read_text()
    assert '.dtb_addr = 0x80f00000ULL,' in c_text
    assert '.dtb_start = 0,\n\t\t.dtb_size = 0x0ULL,' in c_text
    assert not list((scratch.path / 'out').glob('*.dtb'))


LINUX_LAYOUT = '''\
vm a {
    cpus   = [0-2]
    image  = "Image"
    initrd = "rd.cpio"
    dtb    = auto
    memory ram { guest = 0x40000000  size = 64M }
    shmem link { guest = 0x50000000  doorbells = [100]  gpio = 0x50010000 }
}
vm b {
    cpus  = [3]
    image = "img.bin"
    dtb   = auto
    memory ram { guest = 0x40000000  size = 16M }
    shmem link { guest = 0x48000000  doorbells = [101] }
}
shmem link { size = 64K }
'''


def test_linux_initrd_and_gpio_doorbells(scratch):
    scratch.linux_image('Image', 8192, image_size=32 << 20)
    scratch.image('rd.cpio', 10000)
    trees = compile_layout(scratch, LINUX_LAYOUT, ARM_BOARD, GICV3 + 'CONFIG_IPC_GPIO=y\n')
    a, b = trees['a'], trees['b']
    # The initrd sits right below the device tree (top 2 MiB of 64 MiB), 4 KiB aligned.
    start = (0x43e00000 - 10000) // 4096 * 4096
    assert cells(a['/chosen']['linux,initrd-start']) == [0, start]
    assert cells(a['/chosen']['linux,initrd-end']) == [0, start + 10000]
    assert 'linux,initrd-start' not in b['/chosen']
    gpio = a['/gpio@50010000']
    assert strs(gpio['compatible']) == ['arm,pl061', 'arm,primecell']
    assert regs(gpio['reg']) == [(0x50010000, 0x1000)]
    assert cells(gpio['interrupts']) == [0, 68, 4]
    assert 'gpio-controller' in gpio and cells(gpio['#gpio-cells']) == [2]
    assert strs(gpio['gpio-line-names']) == ['link-in0', '', '', '', 'link-out0', '', '', '']
    assert strs(a['/ipc@50000000']['label']) == ['link']
    # A plain doorbell is an edge; the peer has no GPIO controller.
    assert cells(b['/ipc@48000000']['interrupts']) == [0, 69, 1]
    assert not [p for p in b if p.startswith('/gpio@')]
    c_text = scratch.outputs()[0].read_text()
    assert '.initrd_size = 0x2710ULL,' in c_text
    assert '.initrd_load = 0x%xULL,' % start in c_text
    assert '.nr_events = 1u, .gpio_base = 0x50010000ULL' in c_text
    assert '#define VMCONF_NR_IPC_GPIOS                  1' in \
        scratch.outputs()[2].read_text().splitlines()


def test_virtio_mmio_for_a_vm_trusted_with_dma(scratch):
    """A virtio-mmio slot passed through is a virtio,mmio node a Linux VM probes: reg and
    interrupt of each transport (Arm: eight per page, SPI 40-47 for INTIDs 72-79)."""
    arm = ARM_LAYOUT.replace('    device gpio { guest = 0x20030000 }\n',
                             '    device virtio24_31\n    dma = trusted\n')
    trees = compile_layout(scratch, arm, board=ARM_BOARD, config=GICV3)
    a = trees['a']
    nodes = sorted(p for p in a if p.startswith('/virtio'))
    assert nodes == ['/virtio24_31@%x' % (0x0a003000 + 0x200 * i) for i in range(8)]
    for i, node in enumerate(nodes):
        assert strs(a[node]['compatible']) == ['virtio,mmio']
        assert regs(a[node]['reg']) == [(0x0a003000 + 0x200 * i, 0x200)]
        assert cells(a[node]['interrupts']) == [0, 40 + i, 4]
    assert not any(p.startswith('/virtio') for p in trees['b'])
    rv = RV_LAYOUT.replace('device virtio0 { guest = 0x20001000 }', 'device virtio7')
    a = compile_layout(scratch, rv)['a']
    assert strs(a['/virtio7@10008000']['compatible']) == ['virtio,mmio']
    assert regs(a['/virtio7@10008000']['reg']) == [(0x10008000, 0x1000)]
    assert cells(a['/virtio7@10008000']['interrupts']) == [8]


DK2_LAYOUT = '''\
vm a {
    cpus    = [0]
    image   = "img.bin"
    dtb     = auto
    console = virtual
    memory ram { guest = 0xc0000000  size = 32M }
}
vm b {
    cpus    = [1]
    image   = "img.bin"
    dtb     = auto
    console = none
    memory ram { guest = 0xc0000000  size = 32M }
    device usart3
}
'''


def test_stm32_board_describes_its_usart_not_a_pl011(scratch):
    """On the STM32MP157C-DK2 the virtual console is a model of its STM32 USART: the tree
    says so, with the clock Linux's driver needs, and Linux's console is ttySTM0."""
    scratch.image('img.bin', 4096)
    trees = compile_layout(scratch, DK2_LAYOUT, ROOT / 'boards' / 'stm32mp157_dk2', GICV2)
    a, b = trees['a'], trees['b']
    assert strs(a['/cpus/cpu@0']['compatible']) == ['arm,cortex-a7']
    uart = a['/uart@40010000']
    assert strs(uart['compatible']) == ['st,stm32h7-uart']
    assert regs(uart['reg']) == [(0x40010000, 0x1000)]
    assert cells(uart['interrupts']) == [0, 52, 4]  # SPI 52 = INTID 84
    assert [by_phandle(a)[h] for h in cells(uart['clocks'])] == ['/apb-pclk']
    assert strs(a['/chosen']['bootargs']) == ['console=ttySTM0']
    assert strs(a['/chosen']['stdout-path']) == ['/uart@40010000']
    usart3 = b['/usart3@4000f000']
    assert strs(usart3['compatible']) == ['st,stm32h7-uart']
    assert cells(usart3['interrupts']) == [0, 39, 4]
    assert not [p for p in b if p.startswith('/uart')]


# DK2_LAYOUT's two VMs anywhere the boards have RAM, b without a device.
UART_LAYOUT = DK2_LAYOUT.replace('0xc0000000', '0x10000000').replace('    device usart3\n', '')


@pytest.mark.parametrize('board,config,uart,names,frequency', [
    # Cadence UART on a RISC-V board: the tree gains the fixed clock it names.
    ('rocket_zcu104', CONFIG, '/uart@ff010000', ['uart_clk', 'pclk'], None),
    ('zcu102', GICV2, '/uart@ff000000', ['uart_clk', 'pclk'], None),
    ('imx8mq_evk', GICV3, '/uart@30860000', ['ipg', 'per'], None),
    ('imx8qm_mek', GICV3, '/uart@5a060000', ['ipg', 'baud'], None),
    # 8250s with spaced registers: the input clock's rate instead.
    ('bbai64', GICV3, '/uart@2800000', None, 3686400),
    ('rock960', GICV3, '/uart@ff1a0000', None, 3686400),
])
def test_virtual_uart_has_the_clocks_linux_asks_for(scratch, board, config, uart, names,
                                                     frequency):
    """Linux's driver for each board's UART kind finds its clocks (by name) or its input
    clock's rate in the VM's tree, or it would not probe the console."""
    scratch.image('img.bin', 4096)
    config = config.replace('CONFIG_NR_CPUS=4', 'CONFIG_NR_CPUS=8')
    trees = compile_layout(scratch, UART_LAYOUT, ROOT / 'boards' / board, config)
    a = trees['a']
    node = a[uart]
    if names is None:
        assert cells(node['clock-frequency']) == [frequency]
        assert 'clocks' not in node
    else:
        assert strs(node['clock-names']) == names
        assert [by_phandle(a)[h] for h in cells(node['clocks'])] == ['/apb-pclk'] * len(names)
        assert strs(a['/apb-pclk']['compatible']) == ['fixed-clock']
    if board == 'rocket_zcu104':
        # A RISC-V tree has the fixed clock only when a device names it (b has no UART).
        assert '/apb-pclk' not in trees['b']


def test_gic_the_board_lacks_is_an_error(scratch):
    """A build driving a GICv3 on a GIC-400 board: dtb = auto says which registers are
    missing instead of failing inside the generator."""
    scratch.image('img.bin', 4096)
    scratch.config(GICV3.replace('CONFIG_NR_CPUS=4', 'CONFIG_NR_CPUS=8'))
    result = scratch.run(UART_LAYOUT, board_dir=ROOT / 'boards' / 'zcu102')
    assert result.returncode == 1
    assert result.stderr == (E % 4 + "vm 'a': dtb: auto describes the build's GICv3, but board "
                             "'zcu102' has no gicr device\n"), result.stderr
