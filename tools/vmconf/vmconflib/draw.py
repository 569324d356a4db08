# SPDX-License-Identifier: Apache-2.0
# Draws the partitioning of a checked layout: which VM each CPU runs and who owns each stretch of
# physical RAM, as text art for the terminal and as a hand-written SVG picture.

from xml.sax.saxutils import escape

from .units import hexa, human, span

BAR = 64            # text columns of one RAM bank
FREE, HYP, RESERVED, SHARED = '.', 'H', '#', '='

# Fill colours of the SVG, one per VM (repeating past eight), and of the others.
VM_COLORS = ('#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#76b7b2', '#edc948', '#ff9da7',
             '#9c755f')
OTHER_COLORS = {HYP: '#555555', RESERVED: '#999999', SHARED: '#e15759', FREE: '#f4f4f4'}


class Span:
    """A stretch of the address space drawn as one bar: a RAM bank or the used part of one."""

    def __init__(self, name, base, end):
        self.name = name
        self.base = base
        self.end = end
        self.size = end - base


class Piece:
    """A stretch of physical RAM [start, end) and its owner: key letter and a label."""

    def __init__(self, start, end, key, label):
        self.start = start
        self.end = end
        self.key = key
        self.label = label


def vm_key(vm):
    """The VM's mark in the drawing: its index, as in "vm 0 'rt'" of the listing."""
    return '%d' % vm.index if vm.index < 10 else chr(ord('a') + vm.index - 10)


def pieces(system):
    """Every owned stretch of RAM, in address order: reserved ranges, VM memory, shared memory."""
    board, layout = system.board, system.layout
    out = []
    for res in board.reserved:
        if res.name == 'hypervisor':
            end = board.hyp_end or res.end
            out.append(Piece(res.base, end, HYP, 'hypervisor (with its embedded guest files)'))
        else:
            out.append(Piece(res.base, res.end, RESERVED, "reserved '%s'" % res.name))
    for vm in layout.vms:
        for region in vm.regions:
            for start, end in region.runs:
                out.append(Piece(start, end, vm_key(vm), "vm '%s' memory '%s'"
                                 % (vm.name, region.name)))
    for shmem in layout.shmems:
        for start, end in shmem.runs:
            out.append(Piece(start, end, SHARED, "shmem '%s' (%s)"
                             % (shmem.name, ', '.join(vm.name for vm in shmem.users))))
    out.sort(key=lambda p: p.start)
    return out


def _in_bank(items, bank):
    return [p for p in items if p.start < bank.end and bank.base < p.end]


def bank_columns(items, bank, width=BAR):
    """One key letter per column: the owner of most of the column's bytes, free if none.

    Something too small to own a column still shows, in the column where it starts."""
    step = bank.size / width
    cols = []
    for c in range(width):
        low, high = bank.base + c * step, bank.base + (c + 1) * step
        best, most = FREE, 0
        owned = 0
        for p in items:
            part = min(p.end, high) - max(p.start, low)
            if part > 0:
                owned += part
                if part > most:
                    best, most = p.key, part
        cols.append(best if most > (high - low) - owned else FREE)
    for p in items:
        if p.key not in cols[_column(p.start, bank, step, width):_column(p.end - 1, bank, step,
                                                                         width) + 1]:
            cols[_column(max(p.start, bank.base), bank, step, width)] = p.key
    return ''.join(cols)


def _bars(items, bank):
    """The bank, then again from its base to the end of the hypervisor's, VMs' and shared
    memory when that is under half of it (reserved ranges further up do not count), so that
    small things show."""
    bars = [Span(bank.name, bank.base, bank.end)]
    used = [p for p in _in_bank(items, bank) if p.key != RESERVED]
    if used:
        high = min(max(p.end for p in used), bank.end)
        if high - bank.base < bank.size // 2:
            bars.append(Span('(zoom)', bank.base, high))
    return bars


