# SPDX-License-Identifier: Apache-2.0
# Interrupts and vCPUs the virtual interrupt controller cannot serve are refused by the checker, not at boot.

from conftest import CONFIG

NR_CPUS_16 = CONFIG.replace('CONFIG_NR_CPUS=4', 'CONFIG_NR_CPUS=16')
GICV3 = NR_CPUS_16 + 'CONFIG_IRQCHIP_GICV3=y\n'
GICV2 = NR_CPUS_16 + 'CONFIG_IRQCHIP_GICV2=y\n# CONFIG_IRQCHIP_GICV3 is not set\n'
PLIC = CONFIG + 'CONFIG_IRQCHIP_PLIC=y\n'


def board(arch='aarch64', cpus=12, irqs='32-287'):
    return ('board big {\n    arch = %s\n    cpus = %d\n    page_size = 4K\n'
            '    irqs = %s\n'
            '    memory ram { base = 0x40000000  size = 1G }\n'
            '    reserved hypervisor { base = 0x40000000  size = 2M }\n'
            '}\n' % (arch, cpus, irqs))


NINE_CPUS = ('vm a {\n    cpus  = [0-8]\n    image = "img.bin"\n    console = none\n'
             '    memory ram { guest = 0x40000000  size = 2M }\n}\n')


def run(scratch, config, board_text, layout=NINE_CPUS):
    (scratch.path / 'board').mkdir(exist_ok=True)
    (scratch.path / 'board' / 'board.hw').write_text(board_text)
    scratch.config(config)
    return scratch.run(layout, board_dir='board')


def test_gicv2_vm_with_more_than_eight_vcpus(scratch):
    """The GICv2 model holds eight CPU interfaces (VGIC_V2_MAX_CPUS): a ninth failed at boot."""
    result = run(scratch, GICV2, board())
    assert (result.returncode, result.stdout) == (1, '')
    assert result.stderr == (
        "layout.vmconf:2: error: vm 'a': cpus: 9 CPUs, but the virtual GICv2 serves at most 8 "
        'vCPUs per VM (CONFIG_IRQCHIP_GICV2); give the VM at most 8 or use a GICv3\n')


def test_gicv3_vm_with_nine_vcpus_is_fine(scratch):
    result = run(scratch, GICV3, board())
    assert (result.returncode, result.stderr) == (0, '')


def test_board_interrupt_past_the_virtual_gic(scratch):
    result = run(scratch, GICV3, board(irqs='32-1020'), NINE_CPUS.replace('0-8', '0'))
    assert (result.returncode, result.stdout) == (1, '')
    assert result.stderr == (
        "board/board.hw:5: error: board 'big': irqs: interrupt 1020: the virtual GICv3 serves "
        'interrupts 32-1019 only (CONFIG_IRQCHIP_GICV3); list those a VM may own\n')


def test_board_interrupt_zero_on_the_virtual_plic(scratch):
    result = run(scratch, PLIC, board('riscv64', 4, '0-95'), NINE_CPUS.replace('0-8', '0'))
    assert (result.returncode, result.stdout) == (1, '')
    assert result.stderr == (
        "board/board.hw:5: error: board 'big': irqs: interrupt 0: the virtual PLIC serves "
        'interrupts 1-1023 only (CONFIG_IRQCHIP_PLIC); list those a VM may own\n')
