/* SPDX-License-Identifier: Apache-2.0 */
/* PSCI calls, the CPU API on CPU_ON/CPU_OFF/AFFINITY_INFO, reboot and power off, as on AArch64. */
#include "../aarch64/psci.c"
