/* SPDX-License-Identifier: Apache-2.0 */
/* Fixed-window report budgets (pure logic, unit-tested on the host). */
#include <bulwark/ratelimit.h>

bool ratelimit_allow(struct ratelimit *rl, u64 now, u64 window, u32 burst, u32 *untold)
{
	/* A counter that went backwards (never, but cheap to survive) starts anew. */
	if (!rl->started || now < rl->window_start || now - rl->window_start >= window) {
		rl->started = true;
		rl->window_start = now;
		rl->used = 0;
	}
	if (rl->used >= burst) {
		rl->suppressed++;
		return false;
	}
	rl->used++;
	*untold = rl->suppressed;
	rl->suppressed = 0;
	return true;
}
