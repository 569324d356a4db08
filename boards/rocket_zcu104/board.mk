# SPDX-License-Identifier: Apache-2.0
# No QEMU machine models Rocket ('make run' says so). The test guests of
# the default layout link at 0x80000000 (their VMs' RAM in guest-physical
# space, as on QEMU) and find the PLIC at 0x0c000000, where this board has
# it too; they print through the SBI debug console.

# The default layout runs only these two guests.
GUEST_ONLY := basic timer
