# SPDX-License-Identifier: Apache-2.0
# Hardware facts of a board from a device tree, from board.hw and from a reference.facts file, and their comparison.

import os
import re

from fdt import address_cells, regs

# The facts compared: name -> how a value prints.
FACTS = ('memory', 'cpu_ids', 'gicd', 'gicr', 'gicc', 'gich', 'gicv', 'plic', 'clint',
         'console.base', 'console.irqs', 'console.reg_shift', 'console.reg_width',
         'timer_irqs', 'timebase')

GIC_V2 = ('arm,gic-400', 'arm,cortex-a15-gic', 'arm,cortex-a9-gic', 'arm,cortex-a7-gic')
GIC_V3 = ('arm,gic-v3',)
PLIC = ('riscv,plic0', 'sifive,plic-1.0.0')
CLINT = ('riscv,clint0', 'sifive,clint0')
ARM_TIMER = ('arm,armv8-timer', 'arm,armv7-timer')


def fmt(name, value):
    if value is None:
        return 'nothing'
    if name == 'memory':
        return ', '.join('0x%x+0x%x' % r for r in value) or 'none'
    if name in ('console.reg_shift', 'console.reg_width', 'timebase'):
        return '%d' % value
    if isinstance(value, list):
        if name == 'cpu_ids':
            return '[%s]' % ', '.join('0x%x' % v for v in value)
        return '[%s]' % ', '.join('%d' % v for v in value)
    return '0x%x' % value


def _enabled(node):
    status = node.string('status')
    return status in (None, 'okay', 'ok')


def _compatible(node, names):
    return any(c in names for c in node.strings('compatible'))


def _interrupt_parent(fdt, node):
    """The node's interrupt parent as the devicetree specification defines it: its
    interrupt-parent, else its parent, followed until a node with #interrupt-cells (an
    interrupt controller or an interrupt nexus with interrupt-map)."""
    walk = node
    for _ in range(64):
        ph = walk.cells('interrupt-parent')
        parent = fdt.phandles.get(ph[0]) if ph else walk.parent
        if parent is None or parent.has('#interrupt-cells'):
            return parent
        walk = parent
    return None


def _through_maps(fdt, ctrl, node, cells):
    """(controller, specifier) after the interrupt nexuses on the way (interrupt-map, as on
    the Arm FVP's and Versatile Express's motherboard bus); (None, None) when no entry
    matches. The child unit address is the first cells of the device's reg."""
    for _ in range(8):
        table = ctrl.cells('interrupt-map') if ctrl is not None else None
        if not table:
            return ctrl, cells
        ac = (ctrl.cells('#address-cells') or [0])[0]
        ic = (ctrl.cells('#interrupt-cells') or [1])[0]
        reg = (node.cells('reg') or []) if node is not None else []
        child = (list(reg[:ac]) + [0] * ac)[:ac] + list(cells[:ic])
        mask = ctrl.cells('interrupt-map-mask') or [0xffffffff] * (ac + ic)
        key = [c & m for c, m in zip(child, mask)]
        i, found = 0, None
        while i + ac + ic < len(table):
            entry = table[i:i + ac + ic]
            parent = fdt.phandles.get(table[i + ac + ic])
            if parent is None:
                return None, None
            pac = (parent.cells('#address-cells') or [0])[0]
            pic = (parent.cells('#interrupt-cells') or [1])[0]
            start = i + ac + ic + 1 + pac
            if found is None and list(entry) == key:
                found = (parent, table[start:start + pic])
            i = start + pic
        if found is None:
            return None, None
        # The parent's unit address for a further nexus is not tracked: no board needs it.
        ctrl, cells, node = found[0], found[1], None
    return None, None


def _is_gic(node):
    return _compatible(node, GIC_V2 + GIC_V3)


def _gic_intid(cells):
    """GIC binding: <type number flags>; type 0 is an SPI (INTID 32 + n), 1 a PPI (16 + n)."""
    kind, num = cells[0], cells[1]
    return num + (32 if kind == 0 else 16)


