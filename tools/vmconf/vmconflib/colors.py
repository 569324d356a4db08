# SPDX-License-Identifier: Apache-2.0
# Cache colors in a layout: which colors exist, who takes which, and whether the board's RAM has enough of them.

from .units import human, intset


def color_of(addr, board):
    """The color of the page at addr: (addr / color_size) mod colors, as kernel/vm_map.c."""
    return addr // board.color_size % board.colors


def all_colors(board):
    return (1 << board.colors) - 1


def colors_text(mask):
    return intset(c for c in range(32) if mask >> c & 1)


def check_list(ctx, rec, field, board, config):
    """Checks a colors list (of a VM, region, shared object or the hypervisor) against the board."""
    line = rec.line_of(field)
    if board.mode != 'mmu':
        raise ctx.error(line, field, 'cache coloring needs the MMU back end: the MPU maps each '
                        'region whole at its own physical address, so it cannot give memory '
                        'pages of chosen colors; remove %s' % field)
    if not config.bool('CONFIG_CACHE_COLORING'):
        raise ctx.error(line, field, 'cache coloring is off; enable CONFIG_CACHE_COLORING or '
                        'remove %s' % field)
    if not board.colors:
        raise ctx.error(line, field, 'the board provides no cache colors: %s; describe its '
                        'last-level cache (cache llc { size = ...  ways = ... } in %s) or '
                        'remove %s' % (board.cache_text or 'its description has no cache block',
                                       board.path, field))
    colors = rec.get(field)
    if not colors:
        raise ctx.error(line, field, 'empty; list the colors, e.g. %s = [0-3]' % field)
    mine = set()
    for color, cline in colors:
        if color >= board.colors:
            raise ctx.error(cline, field, 'color %d does not exist; the board provides colors '
                            '0-%d' % (color, board.colors - 1))
        if color in mine:
            raise ctx.error(cline, field, 'color %d is listed twice' % color)
        mine.add(color)


def check_vm(vm, board, config):
    """A VM's own colors and share_colors; a colored region must not have a fixed address."""
    for field in ('colors', 'share_colors'):
        if vm.rec.has(field):
            check_list(vm.ctx, vm.rec, field, board, config)
    for region in vm.regions:
        if region.colors and region.fixed:
            raise region.ctx.error(region.rec.line_of('phys'), 'phys', 'a colored region has no '
                                   'fixed physical address: its pages are picked by color '
                                   'across RAM; drop phys')


def check_others(layout, board, config, errors):
    """The hypervisor block's and shared objects' colors."""
    hyp = layout.hypervisor
    if hyp is not None:
        for field in ('colors', 'share_colors'):
            if hyp.rec.has(field) and field not in hyp.rec.bad:
                if not errors.attempt(check_list, hyp.ctx, hyp.rec, field, board, config):
                    hyp.rec.bad.add(field)
        if hyp.colors and 'colors' not in hyp.rec.bad and \
                not config.bool('CONFIG_ARCH_HYP_RECOLOR'):
            hyp.rec.bad.add('colors')
            errors.add(hyp.ctx.error(hyp.rec.line_of('colors'), 'colors', 'the hypervisor '
                                     'cannot move its own image to pages of its colors on this '
                                     'architecture yet (CONFIG_ARCH_HYP_RECOLOR); remove the '
                                     'colors, it stays where it is loaded'))
        elif hyp.colors and 'colors' not in hyp.rec.bad:
            # The pages it moves to: allocated like a colored region (alloc.py).
            hyp.size = config.int('CONFIG_HYP_RECOLOR_SIZE', 0x200000)
    for shmem in layout.shmems:
        if shmem.rec.has('colors') and 'colors' not in shmem.rec.bad:
            ok = errors.attempt(check_list, shmem.ctx, shmem.rec, 'colors', board, config)
            if ok and shmem.fixed:
                ok = errors.attempt(_refuse_fixed, shmem)
            if not ok:
                shmem.rec.bad.add('colors')
                shmem.checked = False


def _refuse_fixed(shmem):
    raise shmem.ctx.error(shmem.rec.line_of('phys'), 'phys', 'a colored object has no fixed '
                          'physical address: its pages are picked by color across RAM; drop '
                          'phys or colors')


