# SPDX-License-Identifier: Apache-2.0
# Loads and checks a board description (board.hw) and applies the Kconfig choices to it.

from .errors import Context
from .schema import Spec, check_block, require_name
from .syntax import Assign, parse_file
from .units import human, span

RANGE_SPEC = {'base': 'int', 'size': 'int'}
BOARD_SPEC = Spec('board', example='board NAME { ... }', fields={
    'arch': 'word', 'cpus': 'int', 'page_size': 'int', 'mpu_granule': 'int',
    'irqs': 'ints', 'colors': 'int', 'pa_bits': 'int', 'mpu_regions': 'int',
    'cpu_compatible': 'str', 'cpu_ids': 'ints', 'timer_irqs': 'ints', 'reference': 'str',
    'imsic_guest_files': 'int', 'timebase': 'int',
}, blocks={
    'memory': Spec('memory', RANGE_SPEC, example='memory ram { base = ... size = ... }'),
    'reserved': Spec('reserved', RANGE_SPEC, example='reserved firmware { base = ... size = ... }'),
    'cache': Spec('cache', {'size': 'int', 'ways': 'int', 'line': 'int', 'colors': 'int',
                            'color_size': 'int'},
                  example='cache llc { size = 1M  ways = 16  line = 64 }'),
    'device': Spec('device', dict(RANGE_SPEC, irqs='ints', owner='word', compatible='strs',
                                  dma='word', slots='int', reg_shift='int', reg_width='int'),
                   example='device uart0 { base = ... size = ... }',
                   choices={'owner': ('hypervisor', 'console'), 'dma': ('master', 'none')}),
})
MAX_CPUS = 64
MAX_COLORS = 32
MAX_TIMEBASE = 0xffffffff  # one device-tree cell
MAX_MPU_REGIONS = 255  # HMPUIR / MPUIR_EL2.REGION is 8 bits
PA_BITS = (32, 36, 40, 42, 44, 48, 52)


class Window:
    """A named physical range of the board: a RAM bank, a reserved range or a device."""

    def __init__(self, rec):
        self.name = rec.name
        self.kind = rec.kind
        self.line = rec.line
        self.rec = rec
        self.base = rec.get('base')
        self.size = rec.get('size')
        self.irqs = [irq for irq, _ in rec.get('irqs', [])]
        self.owner = rec.get('owner')
        self.compatible = rec.get('compatible', [])
        # dma = master: the device can read and write memory on its own (a
        # bus master); passed through, it reaches every physical address.
        self.dma_master = rec.get('dma') == 'master'
        # slots = N: the window holds N equal devices (N transports of
        # size / N bytes, interrupt i for slot i) that share its MMU pages
        # and so can only be passed through together.
        self.slots = rec.get('slots', 1)
        # A 16550 whose registers are 1 << reg_shift bytes apart, accessed
        # reg_width (1 or 4) bytes wide (the device tree's reg-shift, reg-io-width).
        self.reg_shift = rec.get('reg_shift', 0)
        self.reg_width = rec.get('reg_width', 1)

    @property
    def end(self):
        return self.base + self.size