def _to_gic(fdt, ctrl):
    """The GIC behind an interrupt controller that passes GIC specifiers through (i.MX GPC)."""
    seen = 0
    while ctrl is not None and not _is_gic(ctrl) and seen < 8:
        ncells = ctrl.cells('#interrupt-cells')
        if not ncells or ncells[0] not in (3, 4):
            return None
        ctrl = _interrupt_parent(fdt, ctrl)
        seen += 1
    return ctrl if ctrl is not None and _is_gic(ctrl) else None


def irqs(fdt, node):
    """The node's interrupts as controller numbers (GIC INTIDs, PLIC sources)."""
    out = []
    pairs = []
    ext = node.cells('interrupts-extended')
    if ext:
        i = 0
        while i < len(ext):
            ctrl = fdt.phandles.get(ext[i])
            n = (ctrl.cells('#interrupt-cells') or [1])[0] if ctrl is not None else 1
            pairs.append((ctrl, ext[i + 1:i + 1 + n]))
            i += 1 + n
    else:
        raw = node.cells('interrupts') or []
        ctrl = _interrupt_parent(fdt, node)
        if ctrl is None:
            return []
        n = (ctrl.cells('#interrupt-cells') or [1])[0]
        pairs = [(ctrl, raw[i:i + n]) for i in range(0, len(raw) - n + 1, n)]
    for ctrl, cells in pairs:
        ctrl, cells = _through_maps(fdt, ctrl, node, cells)
        if ctrl is None:
            continue
        # A GIC specifier is <type number flags>, or with a fourth cell the
        # PPI partition (Rockchip RK3399's big.LITTLE PPIs).
        gic = _to_gic(fdt, ctrl) if len(cells) in (3, 4) else None
        if gic is not None:
            out.append(_gic_intid(cells))
        elif _compatible(ctrl, PLIC) and cells:
            out.append(cells[0])
    return out


def cpu_nodes(fdt):
    cpus = fdt.root.child('cpus')
    if cpus is None:
        return []
    return [c for c in cpus.children if c.string('device_type') == 'cpu' and _enabled(c)]


def console_node(fdt, console=None):
    if console:
        return fdt.lookup(console)
    chosen = fdt.root.child('chosen')
    path = chosen.string('stdout-path') if chosen is not None else None
    if not path:
        return None
    return fdt.lookup(path.split(':')[0])


