# SPDX-License-Identifier: Apache-2.0
# Counts each VM's stage-2 / G-stage page-table pages as kernel/lib/pgtable.c allocates them.
#
# The C walker (kernel/lib/pgtable.c) maps a run [ia, ia + size) -> pa with
# the largest block both addresses are aligned to and that fits, else pages,
# and takes a table from the VM's pool the first time a leaf needs one below
# the root. So the pages a VM uses are its root pages plus, for every level
# below the start, the distinct table-sized spans its leaves touch. The runs
# are those of kernel/vm_map.c vm_map_layout() plus, on GICv2, the guest's
# CPU interface; the formats mirror arch/arm-common/stage2_formats.c and arch/riscv/gstage.c.

from .checks import IMSIC_PAGE, imsic_guest_pages
from .errors import Collector
from .mpu import check_regions as check_mpu_regions
from .units import human

PAGE_SHIFT = 12
GICV2_CPU_IF_SIZE = 0x2000  # the GICV page pair, mapped at GICC (arch/arm64)


class Format:
    """A radix table format: what struct pgtable_format says about its shape."""

    def __init__(self, name, levels, bits_per_level, root_extra_bits, block_levels, symbol,
                 default_pool):
        self.name = name
        self.levels = levels
        self.bits = bits_per_level
        self.root_extra_bits = root_extra_bits
        self.block_levels = block_levels
        self.symbol = symbol  # the Kconfig option sizing each VM's pool
        self.default_pool = default_pool

    def shift(self, level):
        """The lowest input-address bit the given level resolves (level_shift())."""
        return PAGE_SHIFT + (self.levels - 1 - level) * self.bits

    def root_pages(self, ia_bits, start):
        """pgtable_root_pages(): tables concatenated at the start level, 0 when impossible."""
        index_bits = ia_bits - self.shift(start)
        if index_bits <= 0 or index_bits > self.bits + self.root_extra_bits:
            return 0
        return 1 if index_bits <= self.bits else 1 << (index_bits - self.bits)


# arch/arm-common/stage2_formats.c stage2_format_vmsav8_4k: levels 0-3, 1 GiB and 2 MiB blocks.
VMSAV8_4K = Format('VMSAv8-64 stage 2', 4, 9, 4, (1, 2), 'CONFIG_ARM64_STAGE2_POOL_PAGES', 32)
# arch/arm-common/stage2_formats.c stage2_format_lpae (AArch32): a 40-bit IPA from the first
# level (two concatenated root tables), 1 GiB and 2 MiB blocks; arch/arm/mem_stage2.c.
LPAE = Format('LPAE stage 2', 3, 9, 1, (0, 1), 'CONFIG_ARM_STAGE2_POOL_PAGES', 32)
LPAE_IPA_BITS = 40
# arch/riscv/gstage.c gstage_format_sv39x4: 41-bit guest addresses, 16 KiB root.
SV39X4 = Format('Sv39x4 G-stage', 3, 9, 2, (0, 1), 'CONFIG_RISCV_GSTAGE_POOL_PAGES', 64)
# gstage_format_sv32x4 (RV32): 34-bit guest addresses, 16 KiB root, 4 MiB megapages at the root.
SV32X4 = Format('Sv32x4 G-stage', 2, 10, 2, (0,), 'CONFIG_RISCV_GSTAGE_POOL_PAGES', 64)

# arch/arm64: guest-physical bits = the CPUs' physical address bits, capped.
ARM_MIN_IPA_BITS, ARM_MAX_IPA_BITS = 32, 48
RISCV_GPA_BITS = 41
RISCV32_GPA_BITS = 34


def arm_start_level(ia_bits):
    """arch/arm64/stage2.c start_level(): level 1 (up to 8 concatenated tables) up to 42 bits."""
    return 1 if ia_bits <= 42 else 0


