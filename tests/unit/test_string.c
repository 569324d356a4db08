/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of kernel/lib/string.c. */
#include <bulwark/string.h>

#include "test.h"

/*
 * The strings under test live in arrays the compiler and checkers cannot see
 * through, so every comparison really runs the code.
 */
static char vm[] = "vm", vm_again[] = "vm", vm0[] = "vm0", vm1[] = "vm1", vm10[] = "vm10";
static char empty[] = "", letter_a[] = "a", high_byte[] = "\x80";
static char abc_x[] = "abcX", abc_y[] = "abcY", ab[] = "ab", ab_again[] = "ab", abc[] = "abc";

TEST(string, memcpy_copies_and_returns_dst)
{
	char dst[8] = "-------";

	EXPECT_TRUE(memcpy(dst, "abc", 3) == dst);
	EXPECT_EQ_STR(dst, "abc----");
}

TEST(string, memmove_overlap_forward)
{
	char text[] = "abcdef";

	memmove(text + 2, text, 4);
	EXPECT_EQ_STR(text, "ababcd");
}

TEST(string, memmove_overlap_backward)
{
	char text[] = "abcdef";

	memmove(text, text + 2, 4);
	EXPECT_EQ_STR(text, "cdefef");
}

TEST(string, memset_fills_count)
{
	unsigned char bytes[4] = {0};

	memset(bytes, 0xab, 3);
	EXPECT_EQ_UINT(bytes[0], 0xab);
	EXPECT_EQ_UINT(bytes[2], 0xab);
	EXPECT_EQ_UINT(bytes[3], 0);
}

TEST(string, memcmp_order)
{
	const unsigned char one[] = {1, 2, 3}, same[] = {1, 2, 3}, more[] = {1, 2, 4};
	const unsigned char high[] = {0xff}, low[] = {0x01};

	EXPECT_EQ_INT(memcmp(one, same, 3), 0);
	EXPECT_TRUE(memcmp(one, more, 3) < 0);
	EXPECT_TRUE(memcmp(high, low, 1) > 0);
	EXPECT_EQ_INT(memcmp(high, low, 0), 0);
}

TEST(string, strlen_and_strnlen)
{
	EXPECT_EQ_UINT(strlen(""), 0);
	EXPECT_EQ_UINT(strlen("bulwark"), 7);
	EXPECT_EQ_UINT(strnlen("bulwark", 3), 3);
	EXPECT_EQ_UINT(strnlen("ab", 10), 2);
}

TEST(string, strcmp_order)
{
	EXPECT_EQ_INT(strcmp(vm, vm_again), 0);
	EXPECT_TRUE(strcmp(vm0, vm1) < 0);
	EXPECT_TRUE(strcmp(vm10, vm1) > 0);
	EXPECT_TRUE(strcmp(empty, letter_a) < 0);
}

TEST(string, strcmp_bytes_are_unsigned)
{
	EXPECT_TRUE(strcmp(high_byte, letter_a) > 0);
}

TEST(string, strncmp_stops)
{
	EXPECT_EQ_INT(strncmp(abc_x, abc_y, 3), 0);
	EXPECT_TRUE(strncmp(abc_x, abc_y, 4) < 0);
	EXPECT_EQ_INT(strncmp(ab, ab_again, 10), 0);
	EXPECT_TRUE(strncmp(ab, abc, 10) < 0);
}

TEST(string, strchr_finds)
{
	const char *text = "a,b,c";

	EXPECT_TRUE(strchr(text, ',') == text + 1);
	EXPECT_TRUE(strchr(text, 'z') == NULL);
	EXPECT_TRUE(strchr(text, '\0') == text + 5);
}

TEST(string, strlcpy_fits)
{
	char dst[8];

	EXPECT_EQ_UINT(strlcpy(dst, "rt", sizeof(dst)), 2);
	EXPECT_EQ_STR(dst, "rt");
}

TEST(string, strlcpy_truncates)
{
	char dst[4];

	EXPECT_EQ_UINT(strlcpy(dst, "linux", sizeof(dst)), 5);
	EXPECT_EQ_STR(dst, "lin");
}

TEST(string, strlcpy_size_zero)
{
	char dst[2] = "q";

	EXPECT_EQ_UINT(strlcpy(dst, "abc", 0), 3);
	EXPECT_EQ_STR(dst, "q");
}
