# SPDX-License-Identifier: Apache-2.0
# Generates a VM's device tree source from its checked layout and the board, and compiles it with dtc.

import copy
import hashlib
import os
import shutil
import subprocess

from .checks import GPIO_LINES, GPIO_SIZE
from .errors import VmconfError

# What a vCPU's device tree says of its ISA and MMU, per register width.
RISCV_ISA = {'riscv64': 'rv64imafdc', 'riscv32': 'rv32imafdc'}
RISCV_MMU = {'riscv64': 'riscv,sv39', 'riscv32': 'riscv,sv32'}
RISCV_ARCHES = tuple(RISCV_ISA)
RISCV_TIMEBASE = 10000000   # QEMU virt: 10 MHz
GICR_STRIDE = 0x20000       # one GICv3 redistributor: RD and SGI frames
GICC_SIZE = 0x2000          # the GICv2 CPU interface a guest sees
APB_CLOCK = 24000000        # fixed clock of the PL011 and other primecells
ARM_TIMER_PPIS = (13, 14, 11, 10)  # secure, non-secure physical, virtual, hypervisor
DEFAULT_BOOTARGS = {'riscv64': 'console=hvc0 earlycon=sbi', 'riscv32': 'console=hvc0 earlycon=sbi',
                    'aarch64': 'console=ttyAMA0',
                    'arm': 'console=ttyAMA0'}
ARM_ARCHES = ('aarch64', 'arm')
# Linux's console device for a board whose UART is not the arch's usual one.
STM32_USART = 'st,stm32h7-uart'
# The clocks Linux's driver for each UART kind asks for by name; a VM's tree
# gives it the fixed apb_pclk for each (a virtual UART has no baud timing,
# and a passed-through one runs at what the boot loader set).
UART_CLOCK_NAMES = {
    'cdns,uart-r1p12': ['uart_clk', 'pclk'],
    'fsl,imx6q-uart': ['ipg', 'per'],
    'fsl,imx8qxp-lpuart': ['ipg', 'baud'],
}
CONSOLE_BOOTARGS = {STM32_USART: 'console=ttySTM0'}
# What a vCPU is called: an Armv8-A core for AArch64; an Armv7-A core with the
# virtualization extensions (and LPAE) for AArch32, whose timer is the Armv7 one.
ARM_CPU = {'aarch64': 'arm,cortex-a53', 'arm': 'arm,cortex-a15'}
ARM_TIMER = {'aarch64': 'arm,armv8-timer', 'arm': 'arm,armv7-timer'}
PL011 = ['arm,pl011', 'arm,primecell']
NS16550_CLOCK = 3686400    # QEMU virt's 16550 (its clock-frequency)
RNG_SEED_FILE = 'rng-seed'  # in the output directory: made once, so rebuilds are reproducible
RNG_SEED_SIZE = 64


def dts_string(text):
    out = []
    for ch in text:
        if ch in '"\\':
            out.append('\\' + ch)
        elif ' ' <= ch <= '~':
            out.append(ch)
        else:
            out.extend('\\x%02x' % b for b in ch.encode('utf-8'))
    return '"%s"' % ''.join(out)


def strings(values):
    return ', '.join(dts_string(v) for v in values)


def cells64(*values):
    """Each value as two cells (high, low), for #address-cells = #size-cells = 2."""
    return ' '.join('0x%x 0x%x' % (v >> 32, v & 0xffffffff) for v in values)


class Tree:
    """DTS text being written, with indentation."""

    def __init__(self):
        self.lines = ['/dts-v1/;', '']
        self.depth = 0
        self.need_apb_pclk = False  # a device names the fixed clock apb_pclk

    def open(self, name, label=None):
        prefix = '%s: ' % label if label else ''
        self.lines.append('%s%s%s {' % ('\t' * self.depth, prefix, name))
        self.depth += 1

    def close(self):
        self.depth -= 1
        self.lines.append('%s};' % ('\t' * self.depth))

    def prop(self, name, value=None):
        """value: None (empty), str (a string), int (one cell), or raw text in a tuple."""
        tab = '\t' * self.depth
        if value is None:
            self.lines.append('%s%s;' % (tab, name))
        elif isinstance(value, str):
            self.lines.append('%s%s = %s;' % (tab, name, dts_string(value)))
        elif isinstance(value, int):
            self.lines.append('%s%s = <0x%x>;' % (tab, name, value))
        else:
            self.lines.append('%s%s = %s;' % (tab, name, value[0]))

    def text(self):
        return '\n'.join(self.lines) + '\n'


