# SPDX-License-Identifier: Apache-2.0
# What each VM's device models need, mirroring their nr_windows hooks (include/bulwark/vdev.h).


def _vic_windows(config):
    """The virtual interrupt controller: GICv3 distributor and redistributors, else one."""
    return 2 if config.bool('CONFIG_IRQCHIP_GICV3') else 1


def mmio_windows(vm, config):
    """[(model, windows)] for one VM, as its models register them at boot."""
    needs = [('interrupt controller', _vic_windows(config))]
    if config.bool('CONFIG_VUART') and vm.console == 'virtual':
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
