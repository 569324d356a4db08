# SPDX-License-Identifier: Apache-2.0
# MPU boards (CONFIG_MPU): a VM sees physical addresses, and the EL2 MPU has few regions.

from .units import hexa

# The EL2 MPU regions the hypervisor keeps for itself on every CPU (its text,
# its data, its console and its interrupt controller); a VM's regions come
# on top of them, while its vCPU runs.
HYP_REGIONS = 4
DEFAULT_VM_REGIONS = 8
IDENTITY_HINT = ('on an MPU board a VM sees physical addresses (no translation): pick a free '
                 'guest address')


def _identity_region(region):
    if region.fixed and region.phys != region.guest:
        raise region.ctx.error(region.rec.line_of('phys'), 'phys', '%s differs from guest %s; on '
                               'an MPU board a VM sees physical addresses (no translation): '
                               'drop phys, or give the same address'
                               % (hexa(region.phys), hexa(region.guest)))
    region.phys, region.fixed = region.guest, True
    region.identity = (region.ctx, region.rec.line_of('guest'), 'guest')


def _identity_device(vm, dev):
    if dev.guest != dev.board.base:
        raise vm.ctx.error(dev.rec.line_of('guest'), "device '%s'.guest" % dev.name,
                           "%s differs from the device's address %s; on an MPU board a VM sees "
                           'devices where they are: drop guest'
                           % (hexa(dev.guest), hexa(dev.board.base)))


def _identity_shmem(shmem, maps):
    first_vm, first = maps[0]
    for vm, smap in maps[1:]:
        if smap.guest != first.guest:
            raise smap.ctx.error(smap.rec.line_of('guest'), 'guest', "%s differs from where vm "
                                 "'%s' maps it (%s, line %d); on an MPU board every VM sees a "
                                 'shared object at its physical address: give each the same '
                                 'guest' % (hexa(smap.guest), first_vm.name, hexa(first.guest),
                                            first.rec.line_of('guest')))
    if shmem.fixed and shmem.phys != first.guest:
        raise shmem.ctx.error(shmem.rec.line_of('phys'), 'phys', "%s differs from the guest "
                              "address its VMs map it at (%s); on an MPU board they must be "
                              'equal: drop phys' % (hexa(shmem.phys), hexa(first.guest)))
    shmem.phys, shmem.fixed = first.guest, True
    shmem.identity = (first.ctx, first.rec.line_of('guest'), 'guest')


def check_identity(layout, errors):
    """Places every region and shared object at its guest address, or says why it cannot."""
    for vm in layout.vms:
        for region in vm.regions:
            errors.attempt(_identity_region, region)
        for dev in vm.devices:
            errors.attempt(_identity_device, vm, dev)
    maps = {}
    for vm in layout.vms:
        for smap in vm.shmaps:
            maps.setdefault(smap.name, []).append((vm, smap))
    for shmem in layout.shmems:
        if shmem.name in maps:
            errors.attempt(_identity_shmem, shmem, maps[shmem.name])


def vm_regions(vm, board, config):
    """The EL2 MPU regions vm needs while it runs: (what, line, field) in layout order.

    Only what the VM reaches without a trap takes a region: its memory, its
    devices, its shared memory and, on a GICv2, the CPU interface; emulated
    windows (the virtual UART, the GIC distributor and redistributors, GPIO
    doorbells) must fault to be emulated. A console passed through takes none:
    the VM reaches it through the hypervisor's own console region, opened to
    EL1 while its vCPU runs (arch/arm-common/mem_mpu.c)."""
    out = [("memory '%s'" % r.name, r.line, "memory '%s'" % r.name) for r in vm.regions]
    out += [("device '%s'" % d.name, d.line, "device '%s'" % d.name) for d in vm.devices]
    out += [("shmem '%s'" % s.name, s.line, "shmem '%s'" % s.name) for s in vm.shmaps]
    if config.bool('CONFIG_IRQCHIP_GICV2'):
        out.append(('the GICv2 CPU interface', vm.line, ''))
    return out


def vm_budget(config):
    return config.int('CONFIG_MPU_VM_REGIONS', DEFAULT_VM_REGIONS)


def check_regions(layout, board, config, errors):
    """Refuses a VM that needs more EL2 MPU regions than it may use, at the first one over."""
    budget = vm_budget(config)
    if board.mpu_regions and budget + HYP_REGIONS > board.mpu_regions:
        errors.add(board.rec.ctx.error(board.rec.line_of('mpu_regions'), 'mpu_regions',
                                       'the CPU has %d EL2 MPU regions: the hypervisor keeps %d '
                                       'and CONFIG_MPU_VM_REGIONS asks %d for each VM; lower '
                                       'CONFIG_MPU_VM_REGIONS to at most %d'
                                       % (board.mpu_regions, HYP_REGIONS, budget,
                                          board.mpu_regions - HYP_REGIONS)))
        return
    for vm in layout.vms:
        needed = vm_regions(vm, board, config)
        vm.tables_text = '%d of %d EL2 MPU regions (CONFIG_MPU_VM_REGIONS; %d more are the ' \
            "hypervisor's)" % (len(needed), budget, HYP_REGIONS)
        if len(needed) <= budget:
            continue
        what, line, field = needed[budget]
        most = (board.mpu_regions - HYP_REGIONS) if board.mpu_regions else None
        if most is not None and len(needed) > most:
            fix = 'the CPU allows at most %d (its %d less the hypervisor\'s %d): use fewer ' \
                'regions' % (most, board.mpu_regions, HYP_REGIONS)
        else:
            fix = 'raise CONFIG_MPU_VM_REGIONS to %d or use fewer regions' % len(needed)
        errors.add(vm.ctx.error(line, field, '%sEL2 MPU region %d of the %d this VM needs, but a '
                                'VM may use %d (CONFIG_MPU_VM_REGIONS); %s'
                                % ('' if field else what + ': ', budget + 1, len(needed), budget,
                                   fix)))
