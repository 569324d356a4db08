# SPDX-License-Identifier: Apache-2.0
# Build-time physical allocation: places fixed ranges, then gives every other region the lowest free address.

import bisect

from .colors import colors_text
from .images import embedded_bytes
from .preload import reserve_preloads
from .mpu import IDENTITY_HINT
from .units import align_up, human, span

LIMIT = 1 << 64
BLOCK = 2 << 20  # the stage-2 block size of a 4 KiB granule
# Sv32x4 (RV32) has 4 MiB megapages instead: its blocks per board arch.
ARCH_BLOCK = {'riscv32': 4 << 20}


class Used:
    """An occupied physical range and who occupies it, for messages."""

    def __init__(self, start, end, what):
        self.start = start
        self.end = end
        self.what = what


class PhysMap:
    """Sorted, non-overlapping occupied ranges of the physical address space."""

    def __init__(self):
        self.starts = []
        self.used = []

    def conflict(self, start, end):
        """The occupied range overlapping [start, end) with the highest start, or None."""
        i = bisect.bisect_left(self.starts, end) - 1
        if i >= 0 and self.used[i].end > start:
            return self.used[i]
        return None

    def add(self, start, end, what):
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.used.insert(i, Used(start, end, what))

    def free(self, bank):
        """Free (start, end) ranges inside a RAM bank."""
        out = []
        cursor = bank.base
        for used in self.used:
            if used.end <= cursor or used.start >= bank.end:
                continue
            if used.start > cursor:
                out.append((cursor, used.start))
            cursor = max(cursor, used.end)
        if cursor < bank.end:
            out.append((cursor, bank.end))
        return out


