/* SPDX-License-Identifier: Apache-2.0 */
/* The console on the PL011 of QEMU virt: the same device and code as on AArch64. */
#include "../aarch64/console.c"
