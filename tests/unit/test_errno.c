/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of errno_describe. */
#include <bulwark/errno.h>

#include "test.h"

TEST(errno, sign_does_not_matter)
{
	EXPECT_EQ_STR(errno_describe(-ENODEV), "not present");
	EXPECT_EQ_STR(errno_describe(ENODEV), "not present");
}

TEST(errno, unknown)
{
	EXPECT_EQ_STR(errno_describe(-9999), "unknown error");
	EXPECT_EQ_STR(errno_describe(0), "success");
}
