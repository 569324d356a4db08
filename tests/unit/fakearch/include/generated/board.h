/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The fake board and the sizes of its layout (fakearch/fake_layout.c), as
 * tools/vmconf would generate them: three VMs, one MMIO window each (the
 * fake device model's).
 */
#ifndef BULWARK_GENERATED_VMCONF_BOARD_H
#define BULWARK_GENERATED_VMCONF_BOARD_H

#define BOARD_NAME	 "fake"
#define BOARD_ARCH	 "host"
#define BOARD_NR_CPUS	 4
#define BOARD_PAGE_SIZE	 0x1000ULL
#define BOARD_NR_COLORS	 4
#define BOARD_COLOR_SIZE 0x1000ULL

/* As tools/vmconf writes them. */
/* clang-format off */
#define VMCONF_NR_VMS                        3
#define VMCONF_HYP_COLORS                    0x0u
#define VMCONF_NR_SHMEMS                     3
#define VMCONF_MMIO_FIRST_WINDOW             {0, 1, 2}
#define VMCONF_MMIO_WINDOWS_OF_VM            {1, 1, 1}
#define VMCONF_NR_MMIO_WINDOWS               3
#define VMCONF_MAX_VCPUS_PER_VM              2
/* clang-format on */

#endif /* BULWARK_GENERATED_VMCONF_BOARD_H */
