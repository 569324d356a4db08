/* SPDX-License-Identifier: Apache-2.0 */
/* The fake arch's configuration: what kernel/ reads from Kconfig, fixed for the host tests. */
#ifndef BULWARK_FAKE_AUTOCONF_H
#define BULWARK_FAKE_AUTOCONF_H

#define CONFIG_NR_CPUS	    4
#define CONFIG_LOG_LEVEL    2
#define CONFIG_IRQCHIP_NAME "fake"
/* The fake interrupt model implements virq_vcpu_start and virq_vcpu_sync (fake_devices.c). */
#define CONFIG_VIRQ_VCPU_SYNC 1

#endif /* BULWARK_FAKE_AUTOCONF_H */
