# SPDX-License-Identifier: Apache-2.0
# MPU boards (CONFIG_MPU): guest addresses are physical, the granule aligns, and each VM's EL2 MPU
# regions fit the budget (tools/vmconf/vmconflib/mpu.py).

import pytest

MPU_BOARD = '''\
board r52 {
    arch        = arm
    cpus        = 2
    mpu_granule = 64
    mpu_regions = 16
    irqs        = [32-63]
    memory ram { base = 0x0  size = 16M }
    reserved hypervisor { base = 0x0  size = 1M }
    device uart0 { base = 0x10000000  size = 0x1000  irqs = [33]  owner = console }
    device uart1 { base = 0x10001000  size = 0x1000  irqs = [34] }
    device timer { base = 0x10002000  size = 0x1000  irqs = [35] }
}
'''

CONFIG = 'CONFIG_MAX_VMS=8\nCONFIG_NR_CPUS=4\nCONFIG_MPU=y\n# CONFIG_MMU is not set\n'

GOOD = '''\
vm a {
    cpus = [0]
    image = "img.bin"
    memory ram { guest = 0x200000  size = 1M }
    device uart1
    shmem chan { guest = 0x600000 }
}
vm b {
    cpus = [1]
    image = "img.bin"
    memory ram { guest = 0x300000  size = 1M }
    shmem chan { guest = 0x600000 }
}
shmem chan { size = 64K }
'''

E = 'layout.vmconf:%d: error: '


@pytest.fixture
def mpu(scratch):
    (scratch.path / 'board').mkdir()
    (scratch.path / 'board' / 'board.hw').write_text(MPU_BOARD)
    scratch.config(CONFIG + 'CONFIG_MPU_VM_REGIONS=8\n')
    return scratch


def run(scratch, layout, command='compile'):
    return scratch.run(layout, command=command, board_dir=scratch.path / 'board')


def test_regions_sit_at_their_guest_addresses(mpu):
    result = run(mpu, GOOD)
    assert result.returncode == 0, result.stderr
    c_text = mpu.outputs()[0].read_text()
    assert '.phys_base = 0x200000ULL, .size = 0x100000ULL' in c_text
    assert '.phys_base = 0x300000ULL, .size = 0x100000ULL' in c_text
    shown = run(mpu, None, command='show').stdout.splitlines()
    assert '  shmem    chan   0x00600000-0x0060ffff  ->  0x00600000-0x0060ffff  64 KiB  rw-, ' \
        'shared' in shown
    assert "  mpu      3 of 8 EL2 MPU regions (CONFIG_MPU_VM_REGIONS; 4 more are the " \
        "hypervisor's)" in shown
    assert "  mpu      2 of 8 EL2 MPU regions (CONFIG_MPU_VM_REGIONS; 4 more are the " \
        "hypervisor's)" in shown


BAD = [
    ('phys-differs', GOOD.replace('size = 1M }\n    device', 'size = 1M  phys = 0x500000 }\n'
                                  '    device'),
     E % 4 + "vm 'a': memory 'ram'.phys: 0x00500000 differs from guest 0x00200000; on an MPU "
     'board a VM sees physical addresses (no translation): drop phys, or give the same address'),
    ('device-moved', GOOD.replace('device uart1', 'device uart1 { guest = 0x20000000 }'),
     E % 5 + "vm 'a': device 'uart1'.guest: 0x20000000 differs from the device's address "
     '0x10001000; on an MPU board a VM sees devices where they are: drop guest'),
    ('shmem-two-addresses', GOOD.replace('0x600000 }\n}\nshmem', '0x700000 }\n}\nshmem'),
     E % 12 + "vm 'b': shmem 'chan'.guest: 0x00700000 differs from where vm 'a' maps it "
     '(0x00600000, line 6); on an MPU board every VM sees a shared object at its physical '
     'address: give each the same guest'),
    ('shmem-phys-differs', GOOD.replace('size = 64K', 'size = 64K  phys = 0x800000'),
     E % 14 + "shmem 'chan'.phys: 0x00800000 differs from the guest address its VMs map it at "
     '(0x00600000); on an MPU board they must be equal: drop phys'),
    ('over-the-hypervisor', GOOD.replace('0x200000', '0x0'),
     E % 4 + "vm 'a': memory 'ram'.guest: 0x00000000-0x000fffff overlaps reserved range "
     "'hypervisor' at 0x00000000-0x00100fff ({board} line 8), with 4 KiB of embedded "
     'guest files; on an MPU board a VM sees physical addresses (no translation): pick a free '
     'guest address'),
    ('outside-ram', GOOD.replace('0x200000', '0x80000000'),
     E % 4 + "vm 'a': memory 'ram'.guest: 0x80000000-0x800fffff is outside the board's RAM "
     '(ram 0x00000000-0x00ffffff); on an MPU board a VM sees physical addresses (no '
     'translation): pick a free guest address inside it'),
    ('two-vms-one-address', GOOD.replace('0x300000', '0x200000'),
     E % 11 + "vm 'b': memory 'ram'.guest: 0x00200000-0x002fffff overlaps vm 'a' memory 'ram' "
     'at 0x00200000-0x002fffff (line 4); on an MPU board a VM sees physical addresses (no '
     'translation): pick a free guest address'),
    ('not-on-the-granule', GOOD.replace('size = 1M }\n    device', 'size = 0x100020 }\n'
                                        '    device'),
     E % 4 + "vm 'a': memory 'ram'.size: 0x00100020 is not aligned to the MPU granule (64 "
     'bytes); round it to 0x00100040'),
    ('too-many-regions', GOOD.replace('    device uart1\n', '    device uart1\n    device timer\n'
                                      + ''.join('    memory m%d { guest = 0x%x  size = 64 }\n'
                                                % (i, 0x900000 + 0x1000 * i) for i in range(6))),
     E % 6 + "vm 'a': device 'timer': EL2 MPU region 9 of the 10 this VM needs, but a VM may "
     'use 8 (CONFIG_MPU_VM_REGIONS); raise CONFIG_MPU_VM_REGIONS to 10 or use fewer regions'),
]


