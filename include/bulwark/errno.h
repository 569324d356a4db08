/* SPDX-License-Identifier: Apache-2.0 */
/* Error numbers returned (negated) by hypervisor functions. */
#ifndef BULWARK_ERRNO_H
#define BULWARK_ERRNO_H

#define EPERM	  1
#define EIO	  5
#define ENOMEM	  12
#define EBUSY	  16
#define ENODEV	  19
#define EINVAL	  22
#define ENOSPC	  28
#define ENOSYS	  38
#define ETIMEDOUT 110

#ifndef __ASSEMBLY__
/* A short human description of a (positive or negative) error number. */
const char *errno_describe(int err);
#endif

#endif /* BULWARK_ERRNO_H */