class Board:
    def __init__(self, path, rec):
        self.path = path
        self.rec = rec
        self.name = rec.name
        self.arch = rec.get('arch')
        self.cpus = rec.get('cpus')
        self.page_size = rec.get('page_size')
        self.mpu_granule = rec.get('mpu_granule')
        # mpu_regions = N: the EL2 MPU regions the CPUs implement (mpu.py spends them).
        self.mpu_regions = rec.get('mpu_regions')
        # cpu_compatible = "arm,cortex-a7": what generated device trees call a vCPU
        # (devicetree.py has a default per architecture).
        self.cpu_compatible = rec.get('cpu_compatible')
        # imsic_guest_files = N: guest interrupt files in each hart's IMSIC (RISC-V AIA);
        # under CONFIG_IRQCHIP_AIA every VM on a hart takes one (checks.py).
        self.imsic_guest_files = rec.get('imsic_guest_files', 0)
        # timebase = N: the rate of the RISC-V time CSR in Hz (the device tree's
        # /cpus timebase-frequency); without it, QEMU virt's 10 MHz.
        self.timebase = rec.get('timebase')
        self.irqs = {irq for irq, _ in rec.get('irqs', [])}
        # cpu_ids = [...]: the hardware id (MPIDR affinity, hart id) of every
        # CPU of the SoC. On Arm the hypervisor's CPU index i is cpu_ids[i] and
        # the first 'cpus' of them run it; RISC-V's index i is hart i.
        self.cpu_ids = [v for v, _ in rec.get('cpu_ids', [])]
        # timer_irqs = [...]: the architected timer's interrupts (Arm: secure
        # physical, non-secure physical, virtual, hypervisor PPIs).
        self.timer_irqs = [v for v, _ in rec.get('timer_irqs', [])]
        # reference = "dtb:<vendor>/<file>.dtb" or "facts": what
        # tools/boardfacts checks these facts against.
        self.reference = rec.get('reference')
        # The last-level cache's colors: derived once, in _derive_colors(), and
        # handed to the hypervisor as BOARD_NR_COLORS and BOARD_COLOR_SIZE.
        self.colors = rec.get('colors', 0)
        self.color_size = None  # bytes of consecutive memory of one color; the page by default
        self.cache = None  # the cache block's record, or None
        self.cache_text = None  # what make vmconf-show says of it
        # pa_bits = N: the physical address size the CPUs implement (Arm
        # ID_AA64MMFR0_EL1.PARange), which sizes stage 2's guest-physical
        # space; pgtables.py counts table pages for it, else for the worst case.
        self.pa_bits = rec.get('pa_bits')
        self.banks = [Window(r) for r in rec.blocks('memory')]
        self.reserved = [Window(r) for r in rec.blocks('reserved')]
        self.devices = {}
        for r in rec.blocks('device'):
            self.devices[r.name] = Window(r)
        self.mode = None
        self.align = None
        self.hyp_end = None  # end of the hypervisor's range with its guest files (alloc.py)
        self.nr_cpus_config = None
        self.coloring = False  # CONFIG_CACHE_COLORING (apply_config)

    @property
    def console(self):
        for dev in self.devices.values():
            if dev.owner == 'console':
                return dev
        return None

    def bank_of(self, base, size):
        for bank in self.banks:
            if bank.base <= base and base + size <= bank.end:
                return bank
        return None

    def ram_text(self):
        return ', '.join('%s %s' % (b.name, span(b.base, b.size)) for b in self.banks)

    def align_text(self):
        what = 'MMU page' if self.mode == 'mmu' else 'MPU granule'
        return '%s (%s)' % (what, human(self.align))


def _pow2(value):
    return value > 0 and value & (value - 1) == 0


def load_board(path):
    """Parses and checks board.hw; returns a Board."""
    ctx = Context(path)
    items = parse_file(path)
    boards = []
    for item in items:
        if isinstance(item, Assign):
            raise ctx.error(item.line, item.key, 'unknown field at top level; a board file holds '
                            'one board NAME { ... } block')
        if item.kind != 'board':
            raise ctx.error(item.line, item.title(), 'unknown block; allowed here: board')
        require_name(item, BOARD_SPEC, ctx)
        if boards:
            raise ctx.error(item.line, item.title(), 'a board file holds one board block; the '
                            'first is at line %d' % boards[0].line)
        boards.append(item)
    if not boards:
        raise ctx.error(1, 'board', 'no board NAME { ... } block in the board description')
    bctx = Context(path, "board '%s'" % boards[0].name)
    rec = check_block(boards[0], BOARD_SPEC, bctx)
    board = Board(path, rec)
    _check(board, bctx)
    return board


def _need(rec, ctx, field, hint):
    if not rec.has(field):
        raise ctx.error(rec.line, field, 'missing; %s' % hint)
    return rec.get(field)


# 32-bit hypervisors reach their RAM and their own devices one to one in a
# 32-bit address space, so those lie below 4 GiB; their guests' tables reach
# further: AArch32 (arch/arm) in its Hyp mode, LPAE stage 2 to 40-bit physical
# addresses; RV32 (arch/riscv) in HS-mode without translation, Sv32x4 G-stage
# to 34-bit physical addresses (22-bit PPNs).
ARM32_HYP_LIMIT = 1 << 32
ARM32_PA_BITS = 40
RV32_PA_BITS = 34
ARCH_PA_BITS = {'arm': (ARM32_PA_BITS, 'AArch32 LPAE'),
                'riscv32': (RV32_PA_BITS, 'RV32 Sv32x4 G-stage')}
