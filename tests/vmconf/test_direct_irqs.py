# SPDX-License-Identifier: Apache-2.0
# interrupts = direct: accepted on a GICv3 build, refused with file, line, VM and field where it cannot work.

from conftest import ARM_BOARD, CONFIG

GICV3 = CONFIG + 'CONFIG_IRQCHIP_GICV3=y\nCONFIG_VUART=y\nCONFIG_IPC_GPIO=y\n'
GICV2 = CONFIG + ('CONFIG_IRQCHIP_GICV2=y\n# CONFIG_IRQCHIP_GICV3 is not set\nCONFIG_VUART=y\n'
                  'CONFIG_IPC_GPIO=y\n')


def layout(direct='    interrupts = direct\n', console='polled', extra='', other=''):
    return ('vm rt {\n'
            '    cpus  = [1]\n'
            '    image = "img.bin"\n'
            '    console = %s\n'
            '%s'
            '    memory ram { guest = 0x40000000  size = 16M }\n'
            '    device rtc\n'
            '%s'
            '}\n'
            'vm other {\n'
            '    cpus  = [0]\n'
            '    image = "img.bin"\n'
            '    memory ram { guest = 0x40000000  size = 16M }\n'
            '%s'
            '}\n' % (console, direct, extra, other))


def run(scratch, config, text):
    scratch.config(config)
    return scratch.run(text, board_dir=ARM_BOARD)


def test_direct_on_gicv3(scratch):
    result = run(scratch, GICV3, layout())
    assert (result.returncode, result.stderr) == (0, '')
    c_text = (scratch.path / 'out' / 'vmconf.c').read_text()
    # rt is VM 0 and direct, other is VM 1 and not.
    assert c_text.count('.direct_irqs = 1') == 1
    assert c_text.count('.direct_irqs = 0') == 1
    assert c_text.index('.direct_irqs = 1') < c_text.index('.direct_irqs = 0')


def test_direct_with_passthrough_console_and_none(scratch):
    for console in ('passthrough', 'none'):
        result = run(scratch, GICV3, layout(console=console))
        assert (console, result.returncode, result.stderr) == (console, 0, '')


def test_direct_refused_on_gicv2(scratch):
    result = run(scratch, GICV2, layout())
    assert (result.returncode, result.stdout) == (1, '')
    assert result.stderr == (
        "layout.vmconf:5: error: vm 'rt': interrupts: direct delivery needs a GICv3 "
        '(CONFIG_IRQCHIP_GICV3) but this build has a GICv2 (CONFIG_IRQCHIP_GICV2); use '
        'interrupts = virtual\n')


def test_direct_refused_with_a_virtual_uart_interrupt(scratch):
    result = run(scratch, GICV3, layout(console='virtual'))
    assert (result.returncode, result.stdout) == (1, '')
    assert result.stderr == (
        "layout.vmconf:5: error: vm 'rt': interrupts: direct delivery cannot carry the virtual "
        "UART's interrupt (console = virtual, line 4); use console = polled (the virtual UART "
        'without its interrupt), passthrough or none\n')


def test_direct_refused_with_gpio_doorbells(scratch):
    shm = '    shmem chan { guest = 0x48000000  doorbells = [100]  gpio = 0x49000000 }\n'
    text = layout(extra=shm, other='    shmem chan { guest = 0x48000000 doorbells = [101] }\n')
    text += 'shmem chan { size = 64K }\n'
    result = run(scratch, GICV3, text)
    assert (result.returncode, result.stdout) == (1, '')
    assert result.stderr == (
        "layout.vmconf:5: error: vm 'rt': interrupts: direct delivery cannot carry the "
        "interrupt of shmem 'chan''s virtual GPIO controller (gpio, line 8); remove gpio to get "
        'its doorbells as physical interrupts\n')


def test_direct_doorbells_are_physical_interrupts(scratch):
    """A direct VM's doorbell is a physical SPI: another VM cannot own the same number."""
    shm = '    shmem chan { guest = 0x48000000  doorbells = [100] }\n'
    text = layout(extra=shm, other='    irqs = [100]\n    shmem chan { guest = 0x48000000 '
                  'doorbells = [101] }\n')
    text += 'shmem chan { size = 64K }\n'
    result = run(scratch, GICV3, text)
    assert (result.returncode, result.stdout) == (1, '')
    assert result.stderr == (
        "layout.vmconf:14: error: vm 'other': irqs: interrupt 100 already belongs to vm 'rt' "
        "(shmem 'chan'.doorbells, line 8); an interrupt goes to one VM only\n")
    # The other way round: the direct VM comes second and finds the number taken.
    first = text.index('vm other')
    swapped = text[first:text.index('shmem chan { size')] + text[:first] + 'shmem chan { size = 64K }\n'
    result = run(scratch, GICV3, swapped)
    assert (result.returncode, result.stdout) == (1, '')
    assert result.stderr == (
        "layout.vmconf:15: error: vm 'rt': shmem 'chan'.doorbells: interrupt 100 already belongs "
        "to vm 'other' (irqs, line 5); a direct VM's doorbells are physical interrupts of its "
        'own\n')
    ok = layout(extra=shm, other='    shmem chan { guest = 0x48000000 doorbells = [100] }\n')
    result = run(scratch, GICV3, ok + 'shmem chan { size = 64K }\n')
    assert (result.returncode, result.stderr) == (0, '')


def test_bad_interrupts_word(scratch):
    result = run(scratch, GICV3, layout(direct='    interrupts = fast\n'))
    assert (result.returncode, result.stdout) == (1, '')
    assert result.stderr == ("layout.vmconf:5: error: vm 'rt': interrupts: expected one of "
                             "virtual, direct, found the word 'fast'\n")
