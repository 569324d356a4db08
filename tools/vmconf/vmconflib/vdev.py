# SPDX-License-Identifier: Apache-2.0
# What each VM's device models need (their nr_windows hooks, include/bulwark/vdev.h) and what its
# virtual interrupt controller can serve.

from .errors import VmconfError


def _vic_windows(config):
    """The virtual interrupt controller: GICv3 distributor and redistributors, else one."""
    return 2 if config.bool('CONFIG_IRQCHIP_GICV3') else 1


def mmio_windows(vm, config):
    """[(model, windows)] for one VM, as its models register them at boot."""
    needs = [('interrupt controller', _vic_windows(config))]
    if config.bool('CONFIG_VUART') and vm.console in ('virtual', 'polled'):
        needs.append(('virtual UART', 1))
    if config.bool('CONFIG_IPC_GPIO'):
        needs.append(('GPIO doorbells', sum(1 for m in vm.shmaps if m.gpio is not None)))
    return needs


def window_table(layout, config):
    """Per VM, in order: (first window, windows); the whole table's size is the last sum."""
    table, first = [], 0
    for vm in layout.vms:
        count = sum(n for _, n in mmio_windows(vm, config))
        table.append((first, count))
        first += count
    return table


# What the virtual interrupt controllers serve (drivers/irqchip/vgic_model.h,
# vplic_model.h, vaplic_model.h): the interrupt numbers a VM may own, and vCPUs per VM
# (None: as many as the board's CPUs, which CONFIG_NR_CPUS already bounds).
VIRTUAL_IRQCHIPS = (
    ('CONFIG_IRQCHIP_GICV3', 'the virtual GICv3', 32, 1019, None),
    ('CONFIG_IRQCHIP_GICV2', 'the virtual GICv2', 32, 1019, 8),
    ('CONFIG_IRQCHIP_PLIC', 'the virtual PLIC', 1, 1023, None),
    ('CONFIG_IRQCHIP_APLIC', 'the virtual APLIC', 1, 1023, None),
    ('CONFIG_IRQCHIP_AIA', 'the virtual APLIC (MSI mode)', 1, 1023, None),
)


def check_virtual_irqs(layout, board, config, errors=None):
    """Refuses interrupts or vCPUs the VMs' virtual interrupt controller cannot serve.

    A board interrupt stops at once (the board file is wrong); each VM with too
    many vCPUs is recorded in errors (raised at once without a collector)."""
    for symbol, name, lowest, highest, max_vcpus in VIRTUAL_IRQCHIPS:
        if not config.bool(symbol):
            continue
        for irq, line in board.rec.get('irqs', []):
            if not lowest <= irq <= highest:
                err = VmconfError(board.path, line, "board '%s'" % board.name, 'irqs',
                                  'interrupt %d: %s serves interrupts %d-%d only (%s); list '
                                  'those a VM may own' % (irq, name, lowest, highest, symbol))
                if errors is None:
                    raise err
                errors.add(err)
                break
        for vm in layout.vms:
            if 'cpus' not in getattr(vm, 'passed', {'cpus'}):
                continue  # its cpus were refused already
            if max_vcpus is not None and len(vm.cpus) > max_vcpus:
                err = vm.ctx.error(vm.rec.line_of('cpus'), 'cpus', '%d CPUs, but %s serves at '
                                   'most %d vCPUs per VM (%s); give the VM at most %d or use '
                                   'a GICv3' % (len(vm.cpus), name, max_vcpus, symbol,
                                                max_vcpus))
                if errors is None:
                    raise err
                errors.add(err)
        return