ARCH_HYP_LIMIT = {'arm': (ARM32_HYP_LIMIT, 'the AArch32 hypervisor maps its RAM and its own '
                          'devices one to one in its 32-bit Hyp address space'),
                  'riscv32': (1 << 32, 'the RV32 hypervisor reaches its RAM and its own devices '
                              'untranslated with 32-bit addresses')}


def _check_reach(board, win, ctx):
    """Refuses a window past the physical addresses the CPUs (or the hypervisor) reach."""
    bits, what = (board.pa_bits, 'pa_bits = %d' % board.pa_bits) if board.pa_bits else \
        ARCH_PA_BITS.get(board.arch, (None, None))
    if bits and win.end > 1 << bits:
        raise ctx.error(win.rec.line_of('base'), 'base', '%s ends at 0x%x, past the %d-bit '
                        'physical address space of the board\'s CPUs (%s)'
                        % (span(win.base, win.size), win.end, bits, what))
    hyp_owned = win.kind == 'memory' or win.owner in ('hypervisor', 'console')
    limit, why = ARCH_HYP_LIMIT.get(board.arch, (None, None))
    if limit and hyp_owned and win.end > limit:
        raise ctx.error(win.rec.line_of('base'), 'base', '%s ends at 0x%x, past 4 GiB: %s'
                        % (span(win.base, win.size), win.end, why))


def _check(board, ctx):
    rec = board.rec
    _need(rec, ctx, 'arch', 'name the architecture, e.g. arch = riscv64')
    cpus = _need(rec, ctx, 'cpus', 'give the number of CPUs, e.g. cpus = 4')
    if not 1 <= cpus <= MAX_CPUS:
        raise ctx.error(rec.line_of('cpus'), 'cpus', 'must be between 1 and %d' % MAX_CPUS)
    _need(rec, ctx, 'irqs', 'list the interrupt numbers the controller implements, e.g. irqs = 1-95')
    if not rec.has('page_size') and not rec.has('mpu_granule'):
        raise ctx.error(rec.line, 'page_size', 'missing; give page_size (MMU) or mpu_granule (MPU)')
    for field in ('page_size', 'mpu_granule'):
        if rec.has(field) and not _pow2(rec.get(field)):
            raise ctx.error(rec.line_of(field), field, 'must be a power of two')
    if rec.has('pa_bits') and board.pa_bits not in PA_BITS:
        raise ctx.error(rec.line_of('pa_bits'), 'pa_bits', 'must be one of %s (the sizes Arm\'s '
                        'PARange encodes)' % ', '.join('%d' % b for b in PA_BITS))
    if rec.has('mpu_regions') and not 1 <= board.mpu_regions <= MAX_MPU_REGIONS:
        raise ctx.error(rec.line_of('mpu_regions'), 'mpu_regions', 'must be between 1 and %d'
                        % MAX_MPU_REGIONS)
    if rec.has('timebase'):
        if not board.arch.startswith('riscv'):
            raise ctx.error(rec.line_of('timebase'), 'timebase', 'is the RISC-V time CSR\'s '
                            'rate; an Arm board\'s counter says its own (CNTFRQ)')
        if not 1 <= board.timebase <= MAX_TIMEBASE:
            raise ctx.error(rec.line_of('timebase'), 'timebase', 'must be between 1 and %d Hz'
                            % MAX_TIMEBASE)
    if rec.has('colors') and not 1 <= board.colors <= MAX_COLORS:
        raise ctx.error(rec.line_of('colors'), 'colors', 'must be between 1 and %d' % MAX_COLORS)
    _check_cache(board, ctx)
    if rec.has('cpu_ids'):
        _check_cpu_ids(board, ctx)
    if not board.banks:
        raise ctx.error(rec.line, 'memory', 'the board has no memory block; add memory ram '
                        '{ base = ... size = ... }')
    for group in (board.banks, board.reserved, list(board.devices.values())):
        seen = {}
        for win in group:
            wctx = ctx.sub("%s '%s'" % (win.kind, win.name))
            if win.name in seen:
                raise wctx.error(win.line, '', 'duplicate name, first used at line %d'
                                 % seen[win.name].line)
            for field in ('base', 'size'):
                _need(win.rec, wctx, field, 'every %s needs base and size' % win.kind)
            if win.size == 0:
                raise wctx.error(win.rec.line_of('size'), 'size', 'must not be zero')
            for other in seen.values():
                if win.base < other.end and other.base < win.end:
                    raise wctx.error(win.rec.line_of('base'), 'base', '%s overlaps %s \'%s\' (%s, '
                                     'line %d)' % (span(win.base, win.size), other.kind,
                                                   other.name, span(other.base, other.size),
                                                   other.line))
            seen[win.name] = win
            _check_reach(board, win, wctx)
    # A device's registers are not RAM: a console or device placed inside a
    # memory bank is a typo the VMs' layouts would otherwise inherit.
    for dev in board.devices.values():
        for bank in board.banks:
            if dev.base < bank.end and bank.base < dev.end:
                raise ctx.sub("device '%s'" % dev.name).error(
                    dev.rec.line_of('base'), 'base', '%s lies in memory \'%s\' (%s, line %d): '
                    'device registers are outside RAM' % (span(dev.base, dev.size), bank.name,
                                                          span(bank.base, bank.size), bank.line))
    irq_owner = {}
    for dev in board.devices.values():
        dctx = ctx.sub("device '%s'" % dev.name)
        for irq, line in dev.rec.get('irqs', []):
            if irq not in board.irqs:
                raise dctx.error(line, 'irqs', 'interrupt %d is not among the board\'s irqs'
                                 % irq)
            if irq in irq_owner:
                raise dctx.error(line, 'irqs', "interrupt %d is also given to device '%s'"
                                 % (irq, irq_owner[irq].name))
            irq_owner[irq] = dev
        if dev.rec.has('slots'):
            _check_slots(dev, dctx)
        if not 0 <= dev.reg_shift <= 3:
            raise dctx.error(dev.rec.line_of('reg_shift'), 'reg_shift', 'must be 0 to 3 '
                             '(registers 1, 2, 4 or 8 bytes apart)')
        if dev.reg_width not in (1, 4):
            raise dctx.error(dev.rec.line_of('reg_width'), 'reg_width', 'must be 1 or 4 (bytes '
                             'per access)')
        if dev.owner == 'console' and board.console is not dev:
            raise dctx.error(dev.rec.line_of('owner'), 'owner', "device '%s' is already the "
                             'console; a board has one console' % board.console.name)