def dtb_facts(fdt, console=None):
    """The facts a device tree gives; a fact it leaves out (or empty) is absent.

    console: the console's node (alias or path) when it is not chosen/stdout-path's.
    """
    facts = {}
    mem = []
    for node in fdt.root.children:
        if node.string('device_type') == 'memory' and _enabled(node):
            mem.extend((b, s) for b, s in regs(node) if s)
    if mem:
        facts['memory'] = sorted(mem)
    cpus = cpu_nodes(fdt)
    if cpus:
        parent_ac, _ = address_cells(cpus[0].parent)
        ids = []
        for c in cpus:
            cells = c.cells('reg') or []
            value = 0
            for cell in cells[:parent_ac]:
                value = (value << 32) | cell
            ids.append(value)
        facts['cpu_ids'] = sorted(ids)
        # RISC-V: the time CSR's rate, in /cpus or in each cpu node.
        for node in [cpus[0].parent] + cpus:
            if node.cells('timebase-frequency'):
                facts['timebase'] = node.cells('timebase-frequency')[0]
                break
    for node in fdt.root.walk():
        if not _enabled(node):
            continue
        if _compatible(node, GIC_V3) and node.has('interrupt-controller'):
            names = ('gicd', 'gicr', 'gicc', 'gich', 'gicv')
            for name, (base, _) in zip(names, regs(node)):
                facts[name] = base
        elif _compatible(node, GIC_V2) and node.has('interrupt-controller'):
            names = ('gicd', 'gicc', 'gich', 'gicv')
            for name, (base, size) in zip(names, regs(node)):
                # A GIC-400 wired with 64 KiB per 4 KiB page (Zynq UltraScale+):
                # its 8 KiB CPU and virtual CPU interfaces lie contiguous at
                # base + 0xf000 of a 128 KiB window (GIC-400 TRM r0p1, 3.2 and
                # Linux irq-gic.c, gic_check_eoimode).
                if name in ('gicc', 'gicv') and size == 0x20000:
                    base += 0xf000
                facts[name] = base
        elif _compatible(node, PLIC) and 'plic' not in facts:
            facts['plic'] = regs(node)[0][0]
        elif _compatible(node, CLINT) and 'clint' not in facts:
            facts['clint'] = regs(node)[0][0]
        elif _compatible(node, ARM_TIMER) and 'timer_irqs' not in facts:
            timer = irqs(fdt, node)
            if timer:
                facts['timer_irqs'] = timer
    # Every enabled node with registers, by its first register's address: the
    # board's other devices are looked up here (their interrupts compared).
    devices = {}
    for node in fdt.root.walk():
        if node.parent is None or not _enabled(node) or not node.has('compatible'):
            continue
        r = regs(node)
        if r and r[0][0] not in devices:
            devices[r[0][0]] = (node.path, irqs(fdt, node))
    facts['devices'] = devices
    con = console_node(fdt, console)
    if con is not None:
        r = regs(con)
        if r:
            facts['console.base'] = r[0][0]
        con_irqs = irqs(fdt, con)
        if con_irqs:
            facts['console.irqs'] = con_irqs
        # An 8250's register spacing and access width (reg-shift, reg-io-width).
        for prop, name in (('reg-shift', 'console.reg_shift'),
                           ('reg-io-width', 'console.reg_width')):
            if con.cells(prop):
                facts[name] = con.cells(prop)[0]
    return facts


def board_facts(board):
    """The same facts from a loaded board.hw (vmconflib.board.Board)."""
    facts = {'memory': sorted((b.base, b.size) for b in board.banks)}
    if board.cpu_ids:
        facts['cpu_ids'] = sorted(board.cpu_ids)
    for name in ('gicd', 'gicr', 'gicc', 'gich', 'gicv', 'plic', 'clint'):
        dev = board.devices.get(name)
        if dev is not None:
            facts[name] = dev.base
    con = board.console
    if con is not None:
        facts['console.base'] = con.base
        facts['console.irqs'] = list(con.irqs)
        facts['console.reg_shift'] = con.reg_shift
        facts['console.reg_width'] = con.reg_width
    if board.timer_irqs:
        facts['timer_irqs'] = list(board.timer_irqs)
    if board.timebase:
        facts['timebase'] = board.timebase
    # Every other device: those a VM may be given and those the hypervisor
    # drives itself (a power manager), by address and interrupts.
    named = {'gicd', 'gicr', 'gicc', 'gich', 'gicv', 'plic', 'clint'}
    facts['devices'] = {dev.name: (dev.base, list(dev.irqs)) for dev in board.devices.values()
                        if dev.owner is None or (dev.owner == 'hypervisor'
                                                 and dev.name not in named)}
    return facts


_NUM = re.compile(r'^(0[xX][0-9a-fA-F_]+|[0-9]+)$')


def _num(text, where):
    if not _NUM.match(text):
        raise ValueError('%s: %r is not a number' % (where, text))
    return int(text.replace('_', ''), 0)


