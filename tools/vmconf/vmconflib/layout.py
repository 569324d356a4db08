# SPDX-License-Identifier: Apache-2.0
# Loads a layout file into VM, region, device and shared-memory objects, expanding ${O} and ${srctree}.

import os
import re

from .errors import Context, VmconfError
from .schema import Spec, check_block, require_name
from .syntax import Assign, parse_file

MEMORY_SPEC = Spec('memory', {'guest': 'int', 'size': 'int', 'phys': 'int', 'colors': 'ints',
                              'access': 'access'},
                   example='memory ram { guest = 0x80000000  size = 16M }')
DEVICE_SPEC = Spec('device', {'guest': 'int', 'iommu': 'word'}, example='device rtc')
MAP_SPEC = Spec('shmem', {'guest': 'int', 'access': 'access', 'doorbells': 'ints', 'gpio': 'int'},
                example='shmem chan { guest = 0x88000000 }')
VM_SPEC = Spec('vm', {
    'cpus': 'ints', 'image': 'str', 'initrd': 'str', 'load': 'int', 'entry': 'int', 'dtb': 'int_or_auto',
    'fault': 'word', 'console': 'word', 'irqs': 'ints', 'bootargs': 'str', 'dma': 'word',
    'interrupts': 'word',
    'preload': 'int', 'colors': 'ints', 'share_colors': 'ints',
}, blocks={'memory': MEMORY_SPEC, 'device': DEVICE_SPEC, 'shmem': MAP_SPEC},
    example='vm NAME { ... }',
    choices={'fault': ('stop', 'inject'),
             'console': ('virtual', 'polled', 'passthrough', 'none'),
             'dma': ('trusted', 'none'), 'interrupts': ('virtual', 'direct')})
SHMEM_SPEC = Spec('shmem', {'size': 'int', 'phys': 'int', 'colors': 'ints'},
                  example='shmem chan { size = 64K }')
# The hypervisor itself: the cache colors its own text, data and tables move to.
HYP_SPEC = Spec('hypervisor', {'colors': 'ints', 'share_colors': 'ints'}, named=False,
                example='hypervisor { colors = [0] }')
TOP_BLOCKS = {'vm': VM_SPEC, 'shmem': SHMEM_SPEC, 'hypervisor': HYP_SPEC}

NAME = re.compile(r'^[A-Za-z0-9_-]+$')


def mask_of(colors):
    """The bit mask of a list of (color, line)."""
    mask = 0
    for color, _ in colors:
        mask |= 1 << color
    return mask


class Region:
    """A guest memory region; phys and footprint are filled in by the allocator."""

    def __init__(self, rec, vm_colors=None):
        self.rec = rec
        self.ctx = rec.ctx
        self.name = rec.name
        self.line = rec.line
        self.guest = rec.get('guest')
        self.size = rec.get('size')
        self.phys = rec.get('phys')
        self.fixed = rec.has('phys')
        # Its own colors, else the VM's (a VM's colors color all its memory).
        self.own_colors = rec.has('colors')
        self.colors = rec.get('colors', []) if self.own_colors else (vm_colors or [])
        self.access = rec.get('access', 7)
        self.runs = []

    @property
    def color_mask(self):
        return mask_of(self.colors)


class DeviceMap:
    """A board device passed through to a VM; board is the board's device."""

    def __init__(self, rec):
        self.rec = rec
        self.ctx = rec.ctx
        self.name = rec.name
        self.line = rec.line
        self.guest = rec.get('guest')
        # iommu = NAME: the IOMMU that confines the device's DMA (checks.py
        # refuses it: the hypervisor programs no IOMMU yet).
        self.iommu = rec.get('iommu')
        self.board = None


