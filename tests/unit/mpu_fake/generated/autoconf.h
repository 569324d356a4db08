/* SPDX-License-Identifier: Apache-2.0 */
/* The configuration the host test of the EL2 MPU back end builds it with. */
#ifndef BULWARK_MPU_FAKE_AUTOCONF_H
#define BULWARK_MPU_FAKE_AUTOCONF_H

#define CONFIG_NR_CPUS	      4
#define CONFIG_LOG_LEVEL      2
#define CONFIG_MPU	      1
#define CONFIG_MPU_VM_REGIONS 8

#endif /* BULWARK_MPU_FAKE_AUTOCONF_H */
