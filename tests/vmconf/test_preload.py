# SPDX-License-Identifier: Apache-2.0
# Guest files the boot loader loads (preload): layout, checksums, boot script, manifest, refusals.

import re
import zlib

from conftest import ARM_BOARD, CONFIG

ARM = CONFIG + 'CONFIG_ARCH_ARM64=y\nCONFIG_IRQCHIP_GICV3=y\n'

LAYOUT = '''\
vm a {
    cpus    = [0]
    image   = "img.bin"
    initrd  = "rd.cpio"
    dtb     = auto
    preload = %s
    memory ram { guest = 0x40000000  size = 16M }
}
vm b {
    cpus  = [1]
    image = "img.bin"
    memory ram { guest = 0x40000000  size = 2M }
}
'''


def compile_arm(scratch, preload='0x70000000', extra=()):
    scratch.config(ARM)
    scratch.image('rd.cpio', 10000)
    (scratch.path / 'layout.vmconf').write_text(LAYOUT % preload)
    args = ['--out-mk', 'out/vmconf.mk', '--out-boot-cmd', 'out/boot.cmd',
            '--out-manifest', 'out/bootdisk.manifest', '--out-d', 'out/inputs.d'] + list(extra)
    return scratch.run(None, board_dir=ARM_BOARD, extra=args)


def test_files_are_laid_out_checksummed_and_not_embedded(scratch):
    result = compile_arm(scratch)
    assert result.returncode == 0, result.stderr
    c = (scratch.path / 'out/vmconf.c').read_text()
    image_crc = zlib.crc32((scratch.path / 'img.bin').read_bytes())
    rd_crc = zlib.crc32((scratch.path / 'rd.cpio').read_bytes())
    # The image at the address, the initrd on the next page after it.
    assert '.image_start = (const u8 *)0x70000000UL,' in c
    assert '.initrd_start = (const u8 *)0x70001000UL,' in c
    assert '.image_crc32 = 0x%08xu,' % image_crc in c
    assert '.initrd_crc32 = 0x%08xu,' % rd_crc in c
    assert c.count('.preloaded = 1u,') == 1  # vm b embeds its image
    asm = (scratch.path / 'out/vmconf_images.S').read_text()
    assert 'rd.cpio' not in asm and asm.count('.incbin "') == 2  # b's image and a's device tree
    assert 'VMCONF_PRELOAD := y\n' in (scratch.path / 'out/vmconf.mk').read_text()
    manifest = (scratch.path / 'out/bootdisk.manifest').read_text().splitlines()
    assert manifest == ['a/img.bin\t%s' % (scratch.path / 'img.bin'),
                        'a/rd.cpio\t%s' % (scratch.path / 'rd.cpio')]
    script = (scratch.path / 'out/boot.cmd').read_text()
    loads = re.findall(r'^load \$\{bulwark_disk\} (\S+) (\S+) \|\| exit$', script, re.M)
    assert loads == [('0x70000000', 'a/img.bin'), ('0x70001000', 'a/rd.cpio'),
                     ('${kernel_addr_r}', 'bulwark.bin')]
    assert '# vm a image: 4 KiB, 4096 bytes, crc32 %08x' % image_crc in script
    assert script.rstrip().endswith('booti ${kernel_addr_r} - ${fdtcontroladdr}')
    # A changed guest file must re-run the tool: its checksum is in the output.
    assert str(scratch.path / 'rd.cpio') in (scratch.path / 'out/inputs.d').read_text()


def test_without_preload_no_script_or_manifest_is_left(scratch):
    assert compile_arm(scratch).returncode == 0
    (scratch.path / 'layout.vmconf').write_text(LAYOUT.replace('    preload = %s\n', ''))
    result = scratch.run(None, board_dir=ARM_BOARD,
                         extra=['--out-mk', 'out/vmconf.mk', '--out-boot-cmd', 'out/boot.cmd',
                                '--out-manifest', 'out/bootdisk.manifest'])
    assert result.returncode == 0, result.stderr
    assert not (scratch.path / 'out/boot.cmd').exists()
    assert not (scratch.path / 'out/bootdisk.manifest').exists()
    assert 'VMCONF_PRELOAD := \n' in (scratch.path / 'out/vmconf.mk').read_text()
    assert '.preloaded' not in (scratch.path / 'out/vmconf.c').read_text()


def error_of(scratch, preload):
    result = compile_arm(scratch, preload)
    assert result.returncode == 1
    assert not (scratch.path / 'out/vmconf.c').exists()
    return result.stderr.strip()


def test_unaligned_address_is_refused(scratch):
    assert error_of(scratch, '0x70000800') == (
        "layout.vmconf:6: error: vm 'a': preload: 0x70000800 is not 4 KiB aligned; round it to "
        '0x70001000')


def test_address_outside_ram_is_refused(scratch):
    assert error_of(scratch, '0x30000000') == (
        "layout.vmconf:6: error: vm 'a': preload: the VM's files (16 KiB from 0x30000000) are "
        "outside the board's RAM (ram 0x40000000-0x7fffffff); pick an address inside it")


def test_overlap_with_the_hypervisor_is_refused(scratch):
    err = error_of(scratch, '0x40080000')
    assert err.startswith("layout.vmconf:6: error: vm 'a': preload: the VM's files at "
                          "0x40080000-0x40083fff overlap reserved range 'hypervisor'"), err


def test_a_vm_region_never_lands_on_the_files(scratch):
    """The allocator reserves the files before placing memory: a fixed region there is refused."""
    scratch.config(ARM)
    scratch.image('rd.cpio', 10000)
    layout = (LAYOUT % '0x70000000').replace(
        'memory ram { guest = 0x40000000  size = 2M }',
        'memory ram { guest = 0x40000000  size = 2M  phys = 0x70000000 }')
    (scratch.path / 'layout.vmconf').write_text(layout)
    result = scratch.run(None, board_dir=ARM_BOARD)
    assert result.returncode == 1
    assert re.search(r"layout.vmconf:\d+: error: vm 'b': memory 'ram'.phys: 0x70000000-0x701fffff "
                     r"overlaps vm 'a' files loaded by the boot loader at 0x70000000-0x70003fff "
                     r"\(line 6\)", result.stderr), result.stderr


def test_riscv_is_refused_with_the_reason(scratch):
    scratch.image('rd.cpio', 10000)
    (scratch.path / 'layout.vmconf').write_text(LAYOUT % '0x90000000')
    result = scratch.run(None)
    assert result.returncode == 1
    assert "layout.vmconf:6: error: vm 'a': preload: guests loaded by the boot loader need " \
        "U-Boot's booti, which starts only the AArch64 hypervisor so far" in result.stderr


def test_make_is_told_when_a_vm_gets_virtio_transports(scratch):
    """make run adds the board's QEMU_VIRTIO_ARGS only for such a layout."""
    base = ('vm a {\n    cpus = [0]\n    image = "img.bin"\n%s'
            '    memory ram { guest = 0x80000000  size = 16M }\n}\n')
    facts = {}
    for name, extra in (('plain', ''), ('virtio', '    dma = trusted\n    device virtio7\n')):
        (scratch.path / 'layout.vmconf').write_text(base % extra)
        result = scratch.run(None, extra=['--out-mk', 'out/vmconf.mk'])
        assert result.returncode == 0, result.stderr
        facts[name] = (scratch.path / 'out/vmconf.mk').read_text()
    assert 'VMCONF_VIRTIO := \n' in facts['plain']
    assert 'VMCONF_VIRTIO := y\n' in facts['virtio']
