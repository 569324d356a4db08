/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CRC-32 (IEEE 802.3, reflected, as zlib, U-Boot's crc32 command and the
 * layout tool compute it): how the hypervisor checks the guest files a boot
 * loader left in RAM against what the build recorded.
 */
#ifndef BULWARK_CRC32_H
#define BULWARK_CRC32_H

#include <bulwark/types.h>

/* The CRC-32 of size bytes at data. */
u32 crc32(const void *data, u64 size);

#endif /* BULWARK_CRC32_H */
