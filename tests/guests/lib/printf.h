/* SPDX-License-Identifier: Apache-2.0 */
/* A small printf for the test guests: %d %i %u %x %p %s %c %% with l, ll, z, 0 and width. */
#ifndef GUEST_PRINTF_H
#define GUEST_PRINTF_H

#include <stdarg.h>
#include <stddef.h>

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Formats one message and writes it to the console in a single call (at most 255 bytes). */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
