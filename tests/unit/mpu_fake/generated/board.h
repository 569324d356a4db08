/* SPDX-License-Identifier: Apache-2.0 */
/* An Armv8-R board as tools/vmconf would describe it (FVP BaseR's addresses), for test_mem_mpu.c.
 */
#ifndef BULWARK_GENERATED_VMCONF_BOARD_H
#define BULWARK_GENERATED_VMCONF_BOARD_H

#define BOARD_NAME	    "fake_r"
#define BOARD_NR_CPUS	    4
#define BOARD_MPU_GRANULE   64ULL
#define BOARD_MPU_REGIONS   16
#define BOARD_CONSOLE_BASE  0x9c090000ULL
#define BOARD_CONSOLE_SIZE  0x10000ULL
#define BOARD_DEV_GICD_BASE 0xaf000000ULL
#define BOARD_DEV_GICR_BASE 0xaf100000ULL
#define BOARD_DEV_GICR_SIZE 0x80000ULL

#define VMCONF_NR_VMS		2
#define VMCONF_MAX_VCPUS_PER_VM 2

#endif /* BULWARK_GENERATED_VMCONF_BOARD_H */
