# SPDX-License-Identifier: Apache-2.0
# Checks boards' hardware facts against their vendor device trees, or drafts a board.hw from a DTB.

import argparse
import os
import sys

sys.dont_write_bytecode = True  # keep the source tree clean
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, '..', 'vmconf'))

import facts  # noqa: E402
import fdt as fdtmod  # noqa: E402
from vmconflib.board import cpu_hw_id, load_board  # noqa: E402
from vmconflib.errors import VmconfError  # noqa: E402

SRCTREE = os.path.abspath(os.path.join(HERE, '..', '..'))
PAGE = 0x1000


def check_boards(board_dirs, dtb_dir, verbose):
    """Prints every difference; returns how many boards had one (or could not be checked)."""
    failed = 0
    for bdir in board_dirs:
        hw = os.path.join(bdir, 'board.hw')
        try:
            board = load_board(hw)
            if not board.reference:
                if verbose:
                    print('  SKIP    %s (board.hw names no reference)' % board.name)
                continue
            ref, ref_name = facts.reference_of(board, bdir, dtb_dir)
        except (VmconfError, ValueError, OSError, fdtmod.FdtError) as e:
            print('boardfacts: error: %s' % e, file=sys.stderr)
            failed += 1
            continue
        mine = facts.board_facts(board)
        problems = facts.compare(board.name, mine, ref, ref_name)
        for p in problems:
            print('boardfacts: %s' % p, file=sys.stderr)
        if problems:
            failed += 1
        elif verbose:
            print('  OK      %-20s %d facts against %s' % (board.name, len(ref), ref_name))
    return failed


def _page_up(size):
    return (size + PAGE - 1) & ~(PAGE - 1)


def _word(text):
    out = ''.join(c if c.isascii() and c.isalnum() else '_' for c in text)
    return out if out[:1].isalpha() else 'd_' + out


def _arch(tree):
    for cpu in facts.cpu_nodes(tree):
        if any(c.startswith('riscv') for c in cpu.strings('compatible')):
            return 'riscv64'
    return 'aarch64'


def _size_text(size):
    for unit, shift in (('G', 30), ('M', 20), ('K', 10)):
        if size and size % (1 << shift) == 0:
            return '%d%s' % (size >> shift, unit)
    return '0x%x' % size