def mpidr(index):
    """The MPIDR affinity of vCPU index: Aff0 = index % 16, Aff1 = index / 16."""
    return (index // 16) << 8 | index % 16


def gic_version(config):
    return 2 if config.bool('CONFIG_IRQCHIP_GICV2') and \
        not config.bool('CONFIG_IRQCHIP_GICV3') else 3


def _devices(vm, board):
    """(node name, guest base, board device) of every pass-through window, console included."""
    out = [(d.name, d.guest, d.board) for d in vm.devices]
    if vm.console == 'passthrough':
        out.append((board.console.name, board.console.base, board.console))
    return out


IRQ_EDGE, IRQ_LEVEL = 1, 4  # GIC interrupt specifier flags: rising edge, active high


def _irq_cells(board, irqs, config, flags=IRQ_LEVEL):
    """One specifier per interrupt, comma-separated as dtc wants several."""
    if board.arch in ARM_ARCHES:
        return ', '.join('<0 %d %d>' % (irq - 32, flags) for irq in irqs)
    if aplic(config) or aia(config):
        # riscv,aplic: <source type>, the type as Linux's IRQ_TYPE_* (1 rising edge, 4 level high).
        return ', '.join('<%d %d>' % (irq, flags) for irq in irqs)
    return ', '.join('<%d>' % irq for irq in irqs)


def aplic(config):
    """Whether VMs see an APLIC domain (direct delivery) rather than a PLIC."""
    return config.bool('CONFIG_IRQCHIP_APLIC')


def aia(config):
    """Whether VMs see an APLIC domain in MSI mode and IMSIC interrupt files."""
    return config.bool('CONFIG_IRQCHIP_AIA')


IMSIC_NR_IDS = 255  # QEMU virt's IMSICs (drivers/irqchip/imsic.h: identities 1..255)


def _imsic(tree, vm, board):
    """vCPU n's interrupt file at the board's IMSIC address for hart n (vmconflib.checks)."""
    imsic = board.devices['imsic']
    stride = imsic.size // board.cpus
    tree.open('imsics@%x' % imsic.base, 'imsic')
    tree.prop('compatible', (strings(['riscv,imsics']),))
    tree.prop('reg', ('<%s>' % cells64(imsic.base, stride * len(vm.cpus)),))
    cells = ' '.join('&cpu%d_intc 9' % i for i in range(len(vm.cpus)))
    tree.prop('interrupts-extended', ('<%s>' % cells,))
    tree.prop('interrupt-controller')
    tree.prop('#interrupt-cells', 0)
    tree.prop('#address-cells', 0)
    tree.prop('msi-controller')
    tree.prop('#msi-cells', 0)
    tree.prop('riscv,num-ids', IMSIC_NR_IDS)
    # Files one page each, harts a power of two of pages apart, as the board's are.
    tree.prop('riscv,guest-index-bits', max(0, (stride // 0x1000 - 1).bit_length()))
    tree.close()


def _cpus(tree, vm, board):
    tree.open('cpus')
    tree.prop('#address-cells', 1)
    tree.prop('#size-cells', 0)
    if board.arch in RISCV_ARCHES:
        tree.prop('timebase-frequency', board.timebase or RISCV_TIMEBASE)
    for index in range(len(vm.cpus)):
        reg = mpidr(index) if board.arch in ARM_ARCHES else index
        tree.open('cpu@%x' % reg, 'cpu%d' % index)
        tree.prop('device_type', 'cpu')
        tree.prop('reg', reg)
        if board.arch in ARM_ARCHES:
            tree.prop('compatible', board.cpu_compatible or ARM_CPU[board.arch])
            tree.prop('enable-method', 'psci')
        else:
            tree.prop('compatible', 'riscv')
            tree.prop('riscv,isa', RISCV_ISA[board.arch])
            tree.prop('mmu-type', RISCV_MMU[board.arch])
            tree.prop('status', 'okay')
            tree.open('interrupt-controller', 'cpu%d_intc' % index)
            tree.prop('compatible', 'riscv,cpu-intc')
            tree.prop('#interrupt-cells', 1)
            tree.prop('#address-cells', 0)
            tree.prop('interrupt-controller')
            tree.close()
        tree.close()
    tree.close()


def _intc(tree, vm, board, config):
    """The virtual interrupt controller at the board's addresses; returns its node path."""
    if board.arch in RISCV_ARCHES and aia(config):
        _imsic(tree, vm, board)
        dom = board.devices['aplic']
        name = 'interrupt-controller@%x' % dom.base
        tree.open(name, 'intc')
        tree.prop('compatible', (strings(['riscv,aplic']),))
        tree.prop('reg', ('<%s>' % cells64(dom.base, dom.size),))
        # MSI mode: its sources go to the IMSIC files as MSIs.
        tree.prop('msi-parent', ('<&imsic>',))
        tree.prop('interrupt-controller')
        tree.prop('#interrupt-cells', 2)
        tree.prop('#address-cells', 0)
        tree.prop('riscv,num-sources', max(board.irqs))
    elif board.arch in RISCV_ARCHES and aplic(config):
        dom = board.devices['aplic']
        name = 'interrupt-controller@%x' % dom.base
        tree.open(name, 'intc')
        tree.prop('compatible', (strings(['riscv,aplic']),))
        tree.prop('reg', ('<%s>' % cells64(dom.base, dom.size),))
        # IDC n is vCPU n; each drives its S-level external interrupt (9).
        cells = ' '.join('&cpu%d_intc 9' % i for i in range(len(vm.cpus)))
        tree.prop('interrupts-extended', ('<%s>' % cells,))
        tree.prop('interrupt-controller')
        tree.prop('#interrupt-cells', 2)
        tree.prop('#address-cells', 0)
        tree.prop('riscv,num-sources', max(board.irqs))
    elif board.arch in RISCV_ARCHES:
        plic = board.devices['plic']
        name = 'interrupt-controller@%x' % plic.base
        tree.open(name, 'intc')
        tree.prop('compatible', (strings(['sifive,plic-1.0.0', 'riscv,plic0']),))
        tree.prop('reg', ('<%s>' % cells64(plic.base, plic.size),))
        # Contexts 2n (M mode, 11) and 2n+1 (S mode, 9) of vCPU n, as QEMU numbers them.
        cells = ' '.join('&cpu%d_intc 11 &cpu%d_intc 9' % (i, i) for i in range(len(vm.cpus)))
        tree.prop('interrupts-extended', ('<%s>' % cells,))
        tree.prop('interrupt-controller')
        tree.prop('#interrupt-cells', 1)
        tree.prop('#address-cells', 0)
        tree.prop('riscv,ndev', max(board.irqs))
    else:
        need = ('gicd', 'gicr') if gic_version(config) == 3 else ('gicd', 'gicc')
        missing = [n for n in need if n not in board.devices]
        if missing:
            raise vm.ctx.error(vm.rec.line_of('dtb'), 'dtb', "auto describes the build's GICv%d, "
                               "but board '%s' has no %s device" % (gic_version(config), board.name,
                                                                   ' or '.join(missing)))
        gicd = board.devices['gicd']
        name = 'interrupt-controller@%x' % gicd.base
        tree.open(name, 'intc')
        if gic_version(config) == 3:
            gicr = board.devices['gicr']
            tree.prop('compatible', 'arm,gic-v3')
            tree.prop('reg', ('<%s>' % cells64(gicd.base, gicd.size, gicr.base,
                                               len(vm.cpus) * GICR_STRIDE),))
        else:
            gicc = board.devices['gicc']
            tree.prop('compatible', 'arm,cortex-a15-gic')
            tree.prop('reg', ('<%s>' % cells64(gicd.base, gicd.size, gicc.base, GICC_SIZE),))
        tree.prop('interrupt-controller')
        tree.prop('#interrupt-cells', 3)
        tree.prop('#address-cells', 0)
    tree.close()
    return '/' + name


def _arm_extras(tree, vm, board, config):
    tree.open('psci')
    tree.prop('compatible', (strings(['arm,psci-1.0', 'arm,psci-0.2']),))
    tree.prop('method', 'hvc')
    tree.close()
    tree.open('timer')
    tree.prop('compatible', ARM_TIMER[board.arch])
    flags = 4 if gic_version(config) == 3 else ((1 << len(vm.cpus)) - 1) << 8 | 4
    tree.prop('interrupts', (', '.join('<1 %d 0x%x>' % (ppi, flags) for ppi in ARM_TIMER_PPIS),))
    tree.prop('always-on')
    tree.close()
    _apb_pclk(tree)


def _apb_pclk(tree):
    """The fixed clock devices name (every Arm tree has it; others when a UART needs it)."""
    tree.open('apb-pclk', 'apb_pclk')
    tree.prop('compatible', 'fixed-clock')
    tree.prop('#clock-cells', 0)
    tree.prop('clock-frequency', APB_CLOCK)
    tree.prop('clock-output-names', 'clk24mhz')
    tree.close()


def _console_compatible(board, arm):
    """The console as a VM sees it, passed through or modelled: the board's UART kind (the
    virtual UART models it), a PL011 on an Arm board that names none."""
    return board.console.compatible or (PL011 if arm else [])


def _default_bootargs(board):
    for compatible, args in CONSOLE_BOOTARGS.items():
        if board.console is not None and compatible in board.console.compatible:
            return args
    return DEFAULT_BOOTARGS[board.arch]


def _device(tree, name, guest, hw, board, config, compatible=None):
    node = '%s@%x' % (name, guest)
    tree.open(node)
    compatible = compatible or hw.compatible
    if compatible:
        tree.prop('compatible', (strings(compatible),))
    tree.prop('reg', ('<%s>' % cells64(guest, hw.size),))
    if hw.irqs:
        tree.prop('interrupts', (_irq_cells(board, hw.irqs, config),))
    if getattr(hw, 'reg_shift', 0):
        # An 8250 with its registers 1 << reg_shift bytes apart (board.hw).
        tree.prop('reg-shift', hw.reg_shift)
        tree.prop('reg-io-width', hw.reg_width)
    if compatible and 'ns16550a' in compatible:
        tree.prop('interrupt-parent', ('<&intc>',))
        tree.prop('clock-frequency', NS16550_CLOCK)
    elif getattr(hw, 'reg_shift', 0):
        # 8250s with spaced registers (TI, Rockchip, Tegra): Linux's drivers
        # take the input clock's rate as clock-frequency.
        tree.prop('clock-frequency', NS16550_CLOCK)
    if compatible and STM32_USART in compatible:
        tree.prop('clocks', ('<&apb_pclk>',))
        tree.need_apb_pclk = True
    for kind, names in UART_CLOCK_NAMES.items():
        if compatible and kind in compatible:
            tree.prop('clocks', (', '.join(['<&apb_pclk>'] * len(names)),))
            tree.prop('clock-names', ('%s' % strings(names),))
            tree.need_apb_pclk = True
    if board.arch in ARM_ARCHES and 'arm,primecell' in compatible:
        if compatible[0] == 'arm,pl011':
            tree.prop('clocks', ('<&apb_pclk>, <&apb_pclk>',))
            tree.prop('clock-names', ('%s' % strings(['uartclk', 'apb_pclk']),))
        else:
            tree.prop('clocks', ('<&apb_pclk>',))
            tree.prop('clock-names', 'apb_pclk')
    tree.close()
    return '/' + node


def _slots(guest, hw):
    """(guest base, device) of each slot of a window: slots = N (board.py) holds N devices of
    size / N bytes with one interrupt each, like QEMU Arm virt's virtio-mmio transports."""
    if hw.slots == 1:
        return [(guest, hw)]
    size = hw.size // hw.slots
    out = []
    for i in range(hw.slots):
        slot = copy.copy(hw)
        slot.base, slot.size, slot.irqs, slot.slots = hw.base + i * size, size, [hw.irqs[i]], 1
        out.append((guest + i * size, slot))
    return out


def _ipc_channels(vm, smap):
    """(read offset, write offset, half) of an IPC object: its first user writes the low half."""
    half = smap.shmem.size // 2
    first = smap.shmem.users and smap.shmem.users[0] is vm
    return (half, 0, half) if first else (0, half, half)


def ipc_nodes(tree, vm, board, config):
    """A bao,ipcshmem node per IPC object (a shmem mapping with doorbells) of the VM."""
    for index, smap in enumerate(vm.shmaps):
        bells = [irq for irq, _ in getattr(smap, 'doorbells', [])]
        if not bells:
            continue
        read, write, half = _ipc_channels(vm, smap)
        tree.open('ipc@%x' % smap.guest)
        tree.prop('compatible', 'bao,ipcshmem')
        tree.prop('reg', ('<%s>' % cells64(smap.guest, smap.shmem.size),))
        tree.prop('read-channel', ('<0x%x 0x%x>' % (read, half),))
        tree.prop('write-channel', ('<0x%x 0x%x>' % (write, half),))
        tree.prop('interrupts', (_irq_cells(board, bells, config,
                                            IRQ_LEVEL if smap.gpio is not None else IRQ_EDGE),))
        tree.prop('id', index)
        tree.prop('label', smap.name)
        tree.close()
        if smap.gpio is not None:
            _ipc_gpio(tree, smap, board, config)


def _ipc_gpio(tree, smap, board, config):
    """The virtual PL061 of an IPC object: line e pulses on event e, line 4+e rings it."""
    names = ['%s-in%d' % (smap.name, e) if e < smap.events else '' for e in range(GPIO_LINES)]
    names += ['%s-out%d' % (smap.name, e) if e < smap.events else '' for e in range(GPIO_LINES)]
    tree.open('gpio@%x' % smap.gpio)
    tree.prop('compatible', (strings(['arm,pl061', 'arm,primecell']),))
    tree.prop('reg', ('<%s>' % cells64(smap.gpio, GPIO_SIZE),))
    tree.prop('interrupts', (_irq_cells(board, [smap.doorbells[0][0]], config),))
    tree.prop('gpio-controller')
    tree.prop('#gpio-cells', 2)
    tree.prop('interrupt-controller')
    tree.prop('#interrupt-cells', 2)
    tree.prop('#address-cells', 0)
    tree.prop('gpio-line-names', (strings(names),))
    tree.prop('clocks', ('<&apb_pclk>',))
    tree.prop('clock-names', 'apb_pclk')
    tree.close()


def shmem_nodes(tree, vm):
    """A bulwark,shmem node under /reserved-memory per plain shared-memory mapping."""
    plain = [s for s in vm.shmaps if not getattr(s, 'doorbells', [])]
    if not plain:
        return
    tree.open('reserved-memory')
    tree.prop('#address-cells', 2)
    tree.prop('#size-cells', 2)
    tree.prop('ranges')
    for smap in plain:
        tree.open('shmem@%x' % smap.guest)
        tree.prop('compatible', 'bulwark,shmem')
        tree.prop('reg', ('<%s>' % cells64(smap.guest, smap.shmem.size),))
        tree.prop('label', smap.name)
        tree.prop('no-map')
        tree.close()
    tree.close()


def generate_dts(vm, board, config, seed=None):
    """The DTS text of a VM with dtb = auto."""
    if board.arch not in DEFAULT_BOOTARGS:
        raise vm.ctx.error(vm.rec.line_of('dtb'), 'dtb', "auto needs a riscv64, riscv32, aarch64 or arm board; "
                           "board '%s' is %s" % (board.name, board.arch))
    arm = board.arch in ARM_ARCHES
    tree = Tree()
    tree.open('/')
    tree.prop('#address-cells', 2)
    tree.prop('#size-cells', 2)
    tree.prop('compatible', 'bulwark,%s-vm' % board.arch)
    tree.prop('model', 'Bulwark VM %s on %s' % (vm.name, board.name))
    tree.prop('interrupt-parent', ('<&intc>',))
    for region in vm.regions:
        tree.open('memory@%x' % region.guest)
        tree.prop('device_type', 'memory')
        tree.prop('reg', ('<%s>' % cells64(region.guest, region.size),))
        tree.close()
    _cpus(tree, vm, board)
    _intc(tree, vm, board, config)
    if arm:
        _arm_extras(tree, vm, board, config)
    stdout = None
    for name, guest, hw in _devices(vm, board):
        if hw is board.console:
            stdout = _device(tree, 'uart', guest, hw, board, config,
                             _console_compatible(board, arm))
        else:
            for slot_guest, slot in _slots(guest, hw):
                _device(tree, name, slot_guest, slot, board, config)
    if vm.console == 'virtual' and board.console is not None:
        # The virtual UART: a model of the board's UART kind at the console's address.
        stdout = _device(tree, 'uart', board.console.base, board.console, board, config,
                         _console_compatible(board, arm))
    if not arm and tree.need_apb_pclk:
        _apb_pclk(tree)
    ipc_nodes(tree, vm, board, config)
    shmem_nodes(tree, vm)
    tree.open('chosen')
    bootargs = vm.bootargs if vm.bootargs is not None else _default_bootargs(board)
    tree.prop('bootargs', bootargs)
    if stdout:
        tree.prop('stdout-path', stdout)
    if vm.initrd:
        tree.prop('linux,initrd-start', ('<%s>' % cells64(vm.initrd_addr),))
        tree.prop('linux,initrd-end', ('<%s>' % cells64(vm.initrd_addr + vm.initrd_size),))
    if seed is not None:
        tree.prop('rng-seed', ('[%s]' % ' '.join('%02x' % b for b in vm_rng_seed(seed, vm.name)),))
    tree.close()
    tree.close()
    return tree.text()


def build_seed(out_dir):
    """The build directory's random seed: read, or made once from os.urandom.

    Every VM's rng-seed derives from it, so rebuilding in the same directory gives the
    same device trees; a new build directory gives new seeds."""
    path = os.path.join(out_dir, RNG_SEED_FILE)
    try:
        with open(path, 'rb') as f:
            seed = f.read()
        if len(seed) == RNG_SEED_SIZE:
            return seed
    except FileNotFoundError:
        pass
    seed = os.urandom(RNG_SEED_SIZE)
    os.makedirs(out_dir, exist_ok=True)
    tmp = path + '.tmp'
    with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 'wb') as f:
        f.write(seed)
    os.replace(tmp, path)
    return seed


def vm_rng_seed(seed, name):
    """64 bytes for one VM's /chosen/rng-seed: distinct per VM, fixed per build directory."""
    return hashlib.sha512(b'bulwark rng-seed\0' + seed + name.encode('utf-8')).digest()


def find_dtc(vm):
    dtc = os.environ.get('DTC', 'dtc')
    path = shutil.which(dtc)
    if path is None:
        raise vm.ctx.error(vm.rec.line_of('dtb'), 'dtb', "auto needs the device tree compiler "
                           "'%s', which is not installed; install it (Debian package "
                           'device-tree-compiler) or set DTC' % dtc)
    return path


def compile_dts(vm, dts):
    """DTS text -> DTB bytes; any dtc warning is an error, as with -Werror."""
    dtc = find_dtc(vm)
    result = subprocess.run([dtc, '-I', 'dts', '-O', 'dtb', '-o', '-', '-'],
                            input=dts.encode('utf-8'), capture_output=True)
    errors = result.stderr.decode('utf-8', 'replace').strip()
    if result.returncode or errors:
        first = errors.splitlines()[0] if errors else 'exit status %d' % result.returncode
        raise VmconfError(vm.ctx.file, vm.rec.line_of('dtb'), vm.ctx.owner, 'dtb',
                          'dtc rejected the generated device tree: %s' % first)
    return result.stdout


def build_dtbs(layout, board, config, out_dir):
    """Generates and compiles the device tree of every VM with dtb = auto.

    Returns {path: text or bytes} of the <vm>.dts and <vm>.dtb files to write."""
    files = {}
    seed = None
    for vm in layout.vms:
        if not vm.dtb_auto:
            continue
        if seed is None:
            seed = build_seed(out_dir)
        dts = generate_dts(vm, board, config, seed)
        dtb = compile_dts(vm, dts)
        vm.dtb_path = os.path.join(os.path.abspath(out_dir), '%s.dtb' % vm.name)
        vm.dtb_size = len(dtb)
        files[vm.dtb_path[:-4] + '.dts'] = dts
        files[vm.dtb_path] = dtb
    return files
