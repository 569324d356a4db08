/* SPDX-License-Identifier: Apache-2.0 */
/* Descriptions of error numbers for messages. */
#include <bulwark/errno.h>

const char *errno_describe(int err)
{
	switch (err < 0 ? -err : err) {
	case 0:
		return "success";
	case EPERM:
		return "not permitted";
	case EIO:
		return "refused by firmware or hardware";
	case ENOMEM:
		return "out of memory";
	case EBUSY:
		return "already running";
	case ENODEV:
		return "not present";
	case EINVAL:
		return "invalid argument";
	case ENOSPC:
		return "no room left";
	case ENOSYS:
		return "not supported";
	case ETIMEDOUT:
		return "timed out";
	default:
		return "unknown error";
	}
}
