# SPDX-License-Identifier: Apache-2.0
# A layout with several mistakes reports each once, in file order, up to a limit; sizes written the
# way other tools accept them get a hint; a missing '}' is placed where the block begins.

import pytest

from cases import vm

E = 'layout.vmconf:%d: error: '
SUFFIX_HINT = ("bad number '%s': sizes take the suffix K, M or G (KiB, MiB, GiB) right after "
               'the digits, upper case, without B or a space: write 16M')


def _fails(scratch, layout, lines, command='compile'):
    """The run fails with exactly these messages, one a line, and leaves no output behind."""
    scratch.stale_outputs()
    result = scratch.run(layout, command=command)
    assert (result.returncode, result.stdout) == (1, ''), result.stderr
    assert result.stderr.splitlines() == lines
    for out in scratch.outputs():
        assert not out.exists(), '%s survived the error' % out


def test_two_independent_errors_both_reported(scratch):
    layout = vm(extra='    fault = halt\n') + vm('b', '[4]')
    _fails(scratch, layout, [
        E % 4 + "vm 'a': fault: expected one of stop, inject, found the word 'halt'",
        E % 8 + "vm 'b': cpus: CPU 4 does not exist; the board has CPUs 0-3"])


def test_errors_of_one_vm_and_of_shared_objects(scratch):
    """Three mistakes in different checks: a typo, a bad region and an unused object."""
    layout = (vm(extra='    colour = 1\n',
                 body='    memory data { guest = 0x90000000  size = 0x1800 }\n')
              + 'shmem lonely { size = 64K }\n')
    _fails(scratch, layout, [
        E % 4 + "vm 'a': colour: unknown field; allowed here: cpus, image, initrd, load, entry, "
        'dtb, fault, console, irqs, bootargs, dma, interrupts, preload, colors, share_colors',
        E % 6 + "vm 'a': memory 'data'.size: 0x00001800 is not aligned to the MMU page (4 KiB); "
        'round it to 0x00002000',
        E % 8 + "shmem 'lonely': declared but not mapped by any VM; map it in at least two VMs or "
        'remove it'])


@pytest.mark.parametrize('layout,message', [
    # A refused size: no "size missing", no image or dtb check on the region.
    (vm(extra='    dtb = auto\n').replace('size = 16M', 'size = 16MB'),
     E % 5 + "vm 'a': memory 'ram'.size: " + SUFFIX_HINT % '16MB'),
    # Refused cpus: no "cpus missing", no vCPU check of the interrupt controller.
    (vm(cpus='"0-3"'),
     E % 2 + "vm 'a': cpus: expected numbers or ranges like [0-3, 8], found the string \"0-3\""),
    # A misspelt shared object: not also "chan used by one VM only".
    (vm(body='    shmem chann { guest = 0x90000000 }\n')
     + vm('b', '[1]', body='    shmem chan { guest = 0x90000000 }\n')
     + 'shmem chan { size = 64K }\n',
     E % 5 + "vm 'a': shmem 'chann': no shared-memory object 'chann' is declared (declared: "
     'chan); add a top-level shmem chann { size = ... }'),
    # A VM refused for its name: the other VM's shared object is not "unused".
    (vm().replace('vm a {', 'vm {') + vm('c', '[1]', body='    shmem chan { guest = 0x90000000 }\n')
     + 'shmem chan { size = 64K }\n',
     E % 1 + 'vm: a vm block needs a name, e.g. vm NAME { ... }'),
    # A bad dma word: the bus master is not also "untrusted".
    (vm(extra='    dma = yes\n', body='    device virtio0\n'),
     E % 4 + "vm 'a': dma: expected one of trusted, none, found the word 'yes'"),
    # Too many VMs is said once, not once per VM over the limit.
    (vm() + vm('b', '[1]') + vm('c', '[2]') + vm('d', '[3]'),
     E % 6 + "vm 'b': name: this is VM number 2 but CONFIG_MAX_VMS is 1; remove a VM or raise "
     'CONFIG_MAX_VMS'),
], ids=['bad-size', 'bad-cpus', 'misspelt-shmem', 'bad-vm-name', 'bad-dma', 'max-vms'])
def test_one_mistake_one_message(scratch, layout, message):
    if 'vm b {' in layout and 'vm d {' in layout:
        scratch.config('CONFIG_MAX_VMS=1\nCONFIG_NR_CPUS=4\nCONFIG_MMU=y\n')
    _fails(scratch, layout, [message])


@pytest.mark.parametrize('written', ['16MB', '16m', '16 M', '16 MiB', '16mb'])
def test_size_suffix_hint(scratch, written):
    layout = vm().replace('size = 16M', 'size = %s' % written)
    _fails(scratch, layout, [E % 4 + "vm 'a': memory 'ram'.size: " + SUFFIX_HINT % written])


def test_suffix_hint_in_a_shared_object_and_a_vm_at_once(scratch):
    layout = ('shmem chan { size = 64KB }\n'
              + vm(body='    shmem chan { guest = 0x90000000 }\n').replace('16M', '16m')
              + vm('b', '[1]', body='    shmem chan { guest = 0x90000000 }\n'))
    _fails(scratch, layout, [
        E % 1 + "shmem 'chan'.size: bad number '64KB': sizes take the suffix K, M or G (KiB, MiB, "
        'GiB) right after the digits, upper case, without B or a space: write 64K',
        E % 5 + "vm 'a': memory 'ram'.size: " + SUFFIX_HINT % '16m'])


def test_missing_brace_named_where_the_block_begins(scratch):
    layout = ('vm a {\n'                                           # 1
              '    cpus  = [0]\n'
              '    image = "img.bin"\n'
              '    memory ram { guest = 0x80000000  size = 16M }\n'
              '\n'                                                  # 5: the '}' is missing
              'vm b {\n'                                           # 6
              '    cpus  = [1]\n'
              '    image = "img.bin"\n'
              '    memory ram { guest = 0x80000000  size = 16M }\n'
              '}\n')
    _fails(scratch, layout, [
        E % 1 + "syntax: vm 'a' has no closing '}': add it before line 6, where vm 'b' starts"])


def test_missing_brace_of_a_nested_block_and_later_errors(scratch):
    """The parse goes on as if the '}' were there: a later mistake is reported too."""
    layout = ('vm a {\n'                                           # 1
              '    cpus  = [0]\n'
              '    image = "img.bin"\n'
              '    memory ram {\n'                                 # 4
              '        guest = 0x80000000\n'
              '        size  = 16M\n'
              '}\n'                                                 # 7: closes vm a
              'vm b {\n'
              '    cpus  = [9]\n'                                  # 9
              '    image = "img.bin"\n'
              '    memory ram { guest = 0x80000000  size = 16M }\n'
              '}\n')
    _fails(scratch, layout, [
        E % 4 + "syntax: memory 'ram' has no closing '}': add it before line 7, whose '}' (less "
        "indented than the block) closes vm 'a'",
        E % 9 + "vm 'b': cpus: CPU 9 does not exist; the board has CPUs 0-3"])


def test_error_limit(scratch):
    layout = ''.join(vm('v%d' % i, '[0]', extra='    fault = halt%d\n' % i) for i in range(25))
    scratch.config('CONFIG_MAX_VMS=32\nCONFIG_NR_CPUS=4\nCONFIG_MMU=y\n')
    lines = [E % (6 * i + 4) + "vm 'v%d': fault: expected one of stop, inject, found the word "
             "'halt%d'" % (i, i) for i in range(20)]
    lines.append('layout.vmconf: error: too many errors (20 shown), stopping; fix these and run '
                 'again')
    _fails(scratch, layout, lines)