def draft(dtb, name, dtb_ref):
    """A board.hw for the board a DTB describes, every fact marked with where it came from."""
    tree = fdtmod.load(dtb)
    got = facts.dtb_facts(tree)
    arch = _arch(tree)
    model = tree.root.string('model') or '?'
    ids = got.get('cpu_ids', [])
    # Arm: the hypervisor's CPU index i is cpu_ids[i], so every CPU runs;
    # RISC-V: index i is hart i, so the harts from 0 up without a gap.
    cpus = len(ids)
    if arch not in ('aarch64', 'arm'):
        cpus = 0
        while cpus < len(ids) and cpu_hw_id(arch, cpus) in ids:
            cpus += 1
    lines = ['# SPDX-License-Identifier: Apache-2.0',
             '# Drafted by tools/boardfacts/boardfacts.py draft from %s' % os.path.basename(dtb),
             '# (model "%s"). Check every line against the SoC\'s reference manual,' % model,
             '# reserve what the firmware keeps, and cite the sources here.',
             '']
    lines.append('board %s {' % name)
    lines.append('    arch      = %s' % arch)
    lines.append('    cpus      = %d                   # the CPUs the hypervisor runs'
                 % max(cpus, 1))
    if ids:
        lines.append('    cpu_ids   = [%s]' % ', '.join('0x%x' % i for i in ids))
    lines.append('    page_size = 4K')
    devs = []
    con = facts.console_node(tree)
    taken = []
    all_irqs = []

    def add(dname, node, base, size, owner=None, irq_list=None, comment=None):
        size = _page_up(size)
        irq_list = list(dict.fromkeys(irq_list or []))
        if base % PAGE or any(base < e and b < base + size for b, e in taken) or \
                any(i in all_irqs for i in irq_list):
            return
        taken.append((base, base + size))
        devs.append((dname, node, base, size, owner, irq_list or [], comment))
        all_irqs.extend(irq_list or [])

    gic_names = ('gicd', 'gicr', 'gicc', 'gich', 'gicv')
    for node in tree.root.walk():
        if node.has('interrupt-controller') and (facts._is_gic(node) or
                                                 facts._compatible(node, facts.PLIC)):
            regs = fdtmod.regs(node)
            if facts._compatible(node, facts.PLIC):
                add('plic', node, regs[0][0], regs[0][1], 'hypervisor')
                continue
            names = gic_names if facts._compatible(node, facts.GIC_V3) else \
                ('gicd', 'gicc', 'gich', 'gicv')
            for gname, (base, size) in zip(names, regs):
                if gname in ('gicc', 'gicv') and size == 0x20000:
                    base, size = base + 0xf000, 0x2000
                add(gname, node, base, size, 'hypervisor')
    if con is not None and fdtmod.regs(con):
        base, size = fdtmod.regs(con)[0]
        add(_word(con.name.split('@')[0]), con, base & ~(PAGE - 1), size + (base % PAGE),
            'console', facts.irqs(tree, con))
    for node in tree.root.walk():
        if node is con or not facts._enabled(node) or node.has('interrupt-controller'):
            continue
        if not node.has('compatible') or not (node.has('interrupts') or
                                              node.has('interrupts-extended')):
            continue
        regs = fdtmod.regs(node)
        node_irqs = facts.irqs(tree, node)
        if not regs or not node_irqs or any(i < 32 for i in node_irqs) and arch == 'aarch64':
            continue
        add(_word(node.name), node, regs[0][0], regs[0][1], None, node_irqs)
    # Every interrupt the DTB names, not only the drafted devices'.
    all_irqs = [i for node in tree.root.walk() for i in facts.irqs(tree, node)]
    if arch == 'aarch64':
        top = max(all_irqs + [63])
        lines.append('    irqs      = 32-%d              # up to the DTB\'s highest SPI, in 32s'
                     % ((top | 31)))
    else:
        top = max(all_irqs + [1])
        lines.append('    irqs      = 1-%d' % top)
    if 'timebase' in got:
        lines.append('    timebase  = %d            # the time CSR\'s rate, Hz' % got['timebase'])
    if 'timer_irqs' in got:
        lines.append('    timer_irqs = [%s]' % ', '.join('%d' % i for i in got['timer_irqs']))
    lines.append('    reference = "dtb:%s"' % dtb_ref)
    lines.append('')
    for i, (base, size) in enumerate(got.get('memory', [])):
        lines.append('    memory ram%d {                  # /memory' % i)
        lines.append('        base = 0x%x' % base)
        lines.append('        size = %s' % _size_text(size))
        lines.append('    }')
    if 'memory' not in got:
        lines.append('    # The DTB leaves the memory to the boot loader: give it here.')
    lines.append('')
    for dname, node, base, size, owner, irq_list, _ in devs:
        lines.append('    device %s {%s# %s' % (dname, ' ' * max(1, 20 - len(dname)), node.path))
        lines.append('        base = 0x%x' % base)
        lines.append('        size = 0x%x' % size)
        if irq_list:
            lines.append('        irqs = [%s]' % ', '.join('%d' % i for i in irq_list))
        if owner:
            lines.append('        owner = %s' % owner)
        compat = node.strings('compatible')
        if compat and not owner == 'hypervisor':
            lines.append('        compatible = [%s]' % ', '.join('"%s"' % c for c in compat))
        lines.append('    }')
    lines.append('}')
    return '\n'.join(lines) + '\n'


def main(argv):
    parser = argparse.ArgumentParser(prog='boardfacts.py', description=__doc__)
    sub = parser.add_subparsers(dest='command', required=True)
    chk = sub.add_parser('check', help="compare boards' board.hw with their references")
    chk.add_argument('--dtb-dir', default=os.environ.get('BOARD_DTB_DIR'),
                     help='where fetch-dtbs.sh unpacked Debian\'s DTBs (or $BOARD_DTB_DIR)')
    chk.add_argument('-v', '--verbose', action='store_true')
    chk.add_argument('boards', nargs='*', help='board directories (default: every boards/*)')
    drf = sub.add_parser('draft', help='draft a board.hw from a DTB')
    drf.add_argument('dtb')
    drf.add_argument('name')
    drf.add_argument('--ref', help='the DTB as reference names it (default: vendor/file.dtb)')
    drf.add_argument('-o', '--output', help='file to write (default: standard output)')
    args = parser.parse_args(argv)
    if args.command == 'check':
        dirs = args.boards or sorted(
            os.path.join(SRCTREE, 'boards', d) for d in os.listdir(os.path.join(SRCTREE, 'boards'))
            if os.path.exists(os.path.join(SRCTREE, 'boards', d, 'board.hw')))
        return 1 if check_boards(dirs, args.dtb_dir, args.verbose) else 0
    ref = args.ref or '/'.join(os.path.abspath(args.dtb).split('/')[-2:])
    try:
        text = draft(args.dtb, args.name, ref)
    except (OSError, fdtmod.FdtError) as e:
        print('boardfacts: error: %s' % e, file=sys.stderr)
        return 1
    if args.output:
        with open(args.output, 'w') as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
