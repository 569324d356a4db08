/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the fault-report budget (ratelimit_allow). */
#include <bulwark/ratelimit.h>

#include "test.h"

#define WINDOW 1000u
#define BURST  3u

TEST(ratelimit, burst_then_counted)
{
	struct ratelimit rl = {0};
	u32 untold = 99;

	for (unsigned int i = 0; i < BURST; i++) {
		EXPECT_TRUE(ratelimit_allow(&rl, 10 + i, WINDOW, BURST, &untold));
		EXPECT_EQ_UINT(untold, 0);
	}
	for (unsigned int i = 0; i < 5; i++)
		EXPECT_TRUE(!ratelimit_allow(&rl, 20 + i, WINDOW, BURST, &untold));
	EXPECT_EQ_UINT(rl.suppressed, 5);
}

TEST(ratelimit, next_window_tells_the_count)
{
	struct ratelimit rl = {0};
	u32 untold = 0;

	for (unsigned int i = 0; i < BURST + 7; i++)
		(void)ratelimit_allow(&rl, 100, WINDOW, BURST, &untold);
	/* Still the same window: refused. */
	EXPECT_TRUE(!ratelimit_allow(&rl, 100 + WINDOW - 1, WINDOW, BURST, &untold));
	EXPECT_TRUE(ratelimit_allow(&rl, 100 + WINDOW, WINDOW, BURST, &untold));
	EXPECT_EQ_UINT(untold, 8);
	EXPECT_EQ_UINT(rl.suppressed, 0);
	EXPECT_TRUE(ratelimit_allow(&rl, 100 + WINDOW, WINDOW, BURST, &untold));
	EXPECT_EQ_UINT(untold, 0);
}

TEST(ratelimit, a_storm_costs_constant_state)
{
	struct ratelimit rl = {0};
	u32 untold = 0;
	unsigned int allowed = 0;

	/* A million faults over ten windows: three reports per window. */
	for (unsigned int i = 0; i < 1000000; i++)
		allowed += ratelimit_allow(&rl, (u64)i / 100000 * WINDOW, WINDOW, BURST, &untold);
	EXPECT_EQ_UINT(allowed, 10 * BURST);
}

TEST(ratelimit, counter_going_back_starts_anew)
{
	struct ratelimit rl = {0};
	u32 untold = 0;

	for (unsigned int i = 0; i < BURST; i++)
		(void)ratelimit_allow(&rl, 5000, WINDOW, BURST, &untold);
	EXPECT_TRUE(ratelimit_allow(&rl, 10, WINDOW, BURST, &untold));
}
