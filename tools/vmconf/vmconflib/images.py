# SPDX-License-Identifier: Apache-2.0
# Numbers the distinct files a layout embeds (images, initrds); shared by the C and assembly generators.

from .units import align_up

EMBED_ALIGN = 4096  # gen_asm.py page-aligns every embedded file
DTB_BOUND = 64 << 10


def _files(vm):
    """(path, size) of the files a VM embeds: its image, then its initrd; none when the boot
    loader loads them (preload)."""
    if vm.preload is not None:
        return
    yield vm.image, vm.image_size
    if vm.initrd:
        yield vm.initrd, vm.initrd_size


def number_images(layout):
    """Gives each distinct file an index, in first-use order; sets vm.image_id and vm.initrd_id."""
    ids = {}
    for vm in layout.vms:
        for path, size in _files(vm):
            if path not in ids:
                ids[path] = len(ids)
                layout.images.append((path, size))
        vm.image_id = ids.get(vm.image)
        vm.initrd_id = ids.get(vm.initrd)


def embedded_files(layout):
    """The paths of the distinct files the layout embeds, in first-use order."""
    return [path for path, _ in layout.images]


def embedded_bytes(layout):
    """What the embedded files and device trees add to the hypervisor image, at most."""
    sizes = dict(f for vm in layout.vms for f in _files(vm))
    total = sum(align_up(size, EMBED_ALIGN) for size in sizes.values())
    # Generated device trees are a few KiB; they are compiled later, so count a bound.
    return total + sum(DTB_BOUND for vm in layout.vms if vm.dtb_auto)