def footprint(owner, board):
    """The colors an owner's memory takes: a VM with an uncolored region takes every color."""
    if hasattr(owner, 'regions'):
        mask = 0
        for region in owner.regions:
            mask |= region.color_mask or all_colors(board)
        return mask
    return owner.color_mask


def _where(owner):
    if hasattr(owner, 'regions'):
        return "vm '%s'" % owner.name
    return 'the hypervisor'


def check_sharing(layout, board, errors):
    """Two owners (VMs, the hypervisor) may share a color only when both list it in share_colors.

    A VM without colors takes every color, so once one owner is colored every
    VM must be, or share. Shared memory is shared by design and not counted."""
    if not board.colors:
        return
    owners = [vm for vm in layout.vms if 'colors' in vm.passed]
    hyp = layout.hypervisor
    if hyp is not None and hyp.colors and not hyp.rec.bad:
        owners.insert(0, hyp)
    if not any(_colored(o) for o in owners):
        return
    for i, mine in enumerate(owners):
        for other in owners[:i]:
            clash = footprint(mine, board) & footprint(other, board) & \
                ~(_share_mask(mine) & _share_mask(other))
            if not clash:
                continue
            field = 'colors'
            if hasattr(mine, 'regions') and not all(r.color_mask for r in mine.regions):
                free = all_colors(board) & ~footprint(other, board)
                why = ('missing: memory without colors takes every color, also %s %s of %s '
                       '(line %d); give it colors%s, or list them in share_colors of both'
                       % ('color' if bin(clash).count('1') == 1 else 'colors',
                          colors_text(clash), _where(other), other.rec.line_of('colors'),
                          ', e.g. colors = [%s]' % colors_text(free) if free else ''))
            else:
                one = bin(clash).count('1') == 1
                why = ('%s %s %s also of %s (line %d); give each its own colors, or list %s in '
                       'share_colors of both' % ('color' if one else 'colors', colors_text(clash),
                                                 'is' if one else 'are', _where(other),
                                                 other.rec.line_of('colors'),
                                                 'it' if one else 'them'))
            errors.add(mine.ctx.error(mine.rec.line_of('colors'), field, why))
            break


def _colored(owner):
    if hasattr(owner, 'regions'):
        return any(r.color_mask for r in owner.regions)
    return bool(owner.color_mask)


def _share_mask(owner):
    mask = 0
    for color in owner.share:
        mask |= 1 << color
    return mask


def supply(board, mask):
    """Bytes of the board's RAM whose pages have a color in mask."""
    total = 0
    unit = board.color_size
    for bank in board.banks:
        first, end = bank.base // unit, bank.end // unit
        cycles, rest = divmod(end - first, board.colors)
        for color in range(board.colors):
            if mask >> color & 1:
                total += cycles
                total += 1 if (color - first) % board.colors < rest else 0
    return total * unit


def check_supply(layout, board, errors):
    """Colored memory the chosen colors cannot supply from the board's RAM, per set of colors."""
    if not board.colors:
        return
    need = {}
    for vm in layout.vms:
        if 'colors' not in vm.passed or 'regions' not in vm.passed:
            continue
        for region in vm.regions:
            if region.color_mask:
                entry = need.setdefault(region.color_mask, [0, []])
                entry[0] += region.size
                entry[1].append((vm.ctx, region.rec.line_of('colors') if region.own_colors
                                 else vm.rec.line_of('colors'), region))
    for shmem in layout.shmems:
        if shmem.color_mask and shmem.checked:
            entry = need.setdefault(shmem.color_mask, [0, []])
            entry[0] += shmem.size
            entry[1].append((shmem.ctx, shmem.rec.line_of('colors'), shmem))
    for mask, (size, users) in need.items():
        have = supply(board, mask)
        if size <= have:
            continue
        ctx, line, _ = users[-1]
        who = ', '.join(_label(item) for _, _, item in users)
        errors.add(ctx.error(line, 'colors', 'colors %s supply at most %s of the board\'s RAM '
                             '(%d of %d colors of %s), but %s need%s %s; give more colors or '
                             'less memory' % (colors_text(mask), human(have),
                                              bin(mask).count('1'), board.colors,
                                              board.ram_text(), who,
                                              's' if len(users) == 1 else '', human(size))))


def _label(item):
    if hasattr(item, 'users'):
        return "shmem '%s'" % item.name
    return "memory '%s'" % item.name
