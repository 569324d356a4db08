/* SPDX-License-Identifier: Apache-2.0 */
/* CRC-32 a byte at a time from a 256-entry table built on first use (boot, one CPU). */
#include <bulwark/crc32.h>

#define CRC32_POLY_REFLECTED 0xedb88320u

static u32 crc32_table[256];
static bool crc32_ready;

static void crc32_build_table(void)
{
	for (u32 byte = 0; byte < 256; byte++) {
		u32 crc = byte;

		for (unsigned int bit = 0; bit < 8; bit++)
			crc = (crc >> 1) ^ ((crc & 1u) ? CRC32_POLY_REFLECTED : 0u);
		crc32_table[byte] = crc;
	}
	crc32_ready = true;
}

u32 crc32(const void *data, u64 size)
{
	const u8 *p = data;
	u32 crc = 0xffffffffu;

	if (!crc32_ready)
		crc32_build_table();
	for (u64 i = 0; i < size; i++)
		crc = (crc >> 8) ^ crc32_table[(crc ^ p[i]) & 0xffu];
	return ~crc;
}