def _check_cache(board, ctx):
    """Checks the optional cache block; the colors follow from it in _derive_colors."""
    rec = board.rec
    caches = rec.blocks('cache')
    if not caches:
        return
    if len(caches) > 1:
        raise ctx.error(caches[1].line, "cache '%s'" % caches[1].name, 'a board describes one '
                        'cache, its last-level one (first at line %d)' % caches[0].line)
    cache = caches[0]
    cctx = ctx.sub("cache '%s'" % cache.name)
    if rec.has('colors'):
        raise cctx.error(cache.line, '', 'the board gives colors = %d too; describe the cache '
                         'or give colors, not both' % board.colors)
    geometry = [f for f in ('size', 'ways', 'line') if cache.has(f)]
    direct = [f for f in ('colors', 'color_size') if cache.has(f)]
    if geometry and direct:
        raise cctx.error(cache.line_of(direct[0]), direct[0], 'give the geometry (size, ways, '
                         'line) or the colors (colors, color_size), not both')
    if not direct and ('size' not in geometry or 'ways' not in geometry):
        raise cctx.error(cache.line, 'size' if 'size' not in geometry else 'ways',
                         'missing; give size and ways (and line), e.g. %s, or colors'
                         % BOARD_SPEC.blocks['cache'].example)
    if direct and 'colors' not in direct:
        raise cctx.error(cache.line, 'colors', 'missing; color_size needs colors, e.g. '
                         'colors = 16  color_size = 4K')
    for field in ('size', 'ways', 'line', 'colors', 'color_size'):
        if cache.has(field) and not _pow2(cache.get(field)):
            raise cctx.error(cache.line_of(field), field, 'must be a power of two')
    if cache.has('line') and cache.has('size') and \
            cache.get('line') * cache.get('ways', 1) > cache.get('size'):
        raise cctx.error(cache.line_of('line'), 'line', 'a way of %s cannot hold one line of %s'
                         % (human(cache.get('size') // cache.get('ways', 1)),
                            human(cache.get('line'))))
    board.cache = cache


def _derive_colors(board, ctx):
    """The one derivation of the colors: how many, and how much consecutive memory each is.

    A page's color is (address / color_size) mod colors. From a geometry, a way
    of the cache (size / ways) is as many colors as it holds pages; more than
    MAX_COLORS are grouped, neighbours together, so a color is then several
    consecutive pages. The hypervisor reads both numbers from board.h."""
    cache = board.cache
    page = board.page_size
    if cache is None:
        if board.colors:
            board.color_size = page
            board.cache_text = '%d colors of %s' % (board.colors, human(page))
        return
    cctx = ctx.sub("cache '%s'" % cache.name)
    if cache.has('colors'):
        colors, size = cache.get('colors'), cache.get('color_size', page)
        if not 1 <= colors <= MAX_COLORS:
            raise cctx.error(cache.line_of('colors'), 'colors', 'must be between 1 and %d'
                             % MAX_COLORS)
        if size % page:
            raise cctx.error(cache.line_of('color_size'), 'color_size', '%s is not a whole '
                             'number of %s pages: a page is the least memory given to a VM'
                             % (human(size), human(page)))
        board.colors, board.color_size = colors, size
        board.cache_text = '%d colors of %s (%s line %d)' % (colors, human(size), board.path,
                                                              cache.line)
        return
    way = cache.get('size') // cache.get('ways')
    raw = max(way // page, 1)
    colors = min(raw, MAX_COLORS)
    board.colors = colors if colors > 1 else 0
    board.color_size = page * (raw // colors)
    board.cache_text = ('%s %d-way%s: a way is %s, %d colors of %s'
                        % (human(cache.get('size')), cache.get('ways'),
                           ', %d-byte lines' % cache.get('line') if cache.has('line') else '',
                           human(way), colors, human(board.color_size))
                        if board.colors else
                        '%s %d-way: a way (%s) is no larger than a %s page, so no colors'
                        % (human(cache.get('size')), cache.get('ways'), human(way), human(page)))
ARM_ARCHES = ('aarch64', 'arm')
# The id of a slot of the hypervisor's CPU table that no CPU has (on Arm,
# bits 24-31 of an MPIDR are outside its affinity fields): a CPU index past
# the board's cpu_ids, which no CPU can be.
NO_CPU_HW_ID = 0xffffffff


def cpu_hw_id(arch, index):
    """The hardware id the hypervisor numbers CPU index by default, when the board gives
    no cpu_ids (asm/mpidr.h on Arm: Aff0 = index mod 16, Aff1 = index / 16; RISC-V: the
    hart id)."""
    if arch in ARM_ARCHES:
        return ((index // 16) << 8) | (index % 16)
    return index


def cpu_hw_ids(board, count):
    """The hardware id of each of the hypervisor's CPU indexes 0..count-1: on Arm, board.hw's
    cpu_ids in their order (index i runs cpu_ids[i]), NO_CPU_HW_ID past them; the default
    numbering when the board lists none. The hypervisor finds its index in this table
    (BOARD_CPU_HW_IDS, generated/board.h)."""
    if board.arch in ARM_ARCHES and board.cpu_ids:
        return [board.cpu_ids[i] if i < len(board.cpu_ids) else NO_CPU_HW_ID
                for i in range(count)]
    return [cpu_hw_id(board.arch, i) for i in range(count)]


def _check_cpu_ids(board, ctx):
    line = board.rec.line_of('cpu_ids')
    seen = set()
    for value, vline in board.rec.get('cpu_ids'):
        if value in seen:
            raise ctx.error(vline, 'cpu_ids', 'hardware id 0x%x is listed twice' % value)
        seen.add(value)
    if board.cpus > len(board.cpu_ids):
        raise ctx.error(board.rec.line_of('cpus'), 'cpus', 'the board runs %d CPUs but cpu_ids '
                        'lists %d hardware ids; give every CPU its id or lower cpus'
                        % (board.cpus, len(board.cpu_ids)))
    if board.arch in ARM_ARCHES:
        for value, vline in board.rec.get('cpu_ids'):
            if value & ~0xff00ffffff:
                raise ctx.error(vline, 'cpu_ids', '0x%x is not an MPIDR affinity (Aff3 in bits '
                                '39-32, Aff2-Aff0 in bits 23-0)' % value)
            if board.arch == 'arm' and value > 0xffffff:
                raise ctx.error(vline, 'cpu_ids', '0x%x has an Aff3, which an AArch32 MPIDR '
                                'does not have' % value)
        return
    # RISC-V numbers its CPUs by hart id: CPU index i is hart i.
    for index in range(board.cpus):
        if index not in board.cpu_ids:
            raise ctx.error(line, 'cpu_ids', 'the hypervisor runs CPU %d as hart %d, which '
                            'cpu_ids does not list; lower cpus to the harts it can number'
                            % (index, index))


def _check_slots(dev, ctx):
    line = dev.rec.line_of('slots')
    if dev.slots < 1 or dev.size % dev.slots:
        raise ctx.error(line, 'slots', '%d slots do not split the window of %s evenly'
                        % (dev.slots, human(dev.size)))
    if len(dev.irqs) != dev.slots:
        raise ctx.error(line, 'slots', '%d slots need %d interrupts, one per slot; irqs lists %d'
                        % (dev.slots, dev.slots, len(dev.irqs)))


# The arm64 Image header's text_offset (arch/arm64/boot.S): U-Boot's booti
# and other Linux-style loaders put the image this far past a 2 MiB boundary.
ARM64_TEXT_OFFSET = 0x80000


def _check_load_address(board, config, ctx):
    """The range the board reserves for the hypervisor starts where it is
    linked (CONFIG_HYP_LOAD_ADDR), or VMs could be placed over it; an arm64
    image a boot loader starts (no boot pen, or a pen the firmware's spin
    table sends the CPUs to) sits where booti puts it."""
    load = config.int('CONFIG_HYP_LOAD_ADDR')
    hyp = next((r for r in board.reserved if r.name == 'hypervisor'), None)
    if load is None or hyp is None:
        return
    if hyp.base != load:
        raise ctx.error(hyp.rec.line_of('base'), 'reserved hypervisor.base',
                        'the hypervisor is reserved at %#x but linked at CONFIG_HYP_LOAD_ADDR '
                        '%#x; make them the same' % (hyp.base, load))
    if (board.arch == 'aarch64' and config.bool('CONFIG_MMU')
            and (not config.bool('CONFIG_ARM_BOOT_PEN') or config.bool('CONFIG_ARM_SPIN_TABLE'))
            and (load - ARM64_TEXT_OFFSET) % 0x200000):
        raise ctx.error(hyp.rec.line_of('base'), 'reserved hypervisor.base',
                        '%#x is not %#x past a 2 MiB boundary, where U-Boot\'s booti puts an '
                        'arm64 Image (its header\'s text_offset); CONFIG_HYP_LOAD_ADDR and this '
                        'base must be' % (load, ARM64_TEXT_OFFSET))


def apply_config(board, config):
    """Checks the board against the Kconfig choices and fixes the alignment rule."""
    ctx = Context(board.path, "board '%s'" % board.name)
    rec = board.rec
    nr_cpus = config.int('CONFIG_NR_CPUS')
    if nr_cpus is not None and board.cpus > nr_cpus:
        raise ctx.error(rec.line_of('cpus'), 'cpus', 'the board has %d CPUs but CONFIG_NR_CPUS '
                        'is %d; raise CONFIG_NR_CPUS to at least %d'
                        % (board.cpus, nr_cpus, board.cpus))
    _check_load_address(board, config, ctx)
    if config.bool('CONFIG_MPU'):
        if not board.mpu_granule:
            raise ctx.error(rec.line, 'mpu_granule', 'CONFIG_MPU is set but the board gives no '
                            'mpu_granule; it is an MMU board, select CONFIG_MMU')
        board.mode, board.align = 'mpu', board.mpu_granule
    elif config.bool('CONFIG_MMU') or board.page_size:
        if not board.page_size:
            raise ctx.error(rec.line, 'page_size', 'CONFIG_MMU is set but the board gives no '
                            'page_size; it is an MPU board, select CONFIG_MPU')
        board.mode, board.align = 'mmu', board.page_size
    else:
        board.mode, board.align = 'mpu', board.mpu_granule
    board.coloring = config.bool('CONFIG_CACHE_COLORING')
    if board.mode == 'mmu':
        _derive_colors(board, ctx)
    elif board.colors or board.cache:
        # Cache coloring needs page-granular second-stage mapping; an MPU maps
        # each region whole at its own address, so no VM gets colored memory.
        board.cache_text = 'not used: the MPU back end cannot color memory'
        board.colors = 0
