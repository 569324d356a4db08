# SPDX-License-Identifier: Apache-2.0
# Formats the checked partitioning for people: per-VM CPUs, memory, devices, then free RAM.

from .board import ARM_ARCHES, cpu_hw_ids
from .colors import colors_text, footprint
from .draw import format_drawing
from .units import access_text, hexa, human, intset, span


def table(rows, right=()):
    """Aligns rows of cells into columns; columns listed in right are right-aligned."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = []
    for row in rows:
        cells = [cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
                 for i, cell in enumerate(row)]
        out.append('  '.join(cells).rstrip())
    return out


def _section(label, lines):
    """Indents lines under a label in the VM's field column."""
    out = []
    for i, line in enumerate(lines):
        out.append('  %-9s%s' % (label if i == 0 else '', line))
    return out


def _phys(runs):
    first, last = runs[0][0], runs[-1][1]
    return span(first, last - first)


def _bytes(size):
    exact = '%d bytes' % size
    return exact if human(size) == exact else '%s, %s' % (human(size), exact)


def _dma_addresses(vm):
    """A device DMAs to the physical addresses its driver gives it, which are guest ones."""
    moved = [r for r in vm.regions if r.phys != r.guest or len(r.runs) != 1]
    if not moved:
        return ['every memory region is at its guest address: the devices\' DMA lands in it']
    return ["memory '%s' is at guest %s but phys %s: DMA to its guest addresses lands in "
            'other memory; give phys = guest for a working driver'
            % (r.name, hexa(r.guest), hexa(r.phys)) for r in moved]


def _hw_ids(vm, board):
    """The physical ids of the VM's CPUs on an Arm board that lists them (CPU index i
    is the i-th of cpu_ids, whatever its cluster), else nothing."""
    if board.arch not in ARM_ARCHES or not board.cpu_ids:
        return ''
    ids = cpu_hw_ids(board, max(vm.cpus) + 1)
    return '; MPIDR %s' % ', '.join('0x%x' % ids[c] for c in sorted(vm.cpus))


def _vm(vm, board):
    out = ['', "vm %d '%s'" % (vm.index, vm.name)]
    fields = [
        ('cpus', '%s  (vCPU 0 on CPU %d%s)' % (intset(vm.cpus), vm.cpus[0],
                                                _hw_ids(vm, board))),
        ('image', '%s  (%s, loaded at %s%s)' % (
            vm.image, _bytes(vm.image_size), hexa(vm.load),
            ', claims %s as a Linux %s' % (human(vm.image_span),
                                            'zImage' if vm.zimage else 'Image')
            if vm.image_span != vm.image_size else '')),
    ]
    if vm.initrd:
        fields.append(('initrd', '%s  (%s, at %s)' % (vm.initrd, _bytes(vm.initrd_size),
                                                     hexa(vm.initrd_addr))))
    if vm.preloaded:
        fields.append(('preload', 'by the boot loader (boot.scr), checked by CRC-32: ' + ', '.join(
            '%s at %s (crc32 %08x)' % (f.kind, span(f.phys, f.size), f.crc32)
            for f in vm.preloaded)))
    fields += [
        ('entry', hexa(vm.entry)),
        ('dtb', '%s  (generated, top 2 MiB of memory \'%s\')' % (hexa(vm.dtb), vm.regions[0].name)
         if vm.dtb_auto else hexa(vm.dtb) if vm.dtb else 'none'),
        ('fault', vm.fault),
        ('console', vm.console),
    ]
    masters = [d.name for d in vm.devices if d.board.dma_master]
    if vm.dma_trusted:
        fields.append(('dma', 'trusted with DMA: can read and write all physical memory, the '
                       "hypervisor's and other VMs' included, through %s (no IOMMU)"
                       % ', '.join(masters)))
    if board.colors and board.coloring:
        fields.append(('colors', _vm_colors(vm, board)))
    for name, value in fields:
        out += _section(name, [value])
    if vm.dma_trusted:
        out += _section('', _dma_addresses(vm))
    rows = [(' ' * 7, 'name', 'guest', '', 'phys', 'size', 'details')]
    for r in vm.regions:
        details = access_text(r.access)
        if r.colors:
            details += ', colors %s' % intset(c for c, _ in r.colors)
        rows.append(('memory', r.name, span(r.guest, r.size), '->', _phys(r.runs),
                     human(r.size), details))
    devices = [(d.name, d.guest, d.board) for d in vm.devices]
    if vm.console == 'passthrough':
        devices.append((board.console.name, board.console.base, board.console))
    for name, guest, hw in devices:
        details = 'irqs %s' % intset(hw.irqs)
        if hw.slots > 1:
            details += ', %d slots' % hw.slots
        if hw.dma_master:
            details += ', bus master (DMA)'
        rows.append(('device', name, span(guest, hw.size), '->', span(hw.base, hw.size),
                     human(hw.size), details))
    for m in vm.shmaps:
        details = '%s, shared' % access_text(m.access)
        if m.shmem.colors:
            details += ', colors %s' % colors_text(m.shmem.color_mask)
        if m.doorbells:
            details += ', doorbells %s' % intset(irq for irq, _ in m.doorbells)
        if m.gpio is not None:
            details += ', GPIO doorbells at %s' % hexa(m.gpio)
        rows.append(('shmem', m.name, span(m.guest, m.shmem.size), '->', _phys(m.shmem.runs),
                     human(m.shmem.size), details))
    out += ['  ' + line for line in table(rows, right={5})]
    out += _section('irqs', [intset(vm.irqs)])
    if vm.tables_text:
        out += _section('mpu' if board.mode == 'mpu' else 'tables', [vm.tables_text])
    return out