def _column(addr, bank, step, width):
    return min(width - 1, max(0, int((addr - bank.base) // step)))


def _legend(system, items):
    present = {p.key for p in items}
    keys = [(key, what) for key, what in ((HYP, 'hypervisor'), (RESERVED, 'reserved'))
            if key in present]
    keys += [(vm_key(vm), "vm '%s'" % vm.name) for vm in system.layout.vms]
    if system.layout.shmems:
        keys.append((SHARED, 'shared memory'))
    keys.append((FREE, 'free'))
    return keys


def format_drawing(system):
    """Text art: the CPUs and each RAM bank as a bar, one column per 1/64 of the bank."""
    board, layout = system.board, system.layout
    owner = {}
    for vm in layout.vms:
        for cpu in vm.cpus:
            owner[cpu] = vm_key(vm)
    width = max(3, len('%d' % (board.cpus - 1)) + 1)
    out = ['', 'drawing']
    out.append('  %-9s%s' % ('CPU', ''.join(('%d' % cpu).rjust(width)
                                            for cpu in range(board.cpus))))
    out.append('  %-9s%s' % ('vm', ''.join(owner.get(cpu, '-').rjust(width)
                                           for cpu in range(board.cpus))))
    items = pieces(system)
    for bank in board.banks:
        for bar in _bars(items, bank):
            cols = bank_columns(_in_bank(items, bar), bar)
            out.append('  %-9s%s |%s| %s' % (bar.name, hexa(bar.base), cols, hexa(bar.end - 1)))
            out.append('  %-9s%s a column is %s of %s'
                       % ('', ' ' * len(hexa(bar.base)), human(bar.size // BAR), human(bar.size)))
    out += ['  %-9s%s' % ('key' if i == 0 else '', '%s  %s' % (key, what))
            for i, (key, what) in enumerate(_legend(system, items))]
    out.append('  %-9s%s' % ('', '(CPU - : no VM; a stretch smaller than a column shows in '
                             'the column where it starts)'))
    return out


# SVG geometry, in pixels.
LEFT, TOP, BAR_W, BAR_H, CPU_W, ROW = 110, 40, 640, 34, 56, 22


def _color(key):
    if key in OTHER_COLORS:
        return OTHER_COLORS[key]
    index = int(key) if key.isdigit() else ord(key) - ord('a') + 10
    return VM_COLORS[index % len(VM_COLORS)]


def _text(x, y, text, anchor='start', size=12, weight='normal'):
    return ('<text x="%d" y="%d" font-size="%d" font-weight="%s" text-anchor="%s">%s</text>'
            % (x, y, size, weight, anchor, escape(text)))


def _rect(x, y, w, h, key, title):
    return ('<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s" stroke="#333333" '
            'stroke-width="0.5"><title>%s</title></rect>' % (x, y, w, h, _color(key),
                                                             escape(title)))


def format_svg(system):
    """The same picture as an SVG document: CPU boxes, one bar per RAM bank, a key."""
    board, layout = system.board, system.layout
    body = [_text(10, 22, 'layout %s on board %s (%s, %d CPUs)'
                  % (system.source, board.name, board.arch, board.cpus), size=15, weight='bold')]
    y = TOP
    body.append(_text(10, y + 22, 'CPUs', weight='bold'))
    owner = {cpu: vm for vm in layout.vms for cpu in vm.cpus}
    for cpu in range(board.cpus):
        vm = owner.get(cpu)
        x = LEFT + cpu * (CPU_W + 6)
        title = 'CPU %d: %s' % (cpu, "vm '%s'" % vm.name if vm else 'no VM')
        body.append(_rect(x, y, CPU_W, BAR_H, vm_key(vm) if vm else FREE, title))
        body.append(_text(x + CPU_W // 2, y + 14, 'CPU %d' % cpu, 'middle', 11))
        body.append(_text(x + CPU_W // 2, y + 28, vm.name if vm else '-', 'middle', 11))
    y += BAR_H + 30
    items = pieces(system)
    for bank in board.banks:
        for bar in _bars(items, bank):
            name = 'RAM %s' % bank.name if bar.name == bank.name else '(zoom)'
            body.append(_text(10, y + 22, name, weight='bold'))
            body.append(_rect(LEFT, y, BAR_W, BAR_H, FREE, 'free RAM of bank \'%s\''
                              % bank.name))
            for p in _in_bank(items, bar):
                start, end = max(p.start, bar.base), min(p.end, bar.end)
                x = LEFT + (start - bar.base) * BAR_W / bar.size
                w = max(1.5, (end - start) * BAR_W / bar.size)
                body.append(_rect(x, y, w, BAR_H, p.key, '%s: %s (%s)'
                                  % (p.label, span(start, end - start), human(end - start))))
            body.append(_text(LEFT, y + BAR_H + 14, hexa(bar.base), size=10))
            body.append(_text(LEFT + BAR_W, y + BAR_H + 14, hexa(bar.end - 1), 'end', 10))
            body.append(_text(LEFT + BAR_W // 2, y + BAR_H + 14, human(bar.size), 'middle', 10))
            y += BAR_H + 36
    for key, what in _legend(system, items):
        body.append(_rect(LEFT, y, 14, 14, key, what))
        body.append(_text(LEFT + 22, y + 12, what))
        y += ROW
    height = y + 10
    width = max(LEFT + BAR_W + 20, LEFT + board.cpus * (CPU_W + 6) + 20)
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
            'viewBox="0 0 %d %d" font-family="sans-serif">\n'
            '<title>%s</title>\n' % (width, height, width, height,
                                     escape('VM partitioning of %s' % system.source)))
    return head + '\n'.join(body) + '\n</svg>\n'