def colored_runs(start, size, mask, ncolors, page, limit=LIMIT, color_size=None):
    """Physical runs of a colored region: the pages from start whose color is in mask.

    A page's color is (address / color_size) mod ncolors (colors.py, kernel/vm_map.c);
    color_size is the page unless the board groups pages. Returns None when the region
    would reach past limit."""
    color_size = color_size or page
    runs = []
    left = size // page
    addr = start
    while left:
        if addr + page > limit:
            return None
        if mask >> (addr // color_size % ncolors) & 1:
            if runs and runs[-1][1] == addr:
                runs[-1][1] = addr + page
            else:
                runs.append([addr, addr + page])
            left -= 1
        addr += page
    return [tuple(r) for r in runs]


def _footprint(board, start, size, mask):
    """The runs an item occupies from start, or None when it leaves the RAM bank of start."""
    if not mask:
        return [(start, start + size)]
    bank = board.bank_of(start, 1)
    if bank is None:
        return None
    return colored_runs(start, size, mask, board.colors, board.align, bank.end, board.color_size)


class Allocator:
    def __init__(self, board, embedded=0):
        self.board = board
        self.map = PhysMap()
        # The hypervisor's range grows by the guest files embedded in its image.
        board.hyp_end = None
        for res in board.reserved:
            end = res.end
            if res.name == 'hypervisor':
                end = align_up(end + embedded, board.align)
                board.hyp_end = end
            self.map.add(res.base, end, "reserved range '%s' at %s (%s line %d)%s"
                         % (res.name, span(res.base, end - res.base), board.path, res.line,
                            ', with %s of embedded guest files' % human(embedded)
                            if end != res.end else ''))

    def place(self, item, ctx, line, field, mask, label):
        """Places an item at its fixed phys address, or raises naming the conflict."""
        runs = _footprint(self.board, item.phys, item.size, mask)
        # An MPU board's regions sit at their guest address (mpu.py): that is what to change.
        if getattr(item, 'identity', None):
            ctx, line, field = item.identity
            inside, free = IDENTITY_HINT + ' inside it', IDENTITY_HINT
        else:
            inside = 'pick an address inside it or drop phys to let the build allocate one'
            free = 'pick a free address or drop phys to let the build allocate one'
        if runs is None or runs[-1][1] > LIMIT or \
                self.board.bank_of(runs[0][0], runs[-1][1] - runs[0][0]) is None:
            what = span(item.phys, item.size) if runs is None or not mask else \
                '%s (colored)' % span(runs[0][0], runs[-1][1] - runs[0][0])
            raise ctx.error(line, field, '%s is outside the board\'s RAM (%s); %s'
                            % (what, self.board.ram_text(), inside))
        first, last = runs[0][0], runs[-1][1]
        for start, end in runs:
            used = self.map.conflict(start, end)
            if used:
                raise ctx.error(line, field, '%s overlaps %s; %s'
                                % (span(first, last - first), used.what, free))
        self._take(item, runs, label)

    def _take(self, item, runs, label):
        item.runs = runs
        what = '%s at %s (line %d)' % (label, span(runs[0][0], runs[-1][1] - runs[0][0]),
                                       item.line)
        for start, end in runs:
            self.map.add(start, end, what)

    def allocate(self, item, ctx, line, field, mask, label):
        """Gives an item the lowest free aligned address, or raises if RAM is exhausted."""
        for bank in self.board.banks:
            runs = None
            # Large, block-sized items go on a block boundary first, so that
            # stage-2 maps them with 2 MiB (4 MiB) blocks instead of thousands of pages.
            block = ARCH_BLOCK.get(self.board.arch, BLOCK)
            if not mask and self.board.mode == 'mmu' and item.size % block == 0 and \
                    getattr(item, 'guest', None) is not None and item.guest % block == 0:
                runs = self._fit(bank, item.size, mask, block)
            runs = runs or self._fit(bank, item.size, mask)
            if runs:
                item.phys = runs[0][0]
                self._take(item, runs, label)
                return
        free = [e - s for bank in self.board.banks for s, e in self.map.free(bank)]
        if mask:
            raise ctx.error(line, field, 'no free RAM of colors %s left for %s; give it more '
                            'colors, shrink it or free memory of those colors elsewhere'
                            % (colors_text(mask), human(item.size)))
        raise ctx.error(line, field, 'no free RAM for %s: %s free in total, largest free '
                        'block %s; shrink it or free memory elsewhere'
                        % (human(item.size), human(sum(free)), human(max(free, default=0))))

    def _fit(self, bank, size, mask, align=None):
        align = align or self.board.align
        if not mask:
            start = align_up(bank.base, align)
            while start + size <= bank.end:
                used = self.map.conflict(start, start + size)
                if not used:
                    return [(start, start + size)]
                start = align_up(used.end, align)
            return None
        stripe = self.board.color_size * self.board.colors
        start = align_up(bank.base, stripe)
        while start < bank.end:
            runs = colored_runs(start, size, mask, self.board.colors, align, bank.end,
                                self.board.color_size)
            if runs is None:
                return None
            for run_start, run_end in runs:
                used = self.map.conflict(run_start, run_end)
                if used:
                    page = max(used.start, run_start)
                    start = page // stripe * stripe + stripe
                    break
            else:
                return runs
        return None


def allocate_layout(layout, board):
    """Places fixed regions and objects, then allocates the rest, both in layout order."""
    alloc = Allocator(board, embedded_bytes(layout))
    reserve_preloads(alloc, layout)
    items = []
    for obj in layout.order:
        if hasattr(obj, 'regions'):
            for region in obj.regions:
                label = "vm '%s' memory '%s'" % (obj.name, region.name)
                items.append((region, region.color_mask, label))
        else:
            items.append((obj, obj.color_mask, "shmem '%s'" % obj.name))
    for item, mask, label in items:
        if item.fixed:
            alloc.place(item, item.ctx, item.rec.line_of('phys'), 'phys', mask, label)
    for item, mask, label in items:
        if not item.fixed:
            alloc.allocate(item, item.ctx, item.rec.line_of('size'), 'size', mask, label)
    hyp = layout.hypervisor
    if hyp is not None and hyp.size and board.colors:
        alloc.allocate(hyp, hyp.ctx, hyp.rec.line_of('colors'), 'colors', hyp.color_mask,
                       "the hypervisor's colored copy (CONFIG_HYP_RECOLOR_SIZE)")
    return alloc