def load_reference_facts(path):
    """A reference.facts file: 'name = value' lines, '#' comments (the citations).

    memory = 0x80000000+0x40000000, ...   cpu_ids / console.irqs / timer_irqs = 0, 1
    anything else = one number.
    """
    facts = {}
    with open(path) as f:
        for lineno, line in enumerate(f, 1):
            text = line.split('#', 1)[0].strip()
            if not text:
                continue
            where = '%s:%d' % (path, lineno)
            if '=' not in text:
                raise ValueError('%s: expected name = value' % where)
            key, value = [t.strip() for t in text.split('=', 1)]
            if key == 'console':
                # Which DTB node is the console, when not chosen/stdout-path's.
                facts[key] = value
                continue
            if key not in FACTS:
                raise ValueError('%s: unknown fact %r; known: %s' % (where, key, ', '.join(FACTS)))
            items = [v.strip() for v in value.split(',') if v.strip()]
            if key == 'memory':
                mem = []
                for item in items:
                    base, _, size = item.partition('+')
                    mem.append((_num(base.strip(), where), _num(size.strip(), where)))
                facts[key] = sorted(mem)
            elif key in ('cpu_ids', 'console.irqs', 'timer_irqs'):
                vals = [_num(v, where) for v in items]
                facts[key] = sorted(vals) if key == 'cpu_ids' else vals
            else:
                facts[key] = _num(value, where)
    return facts


def compare(board_name, mine, ref, ref_name):
    """Differences as messages naming the field and both values; facts absent from ref are not checked."""
    problems = []
    for name in FACTS:
        if name not in ref:
            continue
        if mine.get(name) != ref[name]:
            problems.append("board '%s': %s: board.hw says %s, %s says %s"
                            % (board_name, name, fmt(name, mine.get(name)), ref_name,
                               fmt(name, ref[name])))
    if 'devices' in ref:
        for dname, (base, dirqs) in sorted(mine.get('devices', {}).items()):
            node = ref['devices'].get(base)
            field = "device '%s'" % dname
            if node is None:
                problems.append("board '%s': %s.base: board.hw says 0x%x, %s has no device "
                                'there' % (board_name, field, base, ref_name))
            elif sorted(set(node[1])) != sorted(set(dirqs)):
                problems.append("board '%s': %s.irqs: board.hw says %s, %s says %s (%s)"
                                % (board_name, field, fmt('irqs', dirqs), ref_name,
                                   fmt('irqs', node[1]), node[0]))
    return problems


def reference_of(board, board_dir, dtb_dir):
    """The board's reference facts and a name for them, from board.hw's reference field.

    reference = "dtb:<vendor>/<file>.dtb": Debian's DTB (in dtb_dir), with any
    fact it leaves empty taken from boards/<board>/reference.facts;
    reference = "facts": boards/<board>/reference.facts alone.
    """
    import fdt as fdtmod
    ref = board.reference
    if not ref:
        raise ValueError("board '%s' names no reference (reference = \"dtb:...\" or \"facts\")"
                         % board.name)
    facts_file = os.path.join(board_dir, 'reference.facts')
    extra = load_reference_facts(facts_file) if os.path.exists(facts_file) else {}
    if ref == 'facts':
        if not extra:
            raise ValueError("board '%s': reference = \"facts\" but %s is missing or empty"
                             % (board.name, facts_file))
        extra.pop('console', None)
        return extra, 'reference.facts'
    if not ref.startswith('dtb:'):
        raise ValueError("board '%s': reference %r is neither \"dtb:<path>\" nor \"facts\""
                         % (board.name, ref))
    if dtb_dir is None:
        raise ValueError('no DTB directory: run tools/boardfacts/fetch-dtbs.sh or give --dtb-dir')
    path = os.path.join(dtb_dir, ref[4:])
    facts = dtb_facts(fdtmod.load(path), extra.pop('console', None))
    if board.arch == 'arm' and 'memory' in facts:
        # The AArch32 hypervisor maps its RAM one to one in its 32-bit address
        # space (vmconflib.board refuses a memory block past 4 GiB): the DTB's
        # RAM above 4 GiB is left out of board.hw, and of the comparison.
        facts['memory'] = [(b, sz) for b, sz in facts['memory'] if b + sz <= 1 << 32]
    for key, value in extra.items():
        if key in facts:
            raise ValueError("%s: %s is in the DTB (%s); reference.facts may only give what "
                             "the DTB leaves out" % (facts_file, key, fmt(key, facts[key])))
        facts[key] = value
    name = 'Debian DTB ' + ref[4:] + (' + reference.facts' if extra else '')
    return facts, name