def cache_share(mask, board):
    """How much of the last-level cache the colors in mask are."""
    count = bin(mask).count('1')
    text = '%d of %d colors' % (count, board.colors)
    if board.cache is not None and board.cache.has('size'):
        text += ', %s of the %s cache' % (human(board.cache.get('size') * count // board.colors),
                                          human(board.cache.get('size')))
    else:
        text += ', %d%% of the cache' % (100 * count // board.colors)
    return text


def _vm_colors(vm, board):
    mask = footprint(vm, board)
    if all(r.color_mask for r in vm.regions):
        text = '%s (%s)' % (colors_text(mask), cache_share(mask, board))
    else:
        text = 'none: its uncolored memory takes every color (the whole cache)'
    if vm.share:
        text += '; shares %s' % intset(sorted(vm.share))
    return text


def format_show(system):
    layout, board = system.layout, system.board
    mode = 'MMU page' if board.mode == 'mmu' else 'MPU granule'
    out = ["layout %s on board %s (%s, %d CPUs, %s %s%s)"
           % (system.source, board.name, board.arch, board.cpus, mode, human(board.align),
              ', %d cache colors' % board.colors if board.colors and board.coloring else '')]
    if board.colors and board.coloring:
        hyp = layout.hypervisor
        out += _section('cache', [board.cache_text])
        out += _section('hyp', ['colors %s (%s), moved there after boot' % (
            colors_text(hyp.color_mask), cache_share(hyp.color_mask, board))
            if hyp and hyp.colors else 'colors: none, it stays where it was loaded (all colors)'])
    for vm in layout.vms:
        out += _vm(vm, board)
    if layout.shmems:
        out += ['', 'shared memory']
        rows = [('name', 'phys', 'size', 'used by')]
        for s in layout.shmems:
            rows.append((s.name, _phys(s.runs), human(s.size),
                         ', '.join(vm.name for vm in s.users)))
        out += ['  ' + line for line in table(rows, right={2})]
    out += ['', 'free RAM']
    rows = [('bank', 'range', 'size')]
    total = 0
    for bank in board.banks:
        for start, end in system.alloc.map.free(bank):
            rows.append((bank.name, span(start, end - start), human(end - start)))
            total += end - start
    if len(rows) == 1:
        rows.append(('-', 'none', '0 bytes'))
    out += ['  ' + line for line in table(rows, right={2})]
    out.append('  total %s free of %s' % (human(total), human(sum(b.size for b in board.banks))))
    out += format_drawing(system)
    return '\n'.join(out) + '\n'
