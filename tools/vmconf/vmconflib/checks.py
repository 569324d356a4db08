# SPDX-License-Identifier: Apache-2.0
# Semantic checks of a layout against the board and the Kconfig choices, VM by VM in file order;
# each independent error is recorded and what depends on it skipped.

import os

from .errors import Collector, VmconfError
from . import colors as cache_colors
from .preload import check_preload
from .units import hexa, human, intset, span

LIMIT = 1 << 64


def _aligned(ctx, rec, field, value, board):
    if value % board.align:
        raise ctx.error(rec.line_of(field), field, '%s is not aligned to the %s; round it to %s'
                        % (hexa(value), board.align_text(),
                           hexa((value + board.align - 1) // board.align * board.align)))


# The checks of one VM, in order: (name, check, fields it reads, checks it builds on).
# A check runs only if the fields it reads were accepted and the checks it builds on
# passed: a mistake is reported once, not again by every check that uses its value.
VM_CHECKS = (
    ('cpus', lambda vm, ctx: _check_cpus(vm, ctx.board, ctx.state), {'cpus'}, ()),
    ('regions', lambda vm, ctx: _check_regions(vm, ctx.board, ctx.config), {'memory'}, ()),
    ('colors', lambda vm, ctx: cache_colors.check_vm(vm, ctx.board, ctx.config),
     {'colors', 'share_colors', 'memory'}, ('regions',)),
    ('devices', lambda vm, ctx: _check_devices(vm, ctx.board, ctx.state), {'device', 'dma'},
     ()),
    ('dma', lambda vm, ctx: _check_dma_trust(vm, ctx.board), {'dma', 'device'}, ('devices',)),
    ('shmaps', lambda vm, ctx: _check_shmaps(vm, ctx.layout, ctx.board), {'shmem'}, ()),
    ('gpio', lambda vm, ctx: _check_ipc_gpio(vm, ctx.board, ctx.config), {'shmem'}, ('shmaps',)),
    ('console', lambda vm, ctx: _check_console(vm, ctx.board, ctx.state), {'console'}, ()),
    ('space', lambda vm, ctx: _check_guest_space(vm, ctx.board),
     {'memory', 'device', 'shmem', 'console'}, ('regions', 'devices', 'shmaps', 'gpio', 'console')),
    ('imsic', lambda vm, ctx: _check_imsic(vm, ctx.board, ctx.config, ctx.state),
     {'cpus', 'memory', 'device', 'shmem', 'console'}, ('cpus', 'space')),
    ('irqs', lambda vm, ctx: _check_irqs(vm, ctx.board, ctx.state),
     {'irqs', 'device', 'console', 'shmem'}, ('devices', 'console')),
    ('interrupts', lambda vm, ctx: _check_direct(vm, ctx.board, ctx.config, ctx.state),
     {'interrupts', 'console', 'shmem'}, ('shmaps', 'irqs')),
    ('image', lambda vm, ctx: _check_image(vm), {'image', 'load', 'memory'}, ('regions',)),
    ('addresses', lambda vm, ctx: _check_addresses(vm),
     {'entry', 'dtb', 'bootargs', 'initrd', 'memory', 'image', 'load'}, ('regions', 'image')),
    ('preload', lambda vm, ctx: check_preload(vm, ctx.board, ctx.config),
     {'preload', 'image', 'initrd'}, ('image', 'addresses')),
)


class _Run:
    """What the checks of one layout share."""

    def __init__(self, layout, board, config):
        self.layout = layout
        self.board = board
        self.config = config
        self.state = {'cpus': {}, 'devices': {}, 'irqs': {}, 'passthrough': None}


def check_layout(layout, board, config, errors=None):
    """Checks every VM and shared object; records each independent error in errors.

    Without a collector the errors found are raised together at the end."""
    own = errors is None
    if own:
        errors = Collector()
    _check_all(layout, board, config, errors)
    if own:
        errors.raise_if_any()


def _check_all(layout, board, config, errors):
    if not layout.vms:
        if not layout.incomplete:
            errors.add(VmconfError(layout.path, 1, None, 'vm', 'the layout has no vm block; add '
                                   'one, e.g. vm NAME { cpus = [0] ... }'))
        return
    _check_shmems(layout, board, errors)
    cache_colors.check_others(layout, board, config, errors)
    run = _Run(layout, board, config)
    names = {}
    max_vms = config.int('CONFIG_MAX_VMS', 8)
    for vm in layout.vms:
        vm.passed = set()
        if vm.name in names:
            errors.add(vm.ctx.error(vm.line, 'name', 'duplicate VM name, first defined at line %d'
                                    % names[vm.name].line))
            vm.rec.bad.add('name')
            continue
        names[vm.name] = vm
        if vm.index == max_vms:  # once: the VMs after it are over the limit for the same reason
            errors.add(vm.ctx.error(vm.line, 'name', 'this is VM number %d but CONFIG_MAX_VMS is '
                                    '%d; remove a VM or raise CONFIG_MAX_VMS'
                                    % (vm.index + 1, max_vms)))
        if any(not getattr(layout.shmem_by_name.get(m.name), 'checked', True)
               for m in vm.shmaps):
            vm.rec.bad.add('shmem')  # it maps an object that was refused: its size is unknown
        for name, check, fields, needs in VM_CHECKS:
            if fields & vm.rec.bad or any(n not in vm.passed for n in needs):
                continue
            if errors.attempt(check, vm, run):
                vm.passed.add(name)
    if not layout.incomplete:
        cache_colors.check_sharing(layout, board, errors)
        cache_colors.check_supply(layout, board, errors)
    sure = _sure_shmems(layout)
    _check_ipc_events(layout, sure, errors)
    for shmem in layout.shmems:
        if shmem.name not in sure:
            continue
        if not shmem.users:
            errors.add(shmem.ctx.error(shmem.line, '', 'declared but not mapped by any VM; map it '
                                       'in at least two VMs or remove it'))
        elif len(shmem.users) == 1:
            errors.add(shmem.ctx.error(shmem.line, '', "used by vm '%s' only; a shared object "
                                       'needs at least two VMs: map it in another VM or use a '
                                       'memory region' % shmem.users[0].name))


def _sure_shmems(layout):
    """Shared objects whose every mapping was checked: only these are counted across VMs.

    A mapping that was refused may be a misspelt name of any object, so then none is."""
    if layout.incomplete:
        return set()
    for vm in layout.vms:
        if 'shmaps' not in vm.passed or 'gpio' not in vm.passed:
            return set()
    return {s.name for s in layout.shmems if s.checked}


GPIO_LINES = 4      # a GPIO doorbell controller: events 0-3 in, 0-3 out
IPC_MAX_MAPS = 16   # include/bulwark/ipc.h: shared-memory mappings of one VM
IPC_MAX_EVENTS = 32 # include/bulwark/ipc.h: events of one IPC object
GPIO_SIZE = 0x1000  # one PL061


def _check_ipc_events(layout, sure, errors):
    """An IPC object (a shmem with doorbells) has the same events in every VM.

    A VM with gpio takes its events from the others: one line per event."""
    for shmem in layout.shmems:
        if shmem.name in sure:
            errors.attempt(_check_object_events, layout, shmem)


def _check_object_events(layout, shmem):
    maps = [(vm, m) for vm in layout.vms for m in vm.shmaps if m.name == shmem.name]
    plain = [(vm, m) for vm, m in maps if m.gpio is None]
    counts = {len(m.doorbells) for _, m in plain}
    if len(counts) > 1:
        vm, m = plain[-1]
        first_vm, first = plain[0]
        raise vm.ctx.error(m.line, "shmem '%s'.doorbells" % m.name,
                           "%d doorbells, but vm '%s' has %d (line %d); an IPC object has one "
                           'doorbell per event in every VM that maps it'
                           % (len(m.doorbells), first_vm.name, len(first.doorbells),
                              first.line))
    events = counts.pop() if counts else 1
    if events > IPC_MAX_EVENTS:
        vm, m = plain[0]
        raise vm.ctx.error(m.line, "shmem '%s'.doorbells" % m.name,
                           '%d doorbells, but an IPC object carries at most %d events'
                           % (events, IPC_MAX_EVENTS))
    for vm, m in maps:
        m.events = len(m.doorbells) if m.gpio is None else events
        if m.gpio is not None and events > GPIO_LINES:
            raise vm.ctx.error(m.rec.line_of('gpio'), "shmem '%s'.gpio" % m.name,
                               'the object has %d events but a GPIO doorbell controller '
                               'carries at most %d' % (events, GPIO_LINES))


def _check_ipc_gpio(vm, board, config):
    """gpio: a virtual PL061 carries the VM's events; its one interrupt is the doorbell."""
    for smap in vm.shmaps:
        if smap.gpio is None:
            continue
        ctx, rec, field = smap.ctx, smap.rec, 'gpio'
        line = rec.line_of('gpio')
        if not config.bool('CONFIG_IPC_GPIO'):
            raise ctx.error(line, field, 'GPIO doorbells need CONFIG_IPC_GPIO (an Arm board with '
                            'a virtual console); enable it or remove gpio')
        _aligned(ctx, rec, 'gpio', smap.gpio, board)
        if len(smap.doorbells) != 1:
            raise ctx.error(rec.line_of('doorbells'), 'doorbells', 'with gpio the VM gets one interrupt, the GPIO controller\'s: give '
                            'exactly one, e.g. doorbells = [100]')


def _check_shmems(layout, board, errors):
    seen = {}
    for shmem in layout.shmems:
        shmem.checked = False
        if shmem.name in seen:
            errors.add(shmem.ctx.error(shmem.line, '', 'duplicate shared-memory object, first '
                                       'declared at line %d' % seen[shmem.name].line))
            continue
        seen[shmem.name] = shmem
        if not shmem.rec.bad:
            shmem.checked = errors.attempt(_check_shmem, shmem, board)
    layout.shmem_by_name = seen


def _check_shmem(shmem, board):
    ctx, rec = shmem.ctx, shmem.rec
    if not rec.has('size'):
        raise ctx.error(shmem.line, 'size', 'missing; give the object a size, e.g. size = 64K')
    _size(ctx, rec, shmem.size, board)
    if shmem.fixed:
        _aligned(ctx, rec, 'phys', shmem.phys, board)


def _size(ctx, rec, size, board):
    if size == 0:
        raise ctx.error(rec.line_of('size'), 'size', 'must not be zero')
    _aligned(ctx, rec, 'size', size, board)


def _check_cpus(vm, board, state):
    rec, ctx = vm.rec, vm.ctx
    if not rec.has('cpus'):
        raise ctx.error(vm.line, 'cpus', 'missing; a VM needs at least one CPU, e.g. cpus = [0]')
    if not rec.get('cpus'):
        raise ctx.error(rec.line_of('cpus'), 'cpus', 'empty; a VM needs at least one CPU')
    mine = {}
    for cpu, line in rec.get('cpus'):
        if cpu >= board.cpus:
            raise ctx.error(line, 'cpus', 'CPU %d does not exist; the board has CPUs 0-%d'
                            % (cpu, board.cpus - 1))
        if cpu in mine:
            raise ctx.error(line, 'cpus', 'CPU %d is listed twice' % cpu)
        if mine and cpu < max(mine):
            raise ctx.error(line, 'cpus', 'list CPUs in ascending order (vCPU n runs on the n-th '
                            'lowest CPU); CPU %d comes after CPU %d' % (cpu, max(mine)))
        if cpu in state['cpus']:
            other, oline = state['cpus'][cpu]
            raise ctx.error(line, 'cpus', "CPU %d already belongs to vm '%s' (line %d); a CPU "
                            'runs one VM only' % (cpu, other.name, oline))
        mine[cpu] = line
    for cpu, line in mine.items():
        state['cpus'][cpu] = (vm, line)


def _check_regions(vm, board, config):
    if not vm.regions:
        raise vm.ctx.error(vm.line, 'memory', 'missing; a VM needs at least one memory region, '
                           'e.g. memory ram { guest = 0x80000000  size = 16M }')
    seen = {}
    for region in vm.regions:
        ctx, rec = region.ctx, region.rec
        if region.name in seen:
            raise ctx.error(region.line, '', 'duplicate region name, first defined at line %d'
                            % seen[region.name].line)
        seen[region.name] = region
        for field, hint in (('guest', 'guest = 0x80000000'), ('size', 'size = 16M')):
            if not rec.has(field):
                raise ctx.error(region.line, field, 'missing; e.g. %s' % hint)
        _size(ctx, rec, region.size, board)
        _aligned(ctx, rec, 'guest', region.guest, board)
        if region.guest + region.size > LIMIT:
            raise ctx.error(rec.line_of('size'), 'size', 'the region runs past the end of the '
                            'address space')
        if region.fixed:
            _aligned(ctx, rec, 'phys', region.phys, board)
        if rec.has('colors'):
            cache_colors.check_list(ctx, rec, 'colors', board, config)


def _free_devices(board):
    names = [d.name for d in board.devices.values() if not d.owner]
    return ', '.join(names) if names else 'none'


def _check_devices(vm, board, state):
    seen = {}
    for dev in vm.devices:
        ctx, field = vm.ctx, "device '%s'" % dev.name
        if dev.name in seen:
            raise ctx.error(dev.line, field, 'listed twice in this VM (first at line %d)'
                            % seen[dev.name].line)
        seen[dev.name] = dev
        hw = board.devices.get(dev.name)
        if hw is None:
            raise ctx.error(dev.line, field, "the board has no device '%s'; devices free for "
                            'pass-through: %s' % (dev.name, _free_devices(board)))
        if hw.owner == 'hypervisor':
            raise ctx.error(dev.line, field, 'owned by the hypervisor (owner = hypervisor in %s) '
                            'and never passed through; remove it' % board.path)
        if hw.owner == 'console':
            raise ctx.error(dev.line, field, 'the hypervisor console UART (owner = console in %s) '
                            'cannot be listed as a device; use console = passthrough instead'
                            % board.path)
        if dev.name in state['devices']:
            other, oline = state['devices'][dev.name]
            raise ctx.error(dev.line, field, "already passed through to vm '%s' (line %d); a "
                            'device belongs to one VM only' % (other.name, oline))
        if hw.base % board.align or hw.size % board.align:
            raise ctx.error(dev.line, field, 'its window %s is not whole pages of the %s, and a '
                            'VM is mapped in whole pages: it cannot be passed through alone'
                            % (span(hw.base, hw.size), board.align_text()))
        _check_dma(vm, dev, hw, board)
        dev.board = hw
        if dev.guest is None:
            dev.guest = hw.base
        elif (dev.guest - hw.base) % board.align:
            raise ctx.error(dev.rec.line_of('guest'), field + '.guest', '%s must have the same '
                            'offset within a %s as the device\'s physical base %s'
                            % (hexa(dev.guest), board.align_text(), hexa(hw.base)))
        if dev.guest + hw.size > LIMIT:
            raise ctx.error(dev.rec.line_of('guest'), field + '.guest', 'the window runs past '
                            'the end of the address space')
        state['devices'][dev.name] = (vm, dev.line)


def _check_dma(vm, dev, hw, board):
    """A bus master reaches all physical memory: only a VM the layout trusts with that gets one."""
    field = "device '%s'" % dev.name
    if dev.iommu is not None:
        raise vm.ctx.error(dev.rec.line_of('iommu'), field + '.iommu', "binds the device to "
                           "IOMMU '%s', but Bulwark programs no IOMMU on board '%s' yet: no "
                           'device\'s DMA can be confined; remove iommu (and add dma = trusted '
                           'to the VM only if it may read and write all memory)'
                           % (dev.iommu, board.name))
    if hw.dma_master and not vm.dma_trusted:
        raise vm.ctx.error(dev.line, field, 'can master the bus (dma = master in %s): its DMA '
                           'reaches all physical memory, the hypervisor\'s and other VMs\' '
                           'included, and no IOMMU confines it; add dma = trusted to the VM if '
                           'it may do that, or remove the device' % board.path)


def _check_dma_trust(vm, board):
    """dma = trusted must be needed: the banner and vmconf-show name the devices it is for."""
    if vm.dma_trusted and not any(d.board.dma_master for d in vm.devices):
        raise vm.ctx.error(vm.rec.line_of('dma'), 'dma', 'trusted, but none of the VM\'s '
                           'devices can master the bus (dma = master in %s); remove dma = '
                           'trusted' % board.path)


def _check_shmaps(vm, layout, board):
    seen = {}
    for index, smap in enumerate(vm.shmaps):
        ctx, rec = smap.ctx, smap.rec
        if index == IPC_MAX_MAPS:
            raise ctx.error(smap.line, '', 'a VM maps at most %d shared-memory objects; merge some '
                            'of them' % IPC_MAX_MAPS)
        shmem = layout.shmem_by_name.get(smap.name)
        if shmem is None:
            declared = ', '.join(layout.shmem_by_name) or 'none'
            raise ctx.error(smap.line, '', "no shared-memory object '%s' is declared (declared: "
                            '%s); add a top-level shmem %s { size = ... }'
                            % (smap.name, declared, smap.name))
        if smap.name in seen:
            raise ctx.error(smap.line, '', 'mapped twice by this VM (first at line %d)'
                            % seen[smap.name].line)
        seen[smap.name] = smap
        if not rec.has('guest'):
            raise ctx.error(smap.line, 'guest', 'missing; say where the VM sees it, e.g. '
                            'guest = 0x88000000')
        _aligned(ctx, rec, 'guest', smap.guest, board)
        if smap.guest + shmem.size > LIMIT:
            raise ctx.error(rec.line_of('guest'), 'guest', 'the window runs past the end of the '
                            'address space')
        smap.shmem = shmem
        shmem.users.append(vm)


def _check_console(vm, board, state):
    if vm.console != 'passthrough':
        return
    line = vm.rec.line_of('console')
    hw = board.console
    if hw is None:
        raise vm.ctx.error(line, 'console', 'the board has no console UART (no device with owner '
                           '= console); use console = virtual or none')
    if state['passthrough']:
        other = state['passthrough']
        raise vm.ctx.error(line, 'console', "vm '%s' already has the physical UART (line %d); "
                           'only one VM can have console = passthrough, use virtual'
                           % (other.name, other.rec.line_of('console')))
    state['passthrough'] = vm


def _windows(vm, board):
    """Every window of the VM's guest address space: (base, size, description, line, field)."""
    out = []
    for r in vm.regions:
        out.append((r.guest, r.size, "memory '%s'" % r.name, r.rec.line_of('guest'),
                    "memory '%s'.guest" % r.name))
    for d in vm.devices:
        out.append((d.guest, d.board.size, "device '%s'" % d.name, d.rec.line_of('guest'),
                    "device '%s'" % d.name if not d.rec.has('guest') else
                    "device '%s'.guest" % d.name))
    for s in vm.shmaps:
        out.append((s.guest, s.shmem.size, "shmem '%s'" % s.name, s.rec.line_of('guest'),
                    "shmem '%s'.guest" % s.name))
        if s.gpio is not None:
            out.append((s.gpio, GPIO_SIZE, "shmem '%s' GPIO controller" % s.name,
                        s.rec.line_of('gpio'), "shmem '%s'.gpio" % s.name))
    if vm.console == 'passthrough':
        hw = board.console
        out.append((hw.base, hw.size, "the console UART '%s'" % hw.name,
                    vm.rec.line_of('console'), 'console'))
    elif vm.console in ('virtual', 'polled') and board.console is not None:
        # The model of the board's UART (PL011, 16550) answers at the console's address.
        hw = board.console
        out.append((hw.base, hw.size, "the virtual UART (console = virtual)",
                    vm.rec.line_of('console'), 'console'))
    return out


def _check_guest_space(vm, board):
    seen = []
    for base, size, what, line, field in _windows(vm, board):
        for obase, osize, owhat, oline, _ in seen:
            if base < obase + osize and obase < base + size:
                raise vm.ctx.error(line, field, '%s at %s overlaps %s at %s (line %d) in the '
                                   "VM's guest address space; move one of them"
                                   % (what, span(base, size), owhat, span(obase, osize), oline))
        seen.append((base, size, what, line, field))


def imsic_guest_pages(vm, board):
    """Under CONFIG_IRQCHIP_AIA: (guest address, host address) of each vCPU's guest file page.

    vCPU n finds its file where the board's S-level IMSIC of hart n is, so the
    guest sees an IMSIC with the board's hart stride; the page is guest file 1
    of the hart the vCPU runs on (drivers/irqchip/imsic.h, IMSIC_VGEIN)."""
    imsic = board.devices['imsic']
    stride = imsic.size // board.cpus
    cpus = [cpu for cpu, _ in vm.rec.get('cpus')]
    return [(imsic.base + n * stride, imsic.base + cpu * stride + IMSIC_PAGE)
            for n, cpu in enumerate(cpus)]


IMSIC_PAGE = 0x1000


def _check_imsic(vm, board, config, state):
    """CONFIG_IRQCHIP_AIA: an IMSIC with a guest interrupt file for every VM on each hart."""
    if not config.bool('CONFIG_IRQCHIP_AIA'):
        return
    line = vm.rec.line_of('cpus')
    imsic = board.devices.get('imsic')
    if imsic is None:
        raise vm.ctx.error(line, 'cpus', "CONFIG_IRQCHIP_AIA gives each vCPU a guest interrupt "
                           "file of its hart's IMSIC, but board '%s' has no IMSIC (no device "
                           "imsic in %s); choose the PLIC or the APLIC in direct delivery"
                           % (board.name, board.path))
    per_hart = state.setdefault('imsic', {})
    for cpu, cline in vm.rec.get('cpus'):
        users = per_hart.setdefault(cpu, [])
        users.append(vm)
        if len(users) > board.imsic_guest_files:
            others = ', '.join("vm '%s'" % u.name for u in users[:-1])
            raise vm.ctx.error(cline, 'cpus', "CPU %d's IMSIC has %d guest interrupt file%s "
                               '(imsic_guest_files in %s) and each VM on a hart needs one%s'
                               % (cpu, board.imsic_guest_files,
                                  '' if board.imsic_guest_files == 1 else 's', board.path,
                                  '; %s already takes it' % others if others else ''))
    for gpa, _ in imsic_guest_pages(vm, board):
        for base, size, what, wline, field in _windows(vm, board):
            if base < gpa + IMSIC_PAGE and gpa < base + size:
                raise vm.ctx.error(wline, field, "%s at %s overlaps the VM's IMSIC guest "
                                   'interrupt file at %s; move it'
                                   % (what, span(base, size), span(gpa, IMSIC_PAGE)))


def _check_irqs(vm, board, state):
    """Collects the VM's interrupts: its devices', the console's, then extra irqs."""
    owner = state['irqs']
    mine = {}
    sources = [(d.board, d.line, "device '%s'" % d.name) for d in vm.devices]
    if vm.console == 'passthrough':
        sources.append((board.console, vm.rec.line_of('console'), 'console'))
    for hw, line, field in sources:
        for irq in hw.irqs:
            if irq in owner:
                other, oline, how = owner[irq]
                raise vm.ctx.error(line, field, "interrupt %d of device '%s' already belongs to "
                                   "vm '%s' (%s, line %d)" % (irq, hw.name, other.name, how, oline))
            mine[irq] = (line, "device '%s'" % hw.name)
    dev_of = {irq: dev for dev in board.devices.values() for irq in dev.irqs}
    extra = set()
    for irq, line in vm.rec.get('irqs', []):
        if irq not in board.irqs:
            raise vm.ctx.error(line, 'irqs', 'interrupt %d does not exist on this board; it has '
                               '%s' % (irq, intset(board.irqs)))
        if irq in extra:
            raise vm.ctx.error(line, 'irqs', 'interrupt %d is listed twice' % irq)
        if irq in mine:
            raise vm.ctx.error(line, 'irqs', 'interrupt %d already comes with %s (line %d); '
                               'remove it from irqs' % (irq, mine[irq][1], mine[irq][0]))
        hw = dev_of.get(irq)
        if hw is not None and hw.owner:
            raise vm.ctx.error(line, 'irqs', "interrupt %d belongs to device '%s', owned by the %s"
                               % (irq, hw.name, hw.owner))
        if irq in owner:
            other, oline, how = owner[irq]
            raise vm.ctx.error(line, 'irqs', "interrupt %d already belongs to vm '%s' (%s, line "
                               '%d); an interrupt goes to one VM only'
                               % (irq, other.name, how, oline))
        extra.add(irq)
        mine[irq] = (line, 'irqs')
    for irq, (line, how) in mine.items():
        owner[irq] = (vm, line, how)
    vm.irqs = sorted(mine)
    _check_doorbells(vm, board, mine, dev_of)


def _check_doorbells(vm, board, mine, dev_of):
    """Doorbells are virtual interrupts of the VM: numbers its controller has, unused."""
    used = {}
    for smap in vm.shmaps:
        field = "shmem '%s'.doorbells" % smap.name
        for irq, line in smap.doorbells:
            if irq not in board.irqs:
                raise vm.ctx.error(line, field, 'interrupt %d does not exist on this board; it '
                                   'has %s' % (irq, intset(board.irqs)))
            if irq in mine:
                raise vm.ctx.error(line, field, 'interrupt %d already comes with %s (line %d); '
                                   'a doorbell needs an interrupt of its own'
                                   % (irq, mine[irq][1], mine[irq][0]))
            if irq in dev_of:
                raise vm.ctx.error(line, field, "interrupt %d is device '%s''s; pick one no "
                                   'device of the board uses' % (irq, dev_of[irq].name))
            if irq in used:
                raise vm.ctx.error(line, field, 'interrupt %d is already a doorbell (line %d)'
                                   % (irq, used[irq]))
            used[irq] = line


def _check_direct(vm, board, config, state):
    """interrupts = direct: a GICv3, and no interrupt that only the hypervisor can make pending.

    The VM's CPUs take physical Group 1 interrupts at EL1 with HCR_EL2.IMO clear, so
    no virtual interrupt (list register) can reach them: a virtual device's interrupt
    would never arrive. Its doorbells become physical SPIs, owned like its devices'."""
    if not vm.direct:
        return
    line = vm.rec.line_of('interrupts')
    if not config.bool('CONFIG_IRQCHIP_GICV3'):
        chip = ('a GICv2 (CONFIG_IRQCHIP_GICV2)' if config.bool('CONFIG_IRQCHIP_GICV2')
                else 'a PLIC (CONFIG_IRQCHIP_PLIC)' if config.bool('CONFIG_IRQCHIP_PLIC')
                else 'an APLIC (CONFIG_IRQCHIP_APLIC)' if config.bool('CONFIG_IRQCHIP_APLIC')
                else 'no GIC')
        raise vm.ctx.error(line, 'interrupts', 'direct delivery needs a GICv3 '
                           '(CONFIG_IRQCHIP_GICV3) but this build has %s; use interrupts = '
                           'virtual' % chip)
    if board.arch != 'aarch64':
        raise vm.ctx.error(line, 'interrupts', "direct delivery is implemented for AArch64 "
                           "only; board '%s' is %s: use interrupts = virtual"
                           % (board.name, board.arch))
    if vm.console == 'virtual' and config.bool('CONFIG_VUART'):
        raise vm.ctx.error(line, 'interrupts', 'direct delivery cannot carry the virtual '
                           "UART's interrupt (console = virtual, line %d); use console = "
                           'polled (the virtual UART without its interrupt), passthrough or '
                           'none' % vm.rec.line_of('console'))
    for smap in vm.shmaps:
        if smap.gpio is not None:
            raise vm.ctx.error(line, 'interrupts', "direct delivery cannot carry the "
                               "interrupt of shmem '%s''s virtual GPIO controller (gpio, line "
                               '%d); remove gpio to get its doorbells as physical interrupts'
                               % (smap.name, smap.rec.line_of('gpio')))
    owner = state['irqs']
    for smap in vm.shmaps:
        for irq, bell_line in smap.doorbells:
            if irq in owner and owner[irq][0] is not vm:
                other, oline, how = owner[irq]
                raise vm.ctx.error(bell_line, "shmem '%s'.doorbells" % smap.name,
                                   "interrupt %d already belongs to vm '%s' (%s, line %d); a "
                                   'direct VM\'s doorbells are physical interrupts of its own'
                                   % (irq, other.name, how, oline))
            owner[irq] = (vm, bell_line, "shmem '%s'.doorbells" % smap.name)


ARM64_IMAGE_MAGIC = b'ARM\x64'   # at offset 0x38 of a Linux arm64 Image
LINUX_ALIGN = 2 << 20               # an arm64 Image goes at 2 MiB + text_offset


def linux_arm64_header(path):
    """(text_offset, image_size) of a Linux arm64 Image, or None for other images."""
    with open(path, 'rb') as f:
        head = f.read(64)
    if len(head) < 64 or head[0x38:0x3c] != ARM64_IMAGE_MAGIC:
        return None
    return int.from_bytes(head[8:16], 'little'), int.from_bytes(head[16:24], 'little')


ZIMAGE_MAGIC = 0x016f2818          # at offset 0x24 of a Linux arm (32-bit) zImage
ZIMAGE_TABLE_MAGIC = 0x45454545    # at 0x34; the word at 0x38 is the offset of its table
ZIMAGE_KLSZ = 0x5a534c4b           # the table's tag for the decompressed kernel's sizes
ZIMAGE_ZRELADDR_ALIGN = 128 << 20  # AUTO_ZRELADDR: the kernel goes to the 128 MiB boundary below
ZIMAGE_TEXT_OFFSET = 0x8000        # ... plus TEXT_OFFSET (this when the table does not say)
ZIMAGE_SLACK = 64 << 10            # the decompressor's stack and alignment, past its heap


def _le32(data, offset):
    return int.from_bytes(data[offset:offset + 4], 'little') if offset + 4 <= len(data) else None


def linux_zimage_layout(path):
    """(text_offset, claim) of a Linux zImage, or None for other images.

    claim: how many bytes from the 128 MiB boundary below the load address the zImage
    uses at worst: TEXT_OFFSET, the decompressed kernel and its bss, and the zImage
    itself with its heap moved above them (it moves when it overlaps the kernel).
    Without the size table (kernels before 3.x) only the file is known: claim 0."""
    with open(path, 'rb') as f:
        data = f.read()
    if _le32(data, 0x24) != ZIMAGE_MAGIC:
        return None
    table = _le32(data, 0x38) if _le32(data, 0x34) == ZIMAGE_TABLE_MAGIC else None
    words = [_le32(data, table + 4 * i) for i in range(6)] if table else []
    if len(words) < 4 or None in words[:4] or words[1] != ZIMAGE_KLSZ or words[0] & 0xffff < 4:
        return ZIMAGE_TEXT_OFFSET, 0
    inflated = _le32(data, words[2])
    if inflated is None:
        return ZIMAGE_TEXT_OFFSET, 0
    count = words[0] & 0xffff
    text_offset = words[4] if count >= 5 and words[4] is not None else ZIMAGE_TEXT_OFFSET
    heap = words[5] if count >= 6 and words[5] is not None else 0
    return text_offset, text_offset + inflated + words[3] + len(data) + heap + ZIMAGE_SLACK


def _file_size(vm, field, path):
    """The size of a guest file the layout names in field; it must exist and not be empty."""
    line = vm.rec.line_of(field)
    if not os.path.isfile(path):
        raise vm.ctx.error(line, field, "%s '%s' not found: build it first or fix the path"
                           % (field, path))
    size = os.path.getsize(path)
    if size == 0:
        raise vm.ctx.error(line, field, "%s '%s' is empty" % (field, path))
    return size


def _check_image(vm):
    ctx, rec = vm.ctx, vm.rec
    if vm.image is None:
        raise ctx.error(vm.line, 'image', 'missing; name the guest binary, e.g. image = '
                        '"${O}/guests/hello-rv64.bin"')
    line = rec.line_of('image')
    vm.image_size = _file_size(vm, 'image', vm.image)
    linux = linux_arm64_header(vm.image)
    text_offset = linux[0] if linux else 0
    if vm.load is None:
        vm.load = vm.regions[0].guest + text_offset
    region = _region_at(vm, vm.load)
    if region is None:
        raise ctx.error(rec.line_of('load'), 'load', '%s is outside the VM\'s memory (%s)'
                        % (hexa(vm.load), _memory_text(vm)))
    # A Linux Image claims image_size bytes (its bss included), not just the file.
    vm.image_span = max(vm.image_size, linux[1]) if linux else vm.image_size
    if linux and (vm.load - text_offset) % LINUX_ALIGN:
        raise ctx.error(rec.line_of('load'), 'load', "image '%s' is a Linux arm64 Image: it "
                        'must be loaded 0x%x above a 2 MiB boundary, not at %s'
                        % (vm.image, text_offset, hexa(vm.load)))
    zimage = linux_zimage_layout(vm.image) if not linux else None
    if zimage:
        _check_zimage(vm, region, *zimage)
    room = region.guest + region.size - vm.load
    if vm.image_span > room:
        what = '' if vm.image_span == vm.image_size else \
            ' (decompressing its kernel, it needs %s)' % human(vm.image_span) if zimage else \
            ' (its header asks for %s with bss)' % human(vm.image_span)
        raise ctx.error(line, 'image', "image '%s' is %s (%d bytes)%s but memory '%s' has only "
                        '%s from the load address %s; enlarge the region or shrink the image'
                        % (vm.image, human(vm.image_size), vm.image_size, what, region.name,
                           human(room), hexa(vm.load)))


def _check_zimage(vm, region, text_offset, claim):
    """A zImage decompresses its kernel to the 128 MiB boundary at or below it plus
    TEXT_OFFSET (AUTO_ZRELADDR, as every multiplatform kernel, Debian's included):
    that must be in the same memory, and what it claims there counts as the image."""
    ctx, rec = vm.ctx, vm.rec
    base = vm.load // ZIMAGE_ZRELADDR_ALIGN * ZIMAGE_ZRELADDR_ALIGN
    if base < region.guest:
        field = 'load' if rec.has('load') else 'image'
        raise ctx.error(rec.line_of(field), field, "image '%s' is a Linux zImage: it "
                        'decompresses its kernel to %s (the 128 MiB boundary below its load '
                        "address %s, plus 0x%x), outside memory '%s' (%s); load it in the "
                        'first 128 MiB of a region that starts on a 128 MiB boundary'
                        % (vm.image, hexa(base + text_offset), hexa(vm.load), text_offset,
                           region.name, span(region.guest, region.size)))
    vm.zimage = True
    vm.image_span = max(vm.image_size, base + claim - vm.load)


def _region_at(vm, addr):
    for region in vm.regions:
        if region.guest <= addr < region.guest + region.size:
            return region
    return None


def _memory_text(vm):
    return ', '.join('%s %s' % (r.name, span(r.guest, r.size)) for r in vm.regions)


def _check_addresses(vm):
    ctx, rec = vm.ctx, vm.rec
    if vm.entry is None:
        vm.entry = vm.load
    region = _region_at(vm, vm.entry)
    if region is None:
        raise ctx.error(rec.line_of('entry'), 'entry', '%s is outside the VM\'s memory (%s)'
                        % (hexa(vm.entry), _memory_text(vm)))
    if not region.access & 4:
        raise ctx.error(rec.line_of('entry'), 'entry', "%s is in memory '%s', which is not "
                        'executable; add x to its access' % (hexa(vm.entry), region.name))
    if vm.dtb and _region_at(vm, vm.dtb) is None:
        raise ctx.error(rec.line_of('dtb'), 'dtb', '%s is outside the VM\'s memory (%s)'
                        % (hexa(vm.dtb), _memory_text(vm)))
    _check_dtb_auto(vm)
    _check_initrd(vm)


DTB_ROOM = 2 << 20  # dtb = auto: the top 2 MiB of the first region


def _check_dtb_auto(vm):
    """Places a generated device tree in the top 2 MiB of the first region, clear of the image."""
    ctx, rec = vm.ctx, vm.rec
    if not vm.dtb_auto:
        if vm.bootargs is not None:
            raise ctx.error(rec.line_of('bootargs'), 'bootargs', 'only used in a generated '
                            'device tree; add dtb = auto or remove bootargs')
        return
    line, ram = rec.line_of('dtb'), vm.regions[0]
    if ram.size <= DTB_ROOM:
        raise ctx.error(line, 'dtb', "auto puts the device tree in the top 2 MiB of memory '%s' "
                        '(%s), which is only %s; enlarge the region or give an address'
                        % (ram.name, span(ram.guest, ram.size), human(ram.size)))
    vm.dtb = ram.guest + ram.size - DTB_ROOM
    if vm.load < vm.dtb + DTB_ROOM and vm.dtb < vm.load + vm.image_span:
        raise ctx.error(line, 'dtb', "auto puts the device tree at %s (top 2 MiB of memory '%s'), "
                        'which overlaps the image at %s; enlarge the region or load the image '
                        'lower' % (span(vm.dtb, DTB_ROOM), ram.name,
                                   span(vm.load, vm.image_span)))


INITRD_ALIGN = 4096


def _check_initrd(vm):
    """Puts an initrd right below the generated device tree, clear of the image."""
    ctx, rec = vm.ctx, vm.rec
    if vm.initrd is None:
        return
    line = rec.line_of('initrd')
    if not vm.dtb_auto:
        raise ctx.error(line, 'initrd', 'the initrd is announced in the generated device tree; '
                        'add dtb = auto')
    vm.initrd_size = _file_size(vm, 'initrd', vm.initrd)
    ram = vm.regions[0]
    vm.initrd_addr = (vm.dtb - vm.initrd_size) // INITRD_ALIGN * INITRD_ALIGN
    if vm.initrd_addr < max(ram.guest, vm.load + vm.image_span):
        raise ctx.error(line, 'initrd', "initrd '%s' (%s) does not fit in memory '%s' between "
                        'the image (%s) and the device tree at %s; enlarge the region'
                        % (vm.initrd, human(vm.initrd_size), ram.name,
                           span(vm.load, vm.image_span), hexa(vm.dtb)))
