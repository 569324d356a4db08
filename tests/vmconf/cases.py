# SPDX-License-Identifier: Apache-2.0
# Bad layouts and the exact error each must produce: (id, layout, expected line, .config or None).

MMU = 'CONFIG_MAX_VMS=8\nCONFIG_NR_CPUS=4\nCONFIG_MMU=y\n'
COLORS_ON = MMU + 'CONFIG_CACHE_COLORING=y\n'
ONE_VM = MMU.replace('CONFIG_MAX_VMS=8', 'CONFIG_MAX_VMS=1')


def vm(name='a', cpus='[0]', body='', extra=''):
    """A small valid VM block, with lines added inside (extra) or around its memory (body)."""
    return ('vm %s {\n'
            '    cpus  = %s\n'
            '    image = "img.bin"\n'
            '%s'
            '    memory ram { guest = 0x80000000  size = 16M }\n'
            '%s'
            '}\n' % (name, cpus, extra, body))


E = 'layout.vmconf:%d: error: '
CASES = [
    ('syntax-unclosed', 'vm a {\n    cpus = [0]\n',
     E % 3 + "syntax: expected '}' to close vm 'a' opened at line 1, found end of file", None),
    ('bad-number', vm(extra='    load = 12Q\n'),
     E % 4 + "vm 'a': load: bad number '12Q': write a decimal or 0x hexadecimal number, '_' "
     'allowed between digits, with an optional K, M or G suffix (e.g. 16M)', None),
    ('syntax-unterminated-string', 'vm a {\n    image = "img.bin\n}\n',
     E % 2 + 'syntax: unterminated string: add the closing \'"\'', None),
    ('unknown-field', vm(extra='    colour = 1\n'),
     E % 4 + "vm 'a': colour: unknown field; allowed here: cpus, image, initrd, load, entry, dtb, "
     'fault, console, irqs, bootargs, dma, interrupts, preload, colors, share_colors', None),
    ('unknown-block', vm(body='    region x { size = 4K }\n'),
     E % 5 + "vm 'a': region 'x': unknown block; allowed here: memory, device, shmem", None),
    ('unknown-region-field', 'vm a {\n    cpus = [0]\n    image = "img.bin"\n'
     '    memory ram {\n        guest = 0x80000000\n        size = 16M\n        cache = 1\n'
     '    }\n}\n',
     E % 7 + "vm 'a': memory 'ram'.cache: unknown field; allowed here: guest, size, phys, colors, "
     'access', None),
    ('unknown-top-block', vm() + 'partition p { }\n',
     E % 6 + "partition 'p': unknown block; allowed here: vm, shmem, hypervisor", None),
    ('wrong-type', vm(cpus='"0"'),
     E % 2 + "vm 'a': cpus: expected numbers or ranges like [0-3, 8], found the string \"0\"",
     None),
    ('wrong-word', vm(extra='    fault = halt\n'),
     E % 4 + "vm 'a': fault: expected one of stop, inject, found the word 'halt'", None),
    ('duplicate-field', vm(extra='    image = "img.bin"\n'),
     E % 4 + "vm 'a': image: duplicate field, already set at line 3", None),
    ('no-cpus', 'vm a {\n    image = "img.bin"\n    memory ram { guest = 0x80000000  size = 16M }\n}\n',
     E % 1 + "vm 'a': cpus: missing; a VM needs at least one CPU, e.g. cpus = [0]", None),
    ('empty-cpus', vm(cpus='[]'),
     E % 2 + "vm 'a': cpus: empty; a VM needs at least one CPU", None),
    ('no-memory', 'vm a {\n    cpus = [0]\n    image = "img.bin"\n}\n',
     E % 1 + "vm 'a': memory: missing; a VM needs at least one memory region, e.g. memory ram "
     '{ guest = 0x80000000  size = 16M }', None),
    ('duplicate-vm', vm() + vm(cpus='[1]'),
     E % 6 + "vm 'a': name: duplicate VM name, first defined at line 1", None),
    ('duplicate-region', vm(body='    memory ram { guest = 0x90000000  size = 16M }\n'),
     E % 5 + "vm 'a': memory 'ram': duplicate region name, first defined at line 4", None),
    ('too-many-vms', vm() + vm('b', '[1]'),
     E % 6 + "vm 'b': name: this is VM number 2 but CONFIG_MAX_VMS is 1; remove a VM or raise "
     'CONFIG_MAX_VMS', ONE_VM),
    ('cpu-not-on-board', vm(cpus='[0, 4]'),
     E % 2 + "vm 'a': cpus: CPU 4 does not exist; the board has CPUs 0-3", None),
    ('cpu-twice', vm(cpus='[1]') + vm('b', '[0,\n 1]'),
     E % 8 + "vm 'b': cpus: CPU 1 already belongs to vm 'a' (line 2); a CPU runs one VM only",
     None),
    ('cpu-twice-in-vm', vm(cpus='[1, 1]'),
     E % 2 + "vm 'a': cpus: CPU 1 is listed twice", None),
    ('zero-size', vm(body='    memory data { guest = 0x90000000  size = 0 }\n'),
     E % 5 + "vm 'a': memory 'data'.size: must not be zero", None),
    ('misaligned-size', vm(body='    memory data {\n        guest = 0x90000000\n'
                              '        size = 0x1800\n    }\n'),
     E % 7 + "vm 'a': memory 'data'.size: 0x00001800 is not aligned to the MMU page (4 KiB); "
     'round it to 0x00002000', None),
    ('misaligned-phys', vm(body='    memory data { guest = 0x90000000  size = 4K  phys = 0x90000010 }\n'),
     E % 5 + "vm 'a': memory 'data'.phys: 0x90000010 is not aligned to the MMU page (4 KiB); "
     'round it to 0x90001000', None),
    ('guest-overlap', vm(body='    memory data { guest = 0x80800000  size = 16M }\n'),
     E % 5 + "vm 'a': memory 'data'.guest: memory 'data' at 0x80800000-0x817fffff overlaps "
     "memory 'ram' at 0x80000000-0x80ffffff (line 4) in the VM's guest address space; move one "
     'of them', None),
    ('overlap-hypervisor', vm(body='    memory data { guest = 0x90000000  size = 1M  phys = 0x80400000 }\n'),
     E % 5 + "vm 'a': memory 'data'.phys: 0x80400000-0x804fffff overlaps reserved range "
     "'hypervisor' at 0x80200000-0x81000fff (BOARD line 26), with 4 KiB of embedded guest "
     'files; pick a free address or drop phys to let the build allocate one', None),
    ('overlap-between-vms',
     vm(body='    memory data { guest = 0x90000000  size = 16M  phys = 0x90000000 }\n')
     + vm('b', '[1]', body='    memory io { guest = 0x90000000  size = 1M  phys = 0x90f00000 }\n'),
     E % 11 + "vm 'b': memory 'io'.phys: 0x90f00000-0x90ffffff overlaps vm 'a' memory 'data' "
     'at 0x90000000-0x90ffffff (line 5); pick a free address or drop phys to let the build '
     'allocate one', None),
    ('outside-ram', vm(body='    memory data { guest = 0x90000000  size = 1M  phys = 0xc0000000 }\n'),
     E % 5 + "vm 'a': memory 'data'.phys: 0xc0000000-0xc00fffff is outside the board's RAM "
     '(ram 0x80000000-0xbfffffff); pick an address inside it or drop phys to let the build '
     'allocate one', None),
    ('out-of-memory', vm(body='    memory big {\n        guest = 0x100000000\n'
                           '        size = 1G\n    }\n'),
     E % 7 + "vm 'a': memory 'big'.size: no free RAM for 1 GiB: 989.9 MiB free in total, "
     'largest free block 987.9 MiB; shrink it or free memory elsewhere', None),
    ('unknown-device', vm(body='    device rtc0\n'),
     E % 5 + "vm 'a': device 'rtc0': the board has no device 'rtc0'; devices free for "
     'pass-through: rtc, virtio0, virtio1, virtio2, virtio3, virtio4, virtio5, virtio6, virtio7',
     None),
    ('hypervisor-device', vm(body='    device plic\n'),
     E % 5 + "vm 'a': device 'plic': owned by the hypervisor (owner = hypervisor in BOARD) and "
     'never passed through; remove it', None),
    ('console-device', vm(body='    device uart0\n'),
     E % 5 + "vm 'a': device 'uart0': the hypervisor console UART (owner = console in BOARD) "
     'cannot be listed as a device; use console = passthrough instead', None),
    # DMA: a bus master (dma = master in the board) needs dma = trusted; no IOMMU is programmed.
    ('dma-master-untrusted', vm(body='    device virtio0\n'),
     E % 5 + "vm 'a': device 'virtio0': can master the bus (dma = master in BOARD): its DMA "
     "reaches all physical memory, the hypervisor's and other VMs' included, and no IOMMU "
     'confines it; add dma = trusted to the VM if it may do that, or remove the device', None),
    ('dma-master-second-vm', vm(extra='    dma = trusted\n', body='    device virtio0\n')
     + vm('b', '[1]', body='    device virtio1 { guest = 0x20000000 }\n'),
     E % 12 + "vm 'b': device 'virtio1': can master the bus (dma = master in BOARD): its DMA "
     "reaches all physical memory, the hypervisor's and other VMs' included, and no IOMMU "
     'confines it; add dma = trusted to the VM if it may do that, or remove the device', None),
    ('dma-iommu', vm(body='    device virtio0 { iommu = smmu }\n'),
     E % 5 + "vm 'a': device 'virtio0'.iommu: binds the device to IOMMU 'smmu', but Bulwark "
     "programs no IOMMU on board 'qemu_rv64' yet: no device's DMA can be confined; remove "
     'iommu (and add dma = trusted to the VM only if it may read and write all memory)', None),
    ('dma-iommu-trusted', vm(extra='    dma = trusted\n',
                             body='    device virtio0 {\n        iommu = smmu\n    }\n'),
     E % 7 + "vm 'a': device 'virtio0'.iommu: binds the device to IOMMU 'smmu', but Bulwark "
     "programs no IOMMU on board 'qemu_rv64' yet: no device's DMA can be confined; remove "
     'iommu (and add dma = trusted to the VM only if it may read and write all memory)', None),
    ('dma-trusted-needlessly', vm(extra='    dma = trusted\n', body='    device rtc\n'),
     E % 4 + "vm 'a': dma: trusted, but none of the VM's devices can master the bus (dma = "
     'master in BOARD); remove dma = trusted', None),
    ('dma-wrong-word', vm(extra='    dma = yes\n', body='    device virtio0\n'),
     E % 4 + "vm 'a': dma: expected one of trusted, none, found the word 'yes'", None),
    ('device-twice', vm(body='    device rtc\n') + vm('b', '[1]', body='    device rtc\n'),
     E % 11 + "vm 'b': device 'rtc': already passed through to vm 'a' (line 5); a device "
     'belongs to one VM only', None),
    ('irq-not-on-board', vm(extra='    irqs = [12, 200]\n'),
     E % 4 + "vm 'a': irqs: interrupt 200 does not exist on this board; it has 1-95", None),
    ('irq-twice', vm(body='    device rtc\n') + vm('b', '[1]', extra='    irqs = [11]\n'),
     E % 10 + "vm 'b': irqs: interrupt 11 already belongs to vm 'a' (device 'rtc', line 5); "
     'an interrupt goes to one VM only', None),
    ('irq-of-console', vm(extra='    irqs = [10]\n'),
     E % 4 + "vm 'a': irqs: interrupt 10 belongs to device 'uart0', owned by the console", None),
    ('console-twice', vm(extra='    console = passthrough\n')
     + vm('b', '[1]', extra='    console = passthrough\n'),
     E % 10 + "vm 'b': console: vm 'a' already has the physical UART (line 4); only one VM can "
     'have console = passthrough, use virtual', None),
    ('colors-off', vm(body='    memory c { guest = 0x90000000  size = 64K  colors = [0-1] }\n'),
     E % 5 + "vm 'a': memory 'c'.colors: cache coloring is off; enable CONFIG_CACHE_COLORING "
     'or remove colors', None),
    ('entry-outside', vm(extra='    entry = 0x81000000\n'),
     E % 4 + "vm 'a': entry: 0x81000000 is outside the VM's memory (ram 0x80000000-0x80ffffff)",
     None),
    ('entry-not-executable', 'vm a {\n    cpus = [0]\n    image = "img.bin"\n'
     '    memory ram { guest = 0x80000000  size = 16M  access = rw }\n}\n',
     E % 1 + "vm 'a': entry: 0x80000000 is in memory 'ram', which is not executable; add x to "
     'its access', None),
    ('load-outside', vm(extra='    load = 0x70000000\n'),
     E % 4 + "vm 'a': load: 0x70000000 is outside the VM's memory (ram 0x80000000-0x80ffffff)",
     None),
    ('dtb-outside', vm(extra='    dtb = 0x88000000\n'),
     E % 4 + "vm 'a': dtb: 0x88000000 is outside the VM's memory (ram 0x80000000-0x80ffffff)",
     None),
    ('image-missing', vm().replace('img.bin', '${O}/guests/nope.bin'),
     E % 3 + "vm 'a': image: image 'TMP/build/guests/nope.bin' not found: build it first or "
     'fix the path', None),
    ('image-too-large', vm(extra='    load = 0x80fff000\n'),
     E % 3 + "vm 'a': image: image 'TMP/img.bin' is 8 KiB (8192 bytes) but memory 'ram' has "
     'only 4 KiB from the load address 0x80fff000; enlarge the region or shrink the image',
     None),
    ('unknown-variable', vm().replace('img.bin', '${OUT}/img.bin'),
     E % 3 + "vm 'a': image: unknown variable ${OUT}; only ${O} and ${srctree} are known", None),
    ('shmem-one-user', vm(body='    shmem chan { guest = 0x90000000 }\n')
     + 'shmem chan { size = 64K }\n',
     E % 7 + "shmem 'chan': used by vm 'a' only; a shared object needs at least two VMs: map "
     'it in another VM or use a memory region', None),
    ('shmem-unused', vm() + 'shmem chan { size = 64K }\n',
     E % 6 + "shmem 'chan': declared but not mapped by any VM; map it in at least two VMs or "
     'remove it', None),
    ('shmem-twice', vm(body='    shmem chan { guest = 0x90000000 }\n'
                            '    shmem chan { guest = 0x91000000 }\n')
     + 'shmem chan { size = 64K }\n',
     E % 6 + "vm 'a': shmem 'chan': mapped twice by this VM (first at line 5)", None),
    ('shmem-unknown', vm(body='    shmem chann { guest = 0x90000000 }\n')
     + 'shmem chan { size = 64K }\n',
     E % 5 + "vm 'a': shmem 'chann': no shared-memory object 'chann' is declared (declared: "
     'chan); add a top-level shmem chann { size = ... }', None),
    ('shmem-zero-size', 'shmem chan { size = 0 }\n' + vm(),
     E % 1 + "shmem 'chan'.size: must not be zero", None),
    ('doorbells-too-many',
     vm(body='    shmem chan { guest = 0x90000000  doorbells = [%s] }\n'
        % ', '.join(str(i) for i in range(20, 53)))
     + vm('b', '[1]', '    shmem chan { guest = 0x90000000  doorbells = [%s] }\n'
          % ', '.join(str(i) for i in range(53, 86)))
     + 'shmem chan { size = 64K }\n',
     E % 5 + "vm 'a': shmem 'chan'.doorbells: 33 doorbells, but an IPC object carries at most "
     '32 events', None),
    ('shmem-maps-too-many',
     vm(body=''.join('    shmem c%d { guest = 0x%x }\n' % (i, 0x90000000 + i * 0x10000)
                     for i in range(17)))
     + vm('b', '[1]', ''.join('    shmem c%d { guest = 0x%x }\n' % (i, 0x90000000 + i * 0x10000)
                              for i in range(17)))
     + ''.join('shmem c%d { size = 64K }\n' % i for i in range(17)),
     # Each VM breaks the limit on its own: both are reported.
     E % 21 + "vm 'a': shmem 'c16': a VM maps at most 16 shared-memory objects; merge some of "
     'them\n' + E % 43 + "vm 'b': shmem 'c16': a VM maps at most 16 shared-memory objects; "
     'merge some of them', None),
    ('doorbell-not-on-board',
     vm(body='    shmem chan { guest = 0x90000000  doorbells = [200] }\n')
     + vm('b', '[1]', '    shmem chan { guest = 0x90000000  doorbells = [40] }\n')
     + 'shmem chan { size = 64K }\n',
     E % 5 + "vm 'a': shmem 'chan'.doorbells: interrupt 200 does not exist on this board; it has "
     '1-95', None),
    ('doorbell-is-device-irq',
     vm(body='    shmem chan { guest = 0x90000000  doorbells = [11] }\n')
     + vm('b', '[1]', '    shmem chan { guest = 0x90000000  doorbells = [40] }\n')
     + 'shmem chan { size = 64K }\n',
     E % 5 + "vm 'a': shmem 'chan'.doorbells: interrupt 11 is device 'rtc''s; pick one no device "
     'of the board uses', None),
    ('doorbell-twice',
     vm(body='    shmem chan { guest = 0x90000000  doorbells = [40, 40] }\n')
     + vm('b', '[1]', '    shmem chan { guest = 0x90000000  doorbells = [40, 41] }\n')
     + 'shmem chan { size = 64K }\n',
     E % 5 + "vm 'a': shmem 'chan'.doorbells: interrupt 40 is already a doorbell (line 5)", None),
    ('doorbell-events-differ',
     vm(body='    shmem chan { guest = 0x90000000  doorbells = [40, 41] }\n')
     + vm('b', '[1]', '    shmem chan { guest = 0x90000000  doorbells = [40] }\n')
     + 'shmem chan { size = 64K }\n',
     E % 11 + "vm 'b': shmem 'chan'.doorbells: 1 doorbells, but vm 'a' has 2 (line 5); an IPC "
     'object has one doorbell per event in every VM that maps it', None),
    ('initrd-without-dtb', vm(extra='    initrd = "img.bin"\n'),
     E % 4 + "vm 'a': initrd: the initrd is announced in the generated device tree; add dtb = auto",
     None),
    ('initrd-missing', vm(extra='    dtb = auto\n    initrd = "${O}/linux/rd.cpio"\n'),
     E % 5 + "vm 'a': initrd: initrd 'TMP/build/linux/rd.cpio' not found: build it first or fix "
     'the path', None),
    ('initrd-no-room', vm(extra='    dtb = auto\n    initrd = "big.bin"\n'),
     E % 5 + "vm 'a': initrd: initrd 'TMP/big.bin' (14 MiB) does not fit in memory 'ram' between "
     'the image (0x80000000-0x80000fff) and the device tree at 0x80e00000; enlarge the region',
     None),
    ('linux-image-misaligned', vm(extra='    load = 0x80001000\n').replace('img.bin', 'Image'),
     E % 4 + "vm 'a': load: image 'TMP/Image' is a Linux arm64 Image: it must be loaded 0x0 above "
     'a 2 MiB boundary, not at 0x80001000', None),
    ('linux-image-bss-too-large', vm().replace('img.bin', 'Image'),
     E % 3 + "vm 'a': image: image 'TMP/Image' is 4 KiB (4096 bytes) (its header asks for 32 MiB "
     "with bss) but memory 'ram' has only 16 MiB from the load address 0x80000000; enlarge the "
     'region or shrink the image', None),
    ('gpio-not-enabled',
     vm(body='    shmem chan { guest = 0x90000000  doorbells = [40]  gpio = 0x91000000 }\n')
     + vm('b', '[1]', '    shmem chan { guest = 0x90000000  doorbells = [41] }\n')
     + 'shmem chan { size = 64K }\n',
     E % 5 + "vm 'a': shmem 'chan'.gpio: GPIO doorbells need CONFIG_IPC_GPIO (an Arm board with a "
     'virtual console); enable it or remove gpio', None),
    ('gpio-two-doorbells',
     vm(body='    shmem chan { guest = 0x90000000  doorbells = [40, 42]  gpio = 0x91000000 }\n')
     + vm('b', '[1]', '    shmem chan { guest = 0x90000000  doorbells = [41, 43] }\n')
     + 'shmem chan { size = 64K }\n',
     E % 5 + "vm 'a': shmem 'chan'.doorbells: with gpio the VM gets one interrupt, the GPIO "
     "controller's: give exactly one, e.g. doorbells = [100]", MMU + 'CONFIG_IPC_GPIO=y\n'),
    ('gpio-overlaps-memory',
     vm(body='    shmem chan { guest = 0x90000000  doorbells = [40]  gpio = 0x80001000 }\n')
     + vm('b', '[1]', '    shmem chan { guest = 0x90000000  doorbells = [41] }\n')
     + 'shmem chan { size = 64K }\n',
     E % 5 + "vm 'a': shmem 'chan'.gpio: shmem 'chan' GPIO controller at 0x80001000-0x80001fff "
     "overlaps memory 'ram' at 0x80000000-0x80ffffff (line 4) in the VM's guest address space; "
     'move one of them', MMU + 'CONFIG_IPC_GPIO=y\n'),
    ('gpio-too-many-events',
     vm(body='    shmem chan { guest = 0x90000000  doorbells = [40]  gpio = 0x91000000 }\n')
     + vm('b', '[1]', '    shmem chan { guest = 0x90000000  doorbells = [41-45] }\n')
     + 'shmem chan { size = 64K }\n',
     E % 5 + "vm 'a': shmem 'chan'.gpio: the object has 5 events but a GPIO doorbell controller "
     'carries at most 4', MMU + 'CONFIG_IPC_GPIO=y\n'),
    ('no-vm', '# nothing here\n',
     E % 1 + 'vm: the layout has no vm block; add one, e.g. vm NAME { cpus = [0] ... }', None),
]
