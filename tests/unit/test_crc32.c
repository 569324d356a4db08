/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the CRC-32 that checks files a boot loader loaded (values from zlib.crc32). */
#include <bulwark/crc32.h>

#include "test.h"

TEST(crc32, known_values)
{
	EXPECT_EQ_UINT(crc32("", 0), 0x00000000u);
	EXPECT_EQ_UINT(crc32("123456789", 9), 0xcbf43926u);
	EXPECT_EQ_UINT(crc32("The quick brown fox jumps over the lazy dog", 43), 0x414fa339u);
}

TEST(crc32, one_flipped_bit_changes_it)
{
	u8 buf[4096];

	for (unsigned int i = 0; i < sizeof(buf); i++)
		buf[i] = (u8)(i * 7u + 3u);
	u32 whole = crc32(buf, sizeof(buf));
	buf[2048] ^= 0x10u;
	EXPECT_TRUE(crc32(buf, sizeof(buf)) != whole);
	buf[2048] ^= 0x10u;
	EXPECT_EQ_UINT(crc32(buf, sizeof(buf)), whole);
	/* Every byte counts: the CRC of a prefix differs from the whole. */
	EXPECT_TRUE(crc32(buf, sizeof(buf) - 1) != whole);
}