class ShmemMap:
    def __init__(self, rec):
        self.rec = rec
        self.ctx = rec.ctx
        self.name = rec.name
        self.line = rec.line
        self.guest = rec.get('guest')
        self.access = rec.get('access', 3)
        # IPC: this VM's doorbell interrupt for each event, in event order.
        self.doorbells = rec.get('doorbells', [])
        # gpio: guest address of a virtual PL061 that carries the events as
        # GPIO lines, for guests that ring and wait from user space.
        self.gpio = rec.get('gpio')
        self.events = len(self.doorbells)  # checks.py: the object's events, gpio or not
        self.shmem = None


class Shmem:
    """A top-level shared-memory object; phys is filled in by the allocator."""

    def __init__(self, rec, index):
        self.rec = rec
        self.ctx = rec.ctx
        self.name = rec.name
        self.line = rec.line
        self.index = index
        self.size = rec.get('size')
        self.phys = rec.get('phys')
        self.fixed = rec.has('phys')
        self.colors = rec.get('colors', [])
        self.users = []
        self.runs = []

    @property
    def color_mask(self):
        return mask_of(self.colors)


class Hypervisor:
    """The layout's hypervisor block: the colors the hypervisor recolors itself to."""

    name = 'hypervisor'

    def __init__(self, rec):
        self.rec = rec
        self.ctx = rec.ctx
        self.line = rec.line
        self.colors = rec.get('colors', [])
        self.share = {c for c, _ in rec.get('share_colors', [])}
        self.size = 0  # of its colored copy, once checks.py accepted the colors
        self.fixed = False
        self.phys = None
        self.runs = []

    @property
    def color_mask(self):
        return mask_of(self.colors)


class Vm:
    def __init__(self, rec, index, image, initrd=None):
        self.rec = rec
        self.ctx = rec.ctx
        self.name = rec.name
        self.line = rec.line
        self.index = index
        self.cpus = [cpu for cpu, _ in rec.get('cpus', [])]
        self.image = image
        self.image_size = None
        self.image_id = None
        # The extent the image claims once running (an arm64 Linux Image's
        # image_size covers its bss too; a zImage decompresses its kernel);
        # checks.py sets it.
        self.image_span = None
        self.zimage = False  # a Linux zImage (checks.py)
        self.initrd = initrd
        self.initrd_size = 0
        self.initrd_addr = None
        self.initrd_id = None
        self.load = rec.get('load')
        self.entry = rec.get('entry')
        # dtb = auto: the build generates the device tree (devicetree.py) and
        # checks.py puts it in the top 2 MiB of the first region.
        self.dtb_auto = rec.get('dtb') == 'auto'
        self.dtb = 0 if self.dtb_auto else rec.get('dtb', 0)
        self.bootargs = rec.get('bootargs')
        self.dtb_path = None
        self.dtb_size = 0
        self.fault = rec.get('fault', 'stop')
        self.console = rec.get('console', 'virtual')
        # dma = trusted: the VM may drive bus-master devices, whose DMA
        # reaches all physical memory (checks.py, Documentation/vm-layout.md).
        self.dma_trusted = rec.get('dma') == 'trusted'
        # interrupts = direct: the VM's CPUs take its physical interrupts at EL1
        # without an exit (GICv3 only; checks.py refuses what it cannot serve).
        self.direct = rec.get('interrupts') == 'direct'
        # colors = [...]: the cache colors of all the VM's memory; share_colors:
        # those of them another VM (or the hypervisor) may use too (checks.py).
        self.colors = rec.get('colors', [])
        self.share = {c for c, _ in rec.get('share_colors', [])}
        self.regions = [Region(r, self.colors) for r in rec.blocks('memory')]
        self.devices = [DeviceMap(r) for r in rec.blocks('device')]
        self.shmaps = [ShmemMap(r) for r in rec.blocks('shmem')]
        # preload = ADDRESS: the boot loader puts the image (and initrd) in RAM
        # from there; preload.py lays them out and checksums them.
        self.preload = rec.get('preload')
        self.preloaded = []
        self.preload_size = 0
        self.irqs = []
        self.table_pages = None  # stage-2 / G-stage table pages, counted by pgtables.py
        self.tables_text = None  # the same for vmconf show

    @property
    def cpu_mask(self):
        mask = 0
        for cpu in self.cpus:
            mask |= 1 << cpu
        return mask


