/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of kernel/lib/format.c: conversions, padding, truncation, sizes. */
#include <limits.h>
#include <stdarg.h>
#include <bulwark/format.h>

#include "test.h"

static char buf[128];

/* Formats into buf and returns snprintf's result. */
#define FMT(...) snprintf(buf, sizeof(buf), __VA_ARGS__)

/*
 * The same without the compiler's format checking, for formats that are
 * wrong on purpose.
 */
static int fmt_unchecked(const char *fmt, ...)
{
	va_list args;
	int len;

	va_start(args, fmt);
	len = vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	return len;
}

TEST(format, plain_text)
{
	EXPECT_EQ_INT(FMT("hello"), 5);
	EXPECT_EQ_STR(buf, "hello");
}

TEST(format, signed_decimal)
{
	FMT("%d %d %i", 42, -42, 0);
	EXPECT_EQ_STR(buf, "42 -42 0");
}

TEST(format, int_min)
{
	FMT("%d", INT_MIN);
	EXPECT_EQ_STR(buf, "-2147483648");
}

TEST(format, llong_min_max)
{
	FMT("%lld %lld", LLONG_MIN, LLONG_MAX);
	EXPECT_EQ_STR(buf, "-9223372036854775808 9223372036854775807");
}

TEST(format, unsigned_max)
{
	FMT("%u %llu", UINT_MAX, ULLONG_MAX);
	EXPECT_EQ_STR(buf, "4294967295 18446744073709551615");
}

TEST(format, hex_lower_upper)
{
	FMT("%x %X", 0xdeadbeefu, 0xdeadbeefu);
	EXPECT_EQ_STR(buf, "deadbeef DEADBEEF");
}

TEST(format, hex_long)
{
	FMT("%lx %llx", 0x123456789abcdef0ul, 0xfedcba9876543210ull);
	EXPECT_EQ_STR(buf, "123456789abcdef0 fedcba9876543210");
}

TEST(format, hex_padding)
{
	FMT("%04x", 0xffu);
	EXPECT_EQ_STR(buf, "00ff");
}

TEST(format, hex_alternate)
{
	FMT("%#x %#X %#x", 0x1fu, 0xabu, 0u);
	EXPECT_EQ_STR(buf, "0x1f 0XAB 0");
}

TEST(format, size_t_modifier)
{
	FMT("%zu %zx", (size_t)123456, (size_t)0x1000);
	EXPECT_EQ_STR(buf, "123456 1000");
}

TEST(format, char_and_short)
{
	/* Values wider than the modifier are cut to it, as C's printf does. */
	fmt_unchecked("%hhu %hhd %hu %hd", 0x1ff, 0xff, 0x1ffff, 0xffff);
	EXPECT_EQ_STR(buf, "255 -1 65535 -1");
}

TEST(format, width_right_aligned)
{
	FMT("[%5d][%5s]", 42, "ab");
	EXPECT_EQ_STR(buf, "[   42][   ab]");
}

TEST(format, width_left_aligned)
{
	FMT("[%-5d][%-5s][%-3c]", 42, "ab", 'x');
	EXPECT_EQ_STR(buf, "[42   ][ab   ][x  ]");
}

TEST(format, zero_pad_negative)
{
	FMT("%05d", -42);
	EXPECT_EQ_STR(buf, "-0042");
}

TEST(format, zero_pad_ignored_when_left_aligned)
{
	fmt_unchecked("[%-05d]", 7);
	EXPECT_EQ_STR(buf, "[7    ]");
}

TEST(format, width_smaller_than_text)
{
	FMT("%2d|%1s", 12345, "long");
	EXPECT_EQ_STR(buf, "12345|long");
}

TEST(format, star_width)
{
	FMT("[%*d][%*d]", 4, 7, -4, 7);
	EXPECT_EQ_STR(buf, "[   7][7   ]");
}

TEST(format, string_precision)
{
	FMT("%.3s|%.*s|%.0s", "abcdef", 2, "xyz", "gone");
	EXPECT_EQ_STR(buf, "abc|xy|");
}

TEST(format, integer_precision)
{
	FMT("%.4d|%.0d|%.3x", 7, 0, 0xau);
	EXPECT_EQ_STR(buf, "0007||00a");
}

TEST(format, null_string)
{
	fmt_unchecked("%s", (const char *)NULL);
	EXPECT_EQ_STR(buf, "(null)");
}

TEST(format, character)
{
	FMT("%c%c%c", 'a', 'B', '0');
	EXPECT_EQ_STR(buf, "aB0");
}

TEST(format, percent_literal)
{
	EXPECT_EQ_INT(FMT("100%%"), 4);
	EXPECT_EQ_STR(buf, "100%");
}

TEST(format, pointer)
{
	FMT("%p %p", (void *)0x80200000ul, (void *)0);
	EXPECT_EQ_STR(buf, "0x80200000 0x0");
}

TEST(format, unknown_conversion_verbatim)
{
	fmt_unchecked("a%qb");
	EXPECT_EQ_STR(buf, "a%qb");
}

TEST(format, trailing_percent)
{
	fmt_unchecked("50%");
	EXPECT_EQ_STR(buf, "50%");
}

TEST(format, truncation_returns_full_length)
{
	char small[6];

	EXPECT_EQ_INT(snprintf(small, sizeof(small), "%s-%d", "abcdef", 12), 9);
	EXPECT_EQ_STR(small, "abcde");
}

TEST(format, size_zero_writes_nothing)
{
	char untouched[4] = "xyz";

	EXPECT_EQ_INT(snprintf(untouched, 0, "%d", 12345), 5);
	EXPECT_EQ_STR(untouched, "xyz");
}

TEST(format, size_zero_null_buffer)
{
	EXPECT_EQ_INT(snprintf(NULL, 0, "%s", "four"), 4);
}

TEST(format, size_one_is_empty)
{
	char one[1] = {'x'};

	EXPECT_EQ_INT(snprintf(one, sizeof(one), "abc"), 3);
	EXPECT_EQ_INT(one[0], '\0');
}

TEST(format, truncated_padding)
{
	char small[4];

	EXPECT_EQ_INT(snprintf(small, sizeof(small), "%08x", 0xabu), 8);
	EXPECT_EQ_STR(small, "000");
}

TEST(format, size_units)
{
	format_size(buf, sizeof(buf), 4096);
	EXPECT_EQ_STR(buf, "4 KiB");
	format_size(buf, sizeof(buf), 1536 * 1024);
	EXPECT_EQ_STR(buf, "1536 KiB");
	format_size(buf, sizeof(buf), 64ull << 20);
	EXPECT_EQ_STR(buf, "64 MiB");
	format_size(buf, sizeof(buf), 1ull << 30);
	EXPECT_EQ_STR(buf, "1 GiB");
}

TEST(format, size_odd_and_zero)
{
	format_size(buf, sizeof(buf), 5000);
	EXPECT_EQ_STR(buf, "5000 B");
	format_size(buf, sizeof(buf), 0);
	EXPECT_EQ_STR(buf, "0 B");
}

TEST(format, size_largest_unit)
{
	format_size(buf, sizeof(buf), 2048ull << 40);
	EXPECT_EQ_STR(buf, "2048 TiB");
}
