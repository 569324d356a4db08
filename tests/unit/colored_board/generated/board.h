/* SPDX-License-Identifier: Apache-2.0 */
/* The board of test_vm_map, as tools/vmconf would generate it: four colors of 4 KiB pages. */
#ifndef BULWARK_GENERATED_VMCONF_BOARD_H
#define BULWARK_GENERATED_VMCONF_BOARD_H

#define BOARD_PAGE_SIZE	 0x1000ULL
#define BOARD_NR_COLORS	 4
#define BOARD_COLOR_SIZE 0x1000ULL

#endif /* BULWARK_GENERATED_VMCONF_BOARD_H */
