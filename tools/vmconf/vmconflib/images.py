# SPDX-License-Identifier: Apache-2.0
# Numbers the distinct guest images of a layout; shared by the C and assembly generators.


def number_images(layout):
    """Gives each distinct image path an index, in first-use order; sets vm.image_id."""
    ids = {}
    for vm in layout.vms:
        if vm.image not in ids:
            ids[vm.image] = len(ids)
            layout.images.append((vm.image, vm.image_size))
        vm.image_id = ids[vm.image]