class Tables:
    """One VM's tables being built: pages used so far, and which tables exist."""

    def __init__(self, fmt, ia_bits, start):
        self.fmt = fmt
        self.ia_bits = ia_bits
        self.start = start
        self.root = fmt.root_pages(ia_bits, start)
        self.used = self.root
        self.seen = [set() for _ in range(fmt.levels)]

    def _leaf_level(self, ia, pa, size):
        """leaf_level_for(): the largest block both addresses are aligned to and that fits."""
        for level in range(self.start, self.fmt.levels - 1):
            block = 1 << self.fmt.shift(level)
            if level in self.fmt.block_levels and not (ia | pa) & (block - 1) and size >= block:
                return level
        return self.fmt.levels - 1

    def _leaves(self, ia, size, leaf):
        """Adds the tables that leaves of one level over [ia, ia + size) hang from."""
        for level in range(self.start + 1, leaf + 1):
            span = self.fmt.shift(level - 1)  # a table at level covers one entry above it
            seen = self.seen[level]
            for table in range(ia >> span, ((ia + size - 1) >> span) + 1):
                if table not in seen:
                    seen.add(table)
                    self.used += 1

    def map(self, ia, pa, size):
        """Mirrors pgtable_map(), a stretch of equal leaves at a time rather than each leaf."""
        fmt = self.fmt
        while size:
            leaf = self._leaf_level(ia, pa, size)
            step = 1 << fmt.shift(leaf)
            count = size // step
            # The walker climbs back to a larger block where both addresses
            # reach its alignment together and the rest still holds one.
            for level in range(self.start, leaf):
                block = 1 << fmt.shift(level)
                if level not in fmt.block_levels or (ia - pa) % block:
                    continue
                boundary = (ia + block - 1) // block * block
                if boundary != ia and boundary - ia + block <= size:
                    count = min(count, (boundary - ia) // step)
            length = count * step
            self._leaves(ia, length, leaf)
            ia, pa, size = ia + length, pa + length, size - length


class Run:
    """A mapping of the layout: the calls the walk makes for it (guest, host, size), and
    where it is written. what names a mapping the layout does not write (line and field
    then being the VM's)."""

    def __init__(self, pieces, ctx, line, field, what=None, colored=False):
        self.pieces = pieces
        self.ctx = ctx
        self.line = line
        self.field = field
        self.what = what
        self.colored = colored

    @property
    def end(self):
        return max(guest + size for guest, _, size in self.pieces)


def _region_pieces(region, guest=None):
    """A region is one run, a colored one a run per stretch of consecutive host pages of its
    colors (alloc.py colored_runs, kernel/vm_map.c walk_region), in guest order."""
    pieces, guest = [], region.guest if guest is None else guest
    for start, end in region.runs:
        pieces.append((guest, start, end - start))
        guest += end - start
    return pieces


def vm_runs(vm, board, config):
    """The runs kernel/vm_map.c vm_map_layout() maps for vm, in its order, then GICv2's."""
    runs = []
    for r in vm.regions:
        runs.append(Run(_region_pieces(r), r.ctx, r.line, '',
                        colored=bool(r.color_mask and board.colors)))
    for dev in vm.devices:
        runs.append(Run([(dev.guest, dev.board.base, dev.board.size)], vm.ctx, dev.line,
                        "device '%s'" % dev.name))
    if vm.console == 'passthrough' and board.console:
        uart = board.console
        runs.append(Run([(uart.base, uart.base, uart.size)], vm.ctx,
                        vm.rec.line_of('console'), 'console'))
    for m in vm.shmaps:
        runs.append(Run(_region_pieces(m.shmem, m.guest), m.ctx, m.line, '',
                        colored=bool(m.shmem.color_mask and board.colors)))
    # The interrupt model's own mapping; the count does not depend on the
    # order of the runs, only which one is blamed for crossing the pool.
    gicc, gicv = board.devices.get('gicc'), board.devices.get('gicv')
    if config.bool('CONFIG_IRQCHIP_GICV2') and gicc and gicv:
        runs.append(Run([(gicc.base, gicv.base, GICV2_CPU_IF_SIZE)], vm.ctx, vm.line, '',
                        'the GICv2 CPU interface (GICV at GICC)'))
    if config.bool('CONFIG_IRQCHIP_AIA') and 'imsic' in board.devices:
        for gpa, hpa in imsic_guest_pages(vm, board):
            runs.append(Run([(gpa, hpa, IMSIC_PAGE)], vm.ctx, vm.line, '',
                            'an IMSIC guest interrupt file'))
    return runs


def table_format(board):
    """The format the board's memory back end builds, or None (MPU, no table walker yet)."""
    if board.mode != 'mmu':
        return None
    return {'aarch64': VMSAV8_4K, 'arm': LPAE, 'riscv64': SV39X4, 'riscv32': SV32X4}.get(board.arch)


def _fits(runs, ia_bits):
    return all(run.end <= 1 << ia_bits for run in runs)


def _map(tables, run):
    for guest, phys, size in run.pieces:
        tables.map(guest, phys, size)


def _build(fmt, ia_bits, start, runs):
    tables = Tables(fmt, ia_bits, start)
    for run in runs:
        _map(tables, run)
    return tables


class Count:
    """A VM's table pages: total, root, the input size counted for and why that one."""

    def __init__(self, fmt, tables, how):
        self.fmt = fmt
        self.pages = tables.used
        self.root = tables.root
        self.ia_bits = tables.ia_bits
        self.start = tables.start
        self.how = how


def count_tables(vm, board, config, runs=None):
    """The pages vm's tables take, or None when the board's back end has no tables."""
    fmt = table_format(board)
    if fmt is None:
        return None
    runs = vm_runs(vm, board, config) if runs is None else runs
    if fmt is SV39X4:
        return Count(fmt, _build(fmt, RISCV_GPA_BITS, 0, runs), '41-bit guest-physical space')
    if fmt is SV32X4:
        return Count(fmt, _build(fmt, RISCV32_GPA_BITS, 0, runs), '34-bit guest-physical space')
    if fmt is LPAE:
        return Count(fmt, _build(fmt, LPAE_IPA_BITS, 0, runs), '40-bit guest-physical space')
    if board.pa_bits:
        bits = min(max(board.pa_bits, ARM_MIN_IPA_BITS), ARM_MAX_IPA_BITS)
        return Count(fmt, _build(fmt, bits, arm_start_level(bits), runs),
                     '%d-bit guest-physical space, from the board\'s pa_bits' % bits)
    # The CPUs' physical address size is read at boot: take the input size
    # that costs most among those the layout's guest addresses fit in.
    worst = None
    for bits in range(ARM_MIN_IPA_BITS, ARM_MAX_IPA_BITS + 1):
        if _fits(runs, bits):
            tables = _build(fmt, bits, arm_start_level(bits), runs)
            if worst is None or tables.used > worst.used:
                worst = tables
    if worst is None:
        return None  # guest addresses past 48 bits: no input size fits (checked below)
    return Count(fmt, worst, 'worst case, a %d-bit guest-physical space: the board gives no '
                 'pa_bits' % worst.ia_bits)


def pool_pages(fmt, config):
    """The configured pool, or the Kconfig default when the .config does not set it."""
    return config.int(fmt.symbol, fmt.default_pool)


def check_tables(layout, board, config, errors=None):
    """Refuses a VM whose tables outgrow the pool, at the mapping that crosses it.

    Each VM is checked on its own; with a collector every such VM is reported."""
    if board.mode == 'mpu':
        own = errors if errors is not None else Collector()
        check_mpu_regions(layout, board, config, own)
        if errors is None:
            own.raise_if_any()
        return
    fmt = table_format(board)
    if fmt is None:
        return
    pool = pool_pages(fmt, config)
    for vm in layout.vms:
        if errors is None:
            _check_vm_tables(vm, board, config, fmt, pool)
        else:
            errors.attempt(_check_vm_tables, vm, board, config, fmt, pool)


def _check_vm_tables(vm, board, config, fmt, pool):
    runs = vm_runs(vm, board, config)
    _check_reach(vm, runs, fmt, board)
    count = count_tables(vm, board, config, runs)
    vm.table_pages = count.pages
    vm.tables_text = '%d of %d pages (%s; %s, %d root page%s; %s)' % (
        count.pages, pool, fmt.symbol, fmt.name, count.root,
        '' if count.root == 1 else 's', count.how)
    if count.pages <= pool:
        return
    tables = Tables(fmt, count.ia_bits, count.start)
    for run in runs:
        _map(tables, run)
        if tables.used > pool:
            raise run.ctx.error(run.line, run.field, _too_many(fmt, pool, count, run, tables))


def _too_many(fmt, pool, count, run, tables):
    block = human(1 << fmt.shift(fmt.levels - 2))
    if run.colored:
        hint = ('color less memory (a colored region is mapped in stretches of its colors\' '
                'pages, too short for %s blocks: a table page per %s of it)' % (block, block))
    else:
        hint = 'map fewer ranges, with guest and host addresses both %s-aligned' % block
    where = 'up to %s' % (run.what or 'this mapping')
    return ('its %s tables need %d pages (%d %s), more than %s=%d gives each VM; raise %s '
            'to at least %d, or %s (%d root page%s; %s)'
            % (fmt.name, count.pages, tables.used, where, fmt.symbol, pool, fmt.symbol,
               count.pages, hint, count.root, '' if count.root == 1 else 's', count.how))


def _check_reach(vm, runs, fmt, board):
    """Refuses a guest address the tables cannot reach (pgtable_map()'s -EINVAL at boot)."""
    if fmt is SV39X4:
        bits, why = RISCV_GPA_BITS, 'Sv39x4 reaches'
    elif fmt is SV32X4:
        bits, why = RISCV32_GPA_BITS, 'Sv32x4 reaches'
    elif fmt is LPAE:
        bits, why = LPAE_IPA_BITS, 'AArch32 LPAE stage 2 reaches'
    elif board.pa_bits:
        bits = min(max(board.pa_bits, ARM_MIN_IPA_BITS), ARM_MAX_IPA_BITS)
        why = 'the board\'s CPUs (pa_bits = %d) reach' % board.pa_bits
    else:
        bits, why = ARM_MAX_IPA_BITS, 'stage 2 reaches at most'
    for run in runs:
        if run.end > 1 << bits:
            raise run.ctx.error(run.line, run.field, '%s ends at 0x%x, past the %d-bit '
                                'guest-physical space %s; move it below 0x%x'
                                % (run.what or 'the mapping', run.end, bits, why, 1 << bits))
