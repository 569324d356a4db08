# SPDX-License-Identifier: Apache-2.0
# Numbers the distinct files a layout embeds (images, initrds); shared by the C and assembly generators.

from .units import align_up

EMBED_ALIGN = 4096  # gen_asm.py page-aligns every embedded file
DTB_BOUND = 64 << 10


def number_images(layout):
    """Gives each distinct file an index, in first-use order; sets vm.image_id and vm.initrd_id."""
    ids = {}

    def number(path, size):
        if path not in ids:
            ids[path] = len(ids)
            layout.images.append((path, size))
        return ids[path]

    for vm in layout.vms:
        vm.image_id = number(vm.image, vm.image_size)
        if vm.initrd:
            vm.initrd_id = number(vm.initrd, vm.initrd_size)


def embedded_bytes(layout):
    """What the embedded files and device trees add to the hypervisor image, at most."""
    paths = {}
    for vm in layout.vms:
        paths[vm.image] = vm.image_size
        if vm.initrd:
            paths[vm.initrd] = vm.initrd_size
    total = sum(align_up(size, EMBED_ALIGN) for size in paths.values())
    # Generated device trees are a few KiB; they are compiled later, so count a bound.
    return total + sum(DTB_BOUND for vm in layout.vms if vm.dtb_auto)
