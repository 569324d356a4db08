/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A small printf-style formatter: %s %c %d %i %u %x %X %p %% with the l, ll,
 * z and h modifiers, field width, '0' padding, '-' alignment and a precision
 * for %s. No floating point.
 */
#ifndef BULWARK_FORMAT_H
#define BULWARK_FORMAT_H

#include <stdarg.h>
#include <bulwark/compiler.h>
#include <bulwark/types.h>

/* Host unit tests link this next to the C library's printf family. */
#ifdef UNIT_TEST
#define vsnprintf bulwark_vsnprintf
#define snprintf  bulwark_snprintf
#endif

/*
 * Like C's: writes at most size bytes including the terminator (none when
 * size is 0) and returns the length the full output would have had.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args) __printf(3, 0);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/*
 * Writes a byte count the way a person reads it: the largest of B, KiB, MiB,
 * GiB, TiB that divides it exactly ("4 KiB", "1536 KiB", "7 B").
 */
int format_size(char *buf, size_t size, u64 bytes);

#endif /* BULWARK_FORMAT_H */
