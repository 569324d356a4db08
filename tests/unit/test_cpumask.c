/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the CPU mask helpers and their text form. */
#include <bulwark/cpumask.h>

#include "test.h"

static char buf[64];

TEST(cpumask, empty_is_none)
{
	EXPECT_EQ_INT(cpumask_format(buf, sizeof(buf), 0), 4);
	EXPECT_EQ_STR(buf, "none");
}

TEST(cpumask, single_cpu)
{
	cpumask_format(buf, sizeof(buf), cpumask_of(3));
	EXPECT_EQ_STR(buf, "3");
}

TEST(cpumask, ranges_and_singles)
{
	cpumask_format(buf, sizeof(buf), 0x2full);
	EXPECT_EQ_STR(buf, "0-3,5");
}

TEST(cpumask, all_64)
{
	cpumask_format(buf, sizeof(buf), ~0ull);
	EXPECT_EQ_STR(buf, "0-63");
}

TEST(cpumask, high_cpus)
{
	cpumask_format(buf, sizeof(buf), cpumask_of(62) | cpumask_of(63) | cpumask_of(0));
	EXPECT_EQ_STR(buf, "0,62-63");
}

TEST(cpumask, truncated_counts_full_length)
{
	char small[4];

	EXPECT_EQ_INT(cpumask_format(small, sizeof(small), 0x55ull), 7);
	EXPECT_EQ_STR(small, "0,2");
}

TEST(cpumask, weight)
{
	EXPECT_EQ_UINT(cpumask_weight(0), 0);
	EXPECT_EQ_UINT(cpumask_weight(0xeull), 3);
	EXPECT_EQ_UINT(cpumask_weight(~0ull), 64);
}

TEST(cpumask, first_n)
{
	EXPECT_EQ_UINT(cpumask_first_n(0), 0);
	EXPECT_EQ_UINT(cpumask_first_n(4), 0xf);
	EXPECT_EQ_UINT(cpumask_first_n(64), ~0ull);
}

TEST(cpumask, test_and_of)
{
	EXPECT_TRUE(cpumask_test(0x4, 2));
	EXPECT_TRUE(!cpumask_test(0x4, 1));
	EXPECT_EQ_UINT(cpumask_of(64), 0);
	EXPECT_TRUE(!cpumask_test(~0ull, 64));
}
