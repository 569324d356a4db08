/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A budget of reports per time window, so a guest that faults in a loop
 * cannot fill the console: the reports over budget are only counted, and
 * the count is told with the next report allowed.
 */
#ifndef BULWARK_RATELIMIT_H
#define BULWARK_RATELIMIT_H

#include <bulwark/types.h>

struct ratelimit {
	u64 window_start; /* counter value the current window began at */
	u32 used;	  /* reports allowed in the current window */
	u32 suppressed;	  /* reports refused since the last one allowed */
	bool started;
};

/*
 * An event at counter value now: may it be reported? At most burst per
 * window (counter ticks). When it may, *untold is the number refused
 * since the last one allowed (to be told with it); otherwise it is counted.
 */
bool ratelimit_allow(struct ratelimit *rl, u64 now, u64 window, u32 burst, u32 *untold);

#endif /* BULWARK_RATELIMIT_H */