@pytest.mark.parametrize('name,layout,expected', BAD, ids=[c[0] for c in BAD])
def test_bad_mpu_layouts(mpu, name, layout, expected):
    mpu.stale_outputs()
    result = run(mpu, layout)
    expected = expected.format(board=mpu.path / 'board' / 'board.hw')
    assert (result.returncode, result.stderr) == (1, expected + '\n')
    assert not any(out.exists() for out in mpu.outputs())


def test_more_regions_than_the_cpu_has(mpu):
    mpu.config(CONFIG + 'CONFIG_MPU_VM_REGIONS=13\n')
    result = run(mpu, GOOD)
    assert (result.returncode, result.stderr) == (1, str(mpu.path / 'board' / 'board.hw') +
                                                  ":5: error: board 'r52': mpu_regions: the CPU "
                                                  'has 16 EL2 MPU regions: the hypervisor keeps 4 '
                                                  'and CONFIG_MPU_VM_REGIONS asks 13 for each VM; '
                                                  'lower CONFIG_MPU_VM_REGIONS to at most 12\n')


def test_a_vm_past_what_the_cpu_allows(mpu):
    mpu.config(CONFIG + 'CONFIG_MPU_VM_REGIONS=2\n')
    result = run(mpu, GOOD)
    assert (result.returncode, result.stderr) == (
        1, E % 6 + "vm 'a': shmem 'chan': EL2 MPU region 3 of the 3 this VM needs, but a VM may "
        'use 2 (CONFIG_MPU_VM_REGIONS); raise CONFIG_MPU_VM_REGIONS to 3 or use fewer regions\n')


def test_the_console_passed_through_takes_no_region_of_the_vm(mpu):
    """The VM reaches it through the hypervisor's console region (arch/arm-common/mem_mpu.c)."""
    mpu.config(CONFIG + 'CONFIG_MPU_VM_REGIONS=3\n')
    layout = GOOD.replace('    image = "img.bin"\n    memory ram { guest = 0x200000',
                          '    image = "img.bin"\n    console = passthrough\n'
                          '    memory ram { guest = 0x200000')
    result = run(mpu, layout, command='show')
    assert result.returncode == 0, result.stderr
    assert "  mpu      3 of 3 EL2 MPU regions (CONFIG_MPU_VM_REGIONS; 4 more are the " \
        "hypervisor's)" in result.stdout.splitlines()


def test_a_vm_needing_more_than_the_cpu_offers(mpu):
    mpu.config(CONFIG + 'CONFIG_MPU_VM_REGIONS=12\n')
    layout = GOOD.replace('    device uart1\n', '    device uart1\n' + ''.join(
        '    memory m%d { guest = 0x%x  size = 64 }\n' % (i, 0x900000 + 0x1000 * i)
        for i in range(10)))
    result = run(mpu, layout)
    assert (result.returncode, result.stderr) == (
        1, E % 16 + "vm 'a': shmem 'chan': EL2 MPU region 13 of the 13 this VM needs, but a VM "
        "may use 12 (CONFIG_MPU_VM_REGIONS); the CPU allows at most 12 (its 16 less the "
        "hypervisor's 4): use fewer regions\n")


# Armv8-R AArch64 (fvp_baser_aemv8r, Cortex-R82) keeps the same rules: the
# EL2 MPU back end is shared (arch/arm-common/mem_mpu.c).
AARCH64_CASES = [case for case in BAD if case[0] in ('not-on-the-granule', 'too-many-regions')]


@pytest.fixture
def mpu64(scratch):
    (scratch.path / 'board').mkdir()
    (scratch.path / 'board' / 'board.hw').write_text(
        MPU_BOARD.replace('arch        = arm', 'arch        = aarch64'))
    scratch.config(CONFIG + 'CONFIG_MPU_VM_REGIONS=8\n')
    return scratch


@pytest.mark.parametrize('name,layout,expected', AARCH64_CASES, ids=[c[0] for c in AARCH64_CASES])
def test_aarch64_bad_mpu_layouts_yield_no_image(mpu64, name, layout, expected):
    mpu64.stale_outputs()
    result = run(mpu64, layout)
    assert (result.returncode, result.stderr) == (1, expected + '\n')
    assert not any(out.exists() for out in mpu64.outputs())


def test_aarch64_more_regions_than_the_cpu_has(mpu64):
    mpu64.config(CONFIG + 'CONFIG_MPU_VM_REGIONS=13\n')
    result = run(mpu64, GOOD)
    assert result.returncode == 1
    assert result.stderr.endswith(":5: error: board 'r52': mpu_regions: the CPU has 16 EL2 MPU "
                                  'regions: the hypervisor keeps 4 and CONFIG_MPU_VM_REGIONS '
                                  'asks 13 for each VM; lower CONFIG_MPU_VM_REGIONS to at most '
                                  '12\n'), result.stderr