class Layout:
    def __init__(self, path):
        self.path = path
        self.vms = []
        self.shmems = []
        self.order = []
        self.images = []
        self.hypervisor = None  # the hypervisor block, when the layout has one
        # A vm or shmem block was refused: what holds across VMs is not checked.
        self.incomplete = False


def expand(ctx, line, field, text, variables):
    """Replaces ${O} and ${srctree} in a string."""
    def repl(match):
        name = match.group(1)
        if name not in variables:
            raise ctx.error(line, field, 'unknown variable ${%s}; only ${O} and ${srctree} are '
                            'known' % name)
        return variables[name]
    if re.search(r'\$(?!\{[A-Za-z_][A-Za-z0-9_]*\})', text):
        raise ctx.error(line, field, "a '$' must start ${O} or ${srctree}")
    return re.sub(r'\$\{([A-Za-z_][A-Za-z0-9_]*)\}', repl, text)


def load_layout(path, srctree, objtree, errors=None):
    """Parses and structurally checks a layout; semantic checks come later.

    With an error collector every block is checked; a refused vm or shmem block
    is left out and the layout marked incomplete (checks across VMs then hold back)."""
    ctx = Context(path)
    layout = Layout(path)
    variables = {'O': objtree, 'srctree': srctree}
    base_dir = os.path.dirname(os.path.abspath(path))
    for item in parse_file(path, errors):
        try:
            obj = _top_item(item, ctx, path, variables, base_dir, layout, errors)
        except VmconfError as err:
            if errors is None:
                raise
            errors.add(err)
            if not isinstance(item, Assign) and item.kind in TOP_BLOCKS:
                layout.incomplete = True
            continue
        if obj is not None:
            layout.order.append(obj)
    return layout


def _top_item(item, ctx, path, variables, base_dir, layout, errors):
    if isinstance(item, Assign):
        raise ctx.error(item.line, item.key, 'unknown field at top level; allowed here: '
                        'vm and shmem blocks')
    if item.kind not in TOP_BLOCKS:
        raise ctx.error(item.line, item.title(), 'unknown block; allowed here: %s'
                        % ', '.join(TOP_BLOCKS))
    spec = TOP_BLOCKS[item.kind]
    require_name(item, spec, ctx)
    if item.kind == 'hypervisor':
        if layout.hypervisor is not None:
            raise ctx.error(item.line, 'hypervisor', 'a layout has one hypervisor block; the '
                            'first is at line %d' % layout.hypervisor.line)
        layout.hypervisor = Hypervisor(check_block(item, spec, ctx.sub('hypervisor'), errors))
        return None
    if not NAME.match(item.name):
        raise ctx.error(item.line, item.title(), 'names are letters, digits, _ and -')
    if item.kind != 'vm':
        rec = check_block(item, spec, ctx.sub(item.title()), errors)
        if rec.bad:
            layout.incomplete = True
        shmem = Shmem(rec, len(layout.shmems))
        layout.shmems.append(shmem)
        return shmem
    vctx = Context(path, "vm '%s'" % item.name)
    rec = check_block(item, spec, vctx, errors)
    paths = {}
    for field in ('image', 'initrd'):
        if rec.has(field):
            try:
                text = expand(vctx, rec.line_of(field), field, rec.get(field), variables)
            except VmconfError as err:
                if errors is None:
                    raise
                rec.bad.add(field)
                errors.add(err)
                continue
            paths[field] = os.path.normpath(os.path.join(base_dir, text))
    vm = Vm(rec, len(layout.vms), paths.get('image'), paths.get('initrd'))
    layout.vms.append(vm)
    return vm
